package io.maskflow.datagen.api;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes an image only after its header says it is a JPEG or PNG of a sane size (no decompression bombs). */
public final class ImageBounds {

    private ImageBounds() {
    }

    public static BufferedImage decodeWithin(InputStream in, long maxPixels) throws IOException {
        // in memory: ImageIO.createImageInputStream would copy the image into a temporary file first
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("image is not a JPEG or PNG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new IllegalArgumentException("image is " + format + ", not a JPEG or PNG");
                }
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new IllegalArgumentException("image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels; at most " + maxPixels + " are accepted");
                }
                return reader.read(0);
            } catch (IOException e) {
                throw new IllegalArgumentException("image cannot be decoded: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }
}
