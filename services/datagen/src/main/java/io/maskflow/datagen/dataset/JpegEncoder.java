package io.maskflow.datagen.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG encoding, with one ImageIO writer per thread (writers are not thread-safe). A picture drawn as packed ints
 * ({@code TYPE_INT_RGB}) is first copied into a reused 3-byte picture: ImageIO's writer reads packed ints one sample
 * at a time through the generic raster path, which cost more than the compression itself; the bytes it writes are
 * the same.
 */
public final class JpegEncoder {

    /** Quality of the generated photos: close to what phone cameras write. */
    public static final float QUALITY = 0.92f;

    private static final ThreadLocal<ImageWriter> WRITERS = ThreadLocal.withInitial(
            () -> ImageIO.getImageWritersByFormatName("jpeg").next());
    private static final ThreadLocal<BufferedImage[]> BYTE_COPIES = ThreadLocal.withInitial(() -> new BufferedImage[1]);

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
            writer.write(null, new IIOImage(asBytes(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    /** {@code image} as 3-byte BGR (this thread's reused copy) when it is a whole packed-RGB picture; else itself. */
    static BufferedImage asBytes(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || !(image.getRaster().getDataBuffer() instanceof DataBufferInt ints)
                || ints.getData().length != image.getWidth() * image.getHeight()
                || image.getRaster().getSampleModelTranslateX() != 0
                || image.getRaster().getSampleModelTranslateY() != 0) {
            return image; // another layout, or a part of a larger picture: the writer reads it as it is
        }
        BufferedImage[] held = BYTE_COPIES.get();
        BufferedImage copy = held[0];
        if (copy == null || copy.getWidth() != image.getWidth() || copy.getHeight() != image.getHeight()) {
            copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            held[0] = copy;
        }
        int[] from = ints.getData();
        byte[] to = ((DataBufferByte) copy.getRaster().getDataBuffer()).getData();
        for (int i = 0, o = 0; i < from.length; i++, o += 3) {
            int rgb = from[i];
            to[o] = (byte) rgb;
            to[o + 1] = (byte) (rgb >> 8);
            to[o + 2] = (byte) (rgb >> 16);
        }
        return copy;
    }
}
