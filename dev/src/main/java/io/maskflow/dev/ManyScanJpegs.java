package io.maskflow.dev;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEGs for tests of the scan limit (vision's {@code JpegScans}): a photo written progressive, as libjpeg writes it
 * (10 scans for colour), and the same with its last scan repeated before its end, as a probe of 2026-12-07 made with
 * Pillow: a few hundred KB that kept the JDK's decoder busy for seconds to a minute.
 */
public final class ManyScanJpegs {

    private ManyScanJpegs() {
    }

    /** {@code photo} as a JPEG that Image I/O writes, progressive (libjpeg's standard scans) or baseline. */
    public static byte[] jpeg(BufferedImage photo, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(photo, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * {@code jpeg} with {@code copies} more copies of its last scan (its SOS segment and data) before its EOI.
     *
     * @throws IllegalArgumentException when {@code jpeg} has no scan or does not end with EOI
     */
    public static byte[] withLastScanRepeated(byte[] jpeg, int copies) {
        int last = -1;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                last = i; // in entropy-coded data an 0xFF is followed by 0x00 or a restart marker, never 0xDA
            }
        }
        int end = jpeg.length - 2;
        if (last < 0 || end < last || (jpeg[end] & 0xFF) != 0xFF || (jpeg[end + 1] & 0xFF) != 0xD9) {
            throw new IllegalArgumentException("not a JPEG with a scan that ends with its EOI marker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int i = 0; i < copies; i++) {
            out.write(jpeg, last, end - last);
        }
        out.write(jpeg, end, 2);
        return out.toByteArray();
    }
}
