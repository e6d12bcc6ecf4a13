package io.maskflow.vision.image;

import io.maskflow.contracts.params.PreprocessParams;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns one photo into training pixels: checks the header (format, pixel count, size) before decoding, decodes
 * only the centre crop (subsampled by the decoder towards twice the training size), resizes it to the training
 * size and returns uint8 RGB, row-major.
 */
public final class ImagePreparer {

    /** Why an image was not used. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean size;
        private final boolean pixels;

        Rejected(String message, boolean size, boolean pixels) {
            super(message);
            this.size = size;
            this.pixels = pixels;
        }

        public boolean unexpectedSize() {
            return size;
        }

        public boolean tooManyPixels() {
            return pixels;
        }
    }

    private final PreprocessParams params;

    public ImagePreparer(PreprocessParams params) {
        this.params = params;
    }

    public byte[] prepare(byte[] encoded) throws Rejected {
        return prepare(encoded, null);
    }

    /**
     * Prepares one photo, cropping {@code faceBox} ({x, y, width, height}, clipped to the photo) when one is
     * given, else the centre crop.
     */
    public byte[] prepare(byte[] encoded, int[] faceBox) throws Rejected {
        // the decoder delivers only the crop, already subsampled towards the training size
        BufferedImage image = decode(encoded, faceBox);
        int cw = image.getWidth();
        int ch = image.getHeight();
        int x0 = 0;
        int y0 = 0;
        int size = params.imageSize();
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            BufferedImage source = image;
            int sw = cw;
            int sh = ch;
            int sx = x0;
            int sy = y0;
            // halve first while far larger than the target, so bilinear sampling does not alias
            while (sw >= size * 4 && sh >= size * 4) {
                BufferedImage half = new BufferedImage(sw / 2, sh / 2, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D hg = half.createGraphics();
                hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                hg.drawImage(source, 0, 0, sw / 2, sh / 2, sx, sy, sx + sw, sy + sh, null);
                hg.dispose();
                source = half;
                sx = 0;
                sy = 0;
                sw /= 2;
                sh /= 2;
            }
            g.drawImage(source, 0, 0, size, size, sx, sy, sx + sw, sy + sh, null);
        } finally {
            g.dispose();
        }
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }

    private Rectangle crop(int w, int h, int[] faceBox) throws Rejected {
        if (faceBox != null) {
            Rectangle box = new Rectangle(faceBox[0], faceBox[1], faceBox[2], faceBox[3]).intersection(
                    new Rectangle(0, 0, w, h));
            if (box.width < 8 || box.height < 8) {
                throw new Rejected("the face box " + Arrays.toString(faceBox) + " lies outside the "
                        + w + "x" + h + " photo", false, false);
            }
            return box;
        }
        int cw = Math.max(1, (int) Math.round(w * params.cropWidth() / (double) params.expectedWidth()));
        int ch = Math.max(1, (int) Math.round(h * params.cropHeight() / (double) params.expectedHeight()));
        return new Rectangle((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    private BufferedImage decode(byte[] encoded, int[] faceBox) throws Rejected {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw new Rejected("not a JPEG or PNG image", false, false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new Rejected(format + " image, not JPEG or PNG", false, false);
                }
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > params.maxPixels()) {
                    throw new Rejected(w + "x" + h + " is more than " + params.maxPixels() + " pixels", false, true);
                }
                double rw = w / (double) params.expectedWidth();
                double rh = h / (double) params.expectedHeight();
                if (rw < 0.5 || rw > 2 || rh < 0.5 || rh > 2) {
                    throw new Rejected(w + "x" + h + " is far from the expected " + params.expectedWidth() + "x"
                            + params.expectedHeight(), true, false);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                Rectangle crop = crop(w, h, faceBox);
                int cw = crop.width;
                int ch = crop.height;
                ImageReadParam read = reader.getDefaultReadParam();
                read.setSourceRegion(crop);
                int step = Math.max(1, Math.min(cw, ch) / (2 * params.imageSize()));
                read.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, read);
                if (!warnings.isEmpty()) {
                    throw new Rejected("truncated or corrupt: " + warnings.get(0), false, false);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Rejected("unreadable: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), false, false);
        }
    }
}
