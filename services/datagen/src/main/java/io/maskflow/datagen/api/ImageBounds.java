package io.maskflow.datagen.api;

import io.maskflow.vision.image.DecoderWarnings;
import io.maskflow.vision.image.ExifOrientation;
import io.maskflow.vision.image.JpegScans;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image only after its header says it is a JPEG or PNG of a sane size (no decompression bombs), and a
 * JPEG only after its markers show no more scans than a photo has ({@link JpegScans}).
 */
public final class ImageBounds {

    /** Most bytes of the decoder's own layout held at once while a photo is decoded into int RGB, band by band. */
    static final long BAND_BYTES = 16L << 20;

    /** How the reason for a photo whose decoder warned about its data begins (then the decoder's words). */
    public static final String TRUNCATED = "image is truncated or corrupt: ";

    private ImageBounds() {
    }

    /** The pixels the image's header declares, or 0 when it has no header a JPEG or PNG reader reads. */
    public static long pixels(InputStream in) throws IOException {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                return 0;
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The image as {@code TYPE_INT_RGB} (4 bytes a pixel: what the mask placer and the face networks read in place),
     * never held whole in another layout beside it: decoded straight into int RGB where the decoder can (8-bit RGB
     * PNGs), else band by band, each band (at most {@link #BAND_BYTES} in the decoder's layout) drawn into the int
     * RGB photo. So a photo costs its width x height x 4 bytes, not that plus the decoded copy (3 to 8 bytes a pixel
     * more).
     */
    public static BufferedImage decodeRgbWithin(InputStream in, long maxPixels) throws IOException {
        return decodeRgbWithin(in, maxPixels, null, BAND_BYTES);
    }

    /** As {@link #decodeRgbWithin(InputStream, long)}, with why there is a limit, said when it is refused. */
    public static BufferedImage decodeRgbWithin(InputStream in, long maxPixels, String why) throws IOException {
        return decodeRgbWithin(in, maxPixels, why, BAND_BYTES);
    }

    /**
     * As {@link #decodeRgbWithin(InputStream, long, String)}, and a JPEG or PNG stored turned with an EXIF orientation
     * (as phones store portraits) comes out upright, drawn so band by band: no second full-size copy.
     */
    public static BufferedImage decodeUprightRgbWithin(byte[] encoded, long maxPixels, String why)
            throws IOException {
        return decodeRgbWithin(encoded, maxPixels, why, BAND_BYTES, ExifOrientation.of(encoded));
    }

    static BufferedImage decodeRgbWithin(InputStream in, long maxPixels, String why, long bandBytes)
            throws IOException {
        // read whole: a JPEG's markers are walked before it is decoded (the decoder's stream holds it all anyway)
        return decodeRgbWithin(in.readAllBytes(), maxPixels, why, bandBytes, ExifOrientation.UPRIGHT);
    }

    static BufferedImage decodeRgbWithin(byte[] encoded, long maxPixels, String why, long bandBytes,
            ExifOrientation orientation) throws IOException {
        // in memory: ImageIO.createImageInputStream would copy the image into a temporary file first
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("image is not a JPEG or PNG");
            }
            ImageReader reader = readers.next();
            try {
                // not seek-forward-only: a photo read band by band is read from its start for every band
                String format;
                int width;
                int height;
                try {
                    reader.setInput(stream, false, true);
                    format = reader.getFormatName().toLowerCase(Locale.ROOT);
                    boolean readable = format.equals("jpeg") || format.equals("png");
                    width = readable ? reader.getWidth(0) : 0;
                    height = readable ? reader.getHeight(0) : 0;
                } catch (IOException | RuntimeException e) {
                    throw unreadable(e);
                }
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new IllegalArgumentException("image is " + format + ", not a JPEG or PNG");
                }
                if ((long) width * height > maxPixels) {
                    throw new IllegalArgumentException("image is " + width + "x" + height
                            + " pixels; at most " + maxPixels + " are accepted" + (why == null ? "" : ": " + why));
                }
                // as serving and preprocess refuse it: each scan is decoded over the whole photo
                Optional<String> scans = format.equals("jpeg") ? JpegScans.refusal(encoded) : Optional.empty();
                if (scans.isPresent()) {
                    throw new IllegalArgumentException("image is " + scans.get());
                }
                List<String> warnings = DecoderWarnings.of(reader); // as serving and preprocess refuse them
                BufferedImage photo;
                try {
                    photo = readRgb(reader, bandBytes, orientation, warnings);
                } catch (Damaged e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    throw unreadable(e);
                }
                refuseDamaged(warnings);
                return photo;
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * A photo the decoder fails on, as bad input (400, or a photo skipped): besides its IOExceptions, a decoder meets a
     * crafted or damaged file with a RuntimeException of its own (a corrupt ICC profile's CMMException, an index out of
     * bounds, an IllegalArgumentException from the colour conversion), none of which is a fault of this service.
     */
    private static IllegalArgumentException unreadable(Exception e) {
        String message = e.getMessage();
        String reason = e instanceof IOException ? String.valueOf(message)
                : e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return new IllegalArgumentException("image cannot be decoded: " + reason, e);
    }

    /**
     * A photo whose decoder warned about its data (a JPEG cut short: "Truncated File - Missing EOI marker", "Corrupt
     * JPEG data: premature end of data segment") as bad input, with the decoder's first words: the decoder fills what
     * is missing with grey and goes on, and serving and preprocess refuse such a photo the same way.
     */
    private static void refuseDamaged(List<String> warnings) {
        if (!warnings.isEmpty()) {
            throw new Damaged(TRUNCATED + warnings.get(0));
        }
    }

    /** A photo refused for its decoder's warnings: bad input as it stands, not wrapped as {@link #unreadable}. */
    private static final class Damaged extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    private static BufferedImage readRgb(ImageReader reader, long bandBytes, ExifOrientation orientation,
            List<String> warnings) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        ImageTypeSpecifier raw = null;
        for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
            ImageTypeSpecifier type = types.next();
            if (type.getBufferedImageType() == BufferedImage.TYPE_INT_RGB && orientation == ExifOrientation.UPRIGHT) {
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestinationType(type);
                return reader.read(0, param);
            }
            raw = raw == null ? type : raw;
        }
        int rows = bandRows(width, height, raw == null ? 8 : bytesPerPixel(raw.getSampleModel()), bandBytes);
        int[] upright = orientation.upright(width, height);
        BufferedImage photo = new BufferedImage(upright[0], upright[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        try {
            for (int y = 0; y < height; y += rows) {
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle(0, y, width, Math.min(rows, height - y)));
                AffineTransform band = orientation.toUpright(width, height);
                band.translate(0, y);
                BufferedImage read = reader.read(0, param);
                // the rest of the photo is not decoded once a band of it is damaged
                refuseDamaged(warnings);
                g.drawImage(read, band, null);
            }
        } finally {
            g.dispose();
        }
        return photo;
    }

    /** Rows of a band: the whole image when it fits in {@code bandBytes}, else as many rows as do (at least 1). */
    static int bandRows(int width, int height, int bytesPerPixel, long bandBytes) {
        long perRow = (long) width * bytesPerPixel;
        return (int) Math.max(1, Math.min(height, bandBytes / perRow));
    }

    private static int bytesPerPixel(SampleModel model) {
        int bits = 0;
        for (int size : model.getSampleSize()) {
            bits += size;
        }
        return Math.max(1, (bits + 7) / 8);
    }
}
