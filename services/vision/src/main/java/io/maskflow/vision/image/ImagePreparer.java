package io.maskflow.vision.image;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.vision.face.FaceAnalyzer;
import io.maskflow.vision.model.ModelDescriptor;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns one photo into training pixels: checks the header (format, pixel count, size) before decoding, decodes
 * only the centre crop (subsampled by the decoder towards twice the training size), resizes it to the training
 * size and returns uint8 RGB, row-major. The centre crop is the {@code cropWidth x cropHeight} of an expected-size
 * photo (256 x 320 of 384 x 512), scaled the same across and down to the largest frame of the expected shape the
 * photo holds, in its middle: it keeps its aspect whatever the photo's shape, so a landscape, square or 16:9 photo
 * gives the crop of the 3:4 portrait in its middle (until 2026-12-07 each side was scaled on its own and such a
 * crop came out squashed). With {@code crop=face} it decodes the whole photo, finds the face ({@link FaceCrop}) and
 * crops around it, subsampled the same way; a photo without a face gets the centre crop, the same pixels as with
 * {@code crop=centre}, and the caller is told ({@link Crop#CENTRE_FALLBACK}). A JPEG whose EXIF block says it is
 * stored turned (as phones store portraits) is taken as seen upright: its size, crop and face box are the upright
 * photo's. A PNG's colour profile is applied, as the JPEG decoder applies a JPEG's ({@link PngColourProfile}). A
 * JPEG of more scans than any encoder writes, or of too many for its size, is refused from its markers before it is
 * decoded ({@link JpegScans}).
 */
public final class ImagePreparer {

    /** Photos whose long side is more than this many times their short side are no photo of a person. */
    static final int MAX_SIDES = 3;

    /** The preprocessing parameters a model's input transform depends on (the rest only shape training data). */
    static final List<String> MODEL_TRANSFORM = List.of("cropWidth", "cropHeight", "expectedWidth",
            "expectedHeight", "maxPixels", "crop", "faceMargin");

    /** Where the pixels were cropped from. */
    public enum Crop {
        /** the centre crop ({@code crop=centre}) */
        CENTRE,
        /** a face box the caller gave */
        GIVEN_BOX,
        /** around the face the detector found ({@code crop=face}) */
        FACE,
        /** the centre crop because the detector found no face ({@code crop=face}) */
        CENTRE_FALLBACK
    }

    /** A prepared photo: {@code imageSize x imageSize x 3} RGB bytes, and where they were cropped from. */
    public record Prepared(byte[] pixels, Crop crop) {

        /** Whether a face was asked for but none was found, so the centre crop was used. */
        public boolean fellBack() {
            return crop == Crop.CENTRE_FALLBACK;
        }
    }

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
    private final FaceCrop faceCrop;

    /** A preparer for {@code crop=centre} (a {@code crop=face} one needs a face analyzer). */
    public ImagePreparer(PreprocessParams params) {
        this(params, null);
    }

    /**
     * @param faces the face detector, shared and not closed here; required when {@code params} say
     *     {@code crop=face}, unused otherwise (may be null)
     */
    public ImagePreparer(PreprocessParams params, FaceAnalyzer faces) {
        if (params.cropsFaces() && faces == null) {
            throw new IllegalArgumentException("crop=face needs a face analyzer");
        }
        this.params = params;
        this.faceCrop = params.cropsFaces() ? new FaceCrop(faces, params.faceMargin(),
                params.cropWidth() / (double) params.cropHeight()) : null;
    }

    /**
     * The parameters of the input transform a model was trained with: its descriptor's crop, expected photo size
     * and pixel limit (defaults for what an older descriptor lacks: the centre crop) and its input size.
     */
    public static PreprocessParams paramsOf(ModelDescriptor descriptor) {
        Map<String, Object> transform = new LinkedHashMap<>(descriptor.preprocessing());
        transform.keySet().retainAll(MODEL_TRANSFORM);
        transform.put("imageSize", descriptor.imageSize());
        return StepParameters.bind(transform, PreprocessParams.DEFAULTS);
    }

    public PreprocessParams params() {
        return params;
    }

    public byte[] prepare(byte[] encoded) throws Rejected {
        return prepare(encoded, null);
    }

    /**
     * Prepares one photo, cropping {@code faceBox} ({x, y, width, height}, clipped to the photo) when one is
     * given, else the face or the centre crop as the parameters say.
     */
    public byte[] prepare(byte[] encoded, int[] faceBox) throws Rejected {
        return prepareImage(encoded, faceBox).pixels();
    }

    /** As {@link #prepare(byte[], int[])}, telling where the crop came from. */
    public Prepared prepareImage(byte[] encoded, int[] faceBox) throws Rejected {
        if (faceBox != null || faceCrop == null) {
            // the decoder delivers only the crop, already subsampled towards the training size
            return new Prepared(resize(decode(encoded, faceBox, false)),
                    faceBox != null ? Crop.GIVEN_BOX : Crop.CENTRE);
        }
        BufferedImage photo = decode(encoded, null, true);
        Optional<Rectangle> face = faceCrop.find(photo);
        if (face.isEmpty()) {
            // decoded again as crop=centre decodes it: the very same pixels, also for a photo decoded smaller or
            // turned upright above
            return new Prepared(resize(decode(encoded, null, false)), Crop.CENTRE_FALLBACK);
        }
        return new Prepared(resize(subsample(photo, face.get())), Crop.FACE);
    }

    /** The region of a whole decoded photo, subsampled as the decoder subsamples a region it reads alone. */
    private BufferedImage subsample(BufferedImage photo, Rectangle region) {
        int step = step(region);
        int w = (region.width + step - 1) / step;
        int h = (region.height + step - 1) / step;
        WritableRaster source = photo.getRaster();
        WritableRaster target = source.createCompatibleWritableRaster(w, h);
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = source.getDataElements(region.x + x * step, region.y + y * step, pixel);
                target.setDataElements(x, y, pixel);
            }
        }
        return new BufferedImage(photo.getColorModel(), target, photo.isAlphaPremultiplied(), null);
    }

    private int step(Rectangle region) {
        return Math.max(1, Math.min(region.width, region.height) / (2 * params.imageSize()));
    }

    /** Resizes a decoded crop to the training size: RGB bytes, row-major. */
    private byte[] resize(BufferedImage image) {
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

    /**
     * Refuses a photo so small that its centre crop would be enlarged more than twice to the training size (a
     * thumbnail: too little of the face is left), and, for the centre crop only, a strip or a panorama: a photo
     * whose long side is more than {@link #MAX_SIDES} times its short one. Any camera's shape is taken (9:16 to 16:9,
     * a phone's 9:19.5 screenshot, 21:9); where a face box is given or searched for, the photo's shape does not
     * matter at all. A photo smaller than expected is taken while its crop is large enough: a 200 x 200 one is cropped
     * to its centre 100 x 125 (the crop of the 150 x 200 frame of the expected shape it holds). Until 2026-12-06
     * every photo under half the expected width or height was refused, so a data set of 200 x 200 photos could not be
     * trained on at all; until 2026-12-07 a photo more than twice as wide (or half as wide) for its height as
     * 384 x 512 was refused, a 16:9 one among them.
     */
    private void checkSize(int w, int h, boolean centre) throws Rejected {
        int unit = gcd(params.expectedWidth(), params.expectedHeight());
        String shape = params.expectedWidth() / unit + ":" + params.expectedHeight() / unit;
        String expected = params.expectedWidth() + "x" + params.expectedHeight();
        double sides = Math.max(w, h) / (double) Math.min(w, h);
        if (centre && sides > MAX_SIDES) {
            throw new Rejected(String.format(Locale.ROOT, "%dx%d is a strip, not a photo of a person: its long side "
                    + "is %.1f times its short one (at most %d is taken for the centre crop); crop it around the "
                    + "person, best to %s like the expected %s", w, h, sides, MAX_SIDES, shape, expected), true, false);
        }
        Rectangle crop = centreCrop(params, w, h);
        int least = Math.max(8, (params.imageSize() + 1) / 2);
        if (crop.width < least || crop.height < least) {
            // the smallest photo of the expected shape whose crop is large enough
            int n = 0;
            Rectangle enough;
            do {
                n++;
                enough = centreCrop(params, n * params.expectedWidth() / unit, n * params.expectedHeight() / unit);
            } while (enough.width < least || enough.height < least);
            throw new Rejected(w + "x" + h + " is too small: its centre crop of " + crop.width + "x" + crop.height
                    + " pixels (the " + params.cropWidth() + "x" + params.cropHeight() + " of a " + expected
                    + " photo, scaled to the largest " + shape + " frame the photo holds) would be enlarged more than "
                    + "twice to " + params.imageSize() + "x" + params.imageSize() + "; send a larger photo, of at "
                    + "least " + n * params.expectedWidth() / unit + "x" + n * params.expectedHeight() / unit + " at "
                    + shape, true, false);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private Rectangle crop(int w, int h, int[] faceBox) throws Rejected {
        if (faceBox == null) {
            return centreCrop(params, w, h);
        }
        Rectangle box = new Rectangle(faceBox[0], faceBox[1], faceBox[2], faceBox[3]).intersection(
                new Rectangle(0, 0, w, h));
        if (box.width < 8 || box.height < 8) {
            throw new Rejected("the face box " + Arrays.toString(faceBox) + " lies outside the "
                    + w + "x" + h + " photo", false, false);
        }
        return box;
    }

    /**
     * The centre crop of a {@code w x h} photo (as seen upright): the {@code cropWidth x cropHeight} of an
     * expected-size photo, scaled by the smaller of the photo's width and height over the expected ones, in the
     * photo's middle. For a photo of exactly the expected shape, of any size, the very crop it had when each side was
     * scaled on its own: the same arithmetic on the same numbers.
     */
    public static Rectangle centreCrop(PreprocessParams params, int w, int h) {
        boolean byWidth = (long) w * params.expectedHeight() <= (long) h * params.expectedWidth();
        int side = byWidth ? w : h;
        double expected = byWidth ? params.expectedWidth() : params.expectedHeight();
        int cw = (int) Math.min(w, Math.max(1, Math.round(side * params.cropWidth() / expected)));
        int ch = (int) Math.min(h, Math.max(1, Math.round(side * params.cropHeight() / expected)));
        return new Rectangle((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    /** Checks and decodes a photo: only its crop, subsampled, or with {@code whole} all of it at full size. */
    private BufferedImage decode(byte[] encoded, int[] faceBox, boolean whole) throws Rejected {
        // from memory: ImageIO.createImageInputStream would copy every photo into a temporary file first
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new Rejected(OtherFormats.refusal(encoded), false, false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new Rejected(format + " image, not JPEG or PNG", false, false);
                }
                int storedWidth = reader.getWidth(0);
                int storedHeight = reader.getHeight(0);
                if ((long) storedWidth * storedHeight > params.maxPixels()) {
                    throw new Rejected(storedWidth + "x" + storedHeight + " is more than " + params.maxPixels()
                            + " pixels", false, true);
                }
                // a JPEG's scans are each decoded over the whole photo: thousands of them take a core for a minute
                Optional<String> scans = format.equals("jpeg") ? JpegScans.refusal(encoded) : Optional.empty();
                if (scans.isPresent()) {
                    throw new Rejected(scans.get(), false, false);
                }
                // sizes, crops and face boxes are those of the photo as seen upright
                ExifOrientation orientation = ExifOrientation.of(encoded);
                int[] upright = orientation.upright(storedWidth, storedHeight);
                int w = upright[0];
                int h = upright[1];
                checkSize(w, h, faceBox == null && !whole);
                List<String> warnings = DecoderWarnings.of(reader);
                ImageReadParam read = reader.getDefaultReadParam();
                if (!whole) {
                    Rectangle crop = crop(w, h, faceBox);
                    read.setSourceRegion(orientation.stored(crop, storedWidth, storedHeight));
                    int step = step(crop);
                    read.setSourceSubsampling(step, step, 0, 0);
                } else {
                    // a photo of more than four times the expected pixels is decoded at about four times them,
                    // plenty for the face detector, so a 12-megapixel photo does not take 36 MB of heap
                    double rw = w / (double) params.expectedWidth();
                    double rh = h / (double) params.expectedHeight();
                    int step = (int) Math.ceil(Math.sqrt(rw * rh / 4));
                    if (step > 1) {
                        read.setSourceSubsampling(step, step, 0, 0);
                    }
                }
                // from the chunks before a PNG's image data; a JPEG's profile the decoder applies itself
                Optional<PngColourProfile> profile = format.equals("png") ? PngColourProfile.of(encoded)
                        : Optional.empty();
                BufferedImage image = reader.read(0, read);
                if (!warnings.isEmpty()) {
                    throw new Rejected("truncated or corrupt: " + warnings.get(0), false, false);
                }
                if (profile.isPresent()) {
                    image = profile.get().toSrgb(image);
                }
                return orientation.turnUpright(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Rejected("unreadable: " + reason(e), false, false);
        }
    }

    /**
     * The decoder's words, with those of the failure underneath when they say more: the PNG reader answers every
     * header it refuses with "I/O error reading PNG header!", and says why (a bit depth, a colour type, a width of
     * 0) only in its cause.
     */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            return message + " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
