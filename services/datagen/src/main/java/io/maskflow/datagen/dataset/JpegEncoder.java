package io.maskflow.datagen.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEG encoding, with one ImageIO writer per thread (writers are not thread-safe). */
public final class JpegEncoder {

    /** Quality of the generated photos: close to what phone cameras write. */
    public static final float QUALITY = 0.92f;

    private static final ThreadLocal<ImageWriter> WRITERS = ThreadLocal.withInitial(
            () -> ImageIO.getImageWritersByFormatName("jpeg").next());

    private JpegEncoder() {
    }

    public static byte[] encode(BufferedImage image) {
        return encode(image, QUALITY);
    }

    /** JPEG at the given quality (0 .. 1). */
    public static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = WRITERS.get();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }
}
