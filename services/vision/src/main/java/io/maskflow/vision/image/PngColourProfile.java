package io.maskflow.vision.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jboss.logging.Logger;

/**
 * The colour profile a PNG carries in its {@code iCCP} chunk, and its pixels converted from it to sRGB. Java's JPEG
 * decoder applies a JPEG's embedded profile; its PNG decoder ignores a PNG's and hands out the stored values as if
 * they were sRGB, so a Display-P3 PNG (as phones and Macs save screenshots and edited photos) came out duller than
 * the same photo as a JPEG. A profile that cannot be used (damaged, not zlib, no ICC profile, of another kind than
 * the pixels, a chunk failing its CRC) is passed over and the pixels taken as sRGB, as the JPEG decoder does with a
 * JPEG's ({@link DecoderWarnings}); only a debug line says so.
 */
final class PngColourProfile {

    private static final Logger LOG = Logger.getLogger(PngColourProfile.class);

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** More than any photo's profile (a few KB; printers' largest are a few MB): a bomb is not inflated. */
    private static final int MAX_PROFILE = 4 << 20;

    private static final ColorSpace SRGB = ColorSpace.getInstance(ColorSpace.CS_sRGB);

    /** Colours a profile that is sRGB in effect leaves where they are, R, G, B one after another. */
    private static final int[] PROBE = {0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 64, 64, 64,
        128, 128, 128, 192, 192, 192, 32, 160, 224};

    /** Chunks of at most this many bytes are remembered with what they gave (a photo's profile has a few KB). */
    private static final int MAX_CACHED_CHUNK = 64 << 10;

    /**
     * The profiles of the last PNGs read, by their chunk's bytes, and what they gave: building a conversion takes
     * 5 – 8 ms, converting a crop with a built one about 1 ms, and a data set's or a user's photos share a few.
     */
    private static final Map<ByteBuffer, Optional<PngColourProfile>> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Optional<PngColourProfile>> eldest) {
            return size() > 32;
        }
    };

    private final ICC_ColorSpace space;
    /** Built once, used by one thread at a time: the op keeps the engine's transform between calls. */
    private final ColorConvertOp convert;

    private PngColourProfile(ICC_ColorSpace space) {
        this.space = space;
        this.convert = new ColorConvertOp(space, SRGB, null);
    }

    /**
     * The colour profile in a PNG's {@code iCCP} chunk when it is an RGB or grey profile other than sRGB; empty for
     * a PNG without one (the chunks are walked only up to the image data, which {@code iCCP} must come before), an
     * sRGB one, one that cannot be used, and any other bytes.
     */
    static Optional<PngColourProfile> of(byte[] encoded) {
        if (encoded.length < SIGNATURE.length || !Arrays.equals(encoded, 0, SIGNATURE.length, SIGNATURE, 0,
                SIGNATURE.length)) {
            return Optional.empty();
        }
        long at = SIGNATURE.length;
        while (at + 12 <= encoded.length) {
            long length = u32(encoded, (int) at);
            long end = at + 8 + length;
            if (end + 4 > encoded.length) {
                return Optional.empty();
            }
            int type = (int) at + 4;
            if (isType(encoded, type, "iCCP")) {
                return cached(encoded, type, (int) end);
            }
            if (isType(encoded, type, "IDAT") || isType(encoded, type, "IEND")) {
                return Optional.empty();
            }
            at = end + 4;
        }
        return Optional.empty();
    }

    private static Optional<PngColourProfile> cached(byte[] png, int type, int end) {
        if (end - type > MAX_CACHED_CHUNK) {
            return profile(png, type, end);
        }
        ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOfRange(png, type, end + 4));
        synchronized (CACHE) {
            Optional<PngColourProfile> known = CACHE.get(chunk);
            if (known != null) {
                return known;
            }
        }
        Optional<PngColourProfile> profile = profile(png, type, end);
        synchronized (CACHE) {
            CACHE.put(chunk, profile);
        }
        return profile;
    }

    /** The profile in an {@code iCCP} chunk: a name of 1 – 79 bytes, a zero, compression method 0, zlib data. */
    private static Optional<PngColourProfile> profile(byte[] png, int type, int end) {
        CRC32 crc = new CRC32();
        crc.update(png, type, end - type);
        if (crc.getValue() != u32(png, end)) {
            LOG.debug("a PNG's iCCP chunk fails its CRC: passed over, its pixels taken as sRGB");
            return Optional.empty();
        }
        int data = type + 4;
        int zero = data;
        while (zero < end && zero - data < 80 && png[zero] != 0) {
            zero++;
        }
        if (zero == data || zero + 2 > end || png[zero] != 0 || png[zero + 1] != 0) {
            LOG.debug("a PNG's iCCP chunk has no name or an unknown compression: passed over");
            return Optional.empty();
        }
        String name = new String(png, data, zero - data, StandardCharsets.ISO_8859_1);
        try {
            ICC_Profile profile = ICC_Profile.getInstance(inflate(png, zero + 2, end));
            int kind = profile.getColorSpaceType();
            if (kind != ColorSpace.TYPE_RGB && kind != ColorSpace.TYPE_GRAY) {
                LOG.debugf("a PNG's colour profile '%s' is neither RGB nor grey: passed over", name);
                return Optional.empty();
            }
            PngColourProfile converting = new PngColourProfile(new ICC_ColorSpace(profile));
            return converting.isSrgb() ? Optional.empty() : Optional.of(converting);
        } catch (DataFormatException | RuntimeException e) {
            LOG.debugf("a PNG's colour profile '%s' is unusable (%s): passed over, its pixels taken as sRGB", name,
                    e);
            return Optional.empty();
        }
    }

    private static byte[] inflate(byte[] png, int from, int end) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, from, end - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_PROFILE, 8 * (end - from)));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("the profile's data ends before its zlib stream does");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_PROFILE) {
                    throw new DataFormatException("the profile inflates to more than " + MAX_PROFILE + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /**
     * Whether an RGB profile is sRGB in effect: whether it leaves a few colours (black, white, the primaries, greys,
     * a sky blue) within a unit where they are. Its pixels are then taken as they are, the same bytes as without a
     * profile: converting would cost time and move some by one. Names are no guide (the JDK's linear profile calls
     * itself "linear sRGB").
     */
    private boolean isSrgb() {
        if (space.getType() != ColorSpace.TYPE_RGB) {
            return false;
        }
        WritableRaster probe = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, PROBE.length / 3, 1, 3, null);
        probe.setPixels(0, 0, PROBE.length / 3, 1, PROBE);
        Raster srgb;
        synchronized (convert) {
            srgb = convert.filter(probe, null);
        }
        int[] out = srgb.getPixels(0, 0, PROBE.length / 3, 1, (int[]) null);
        for (int i = 0; i < PROBE.length; i++) {
            if (Math.abs(out[i] - PROBE[i]) > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The image's pixels, given in this profile, converted to sRGB: 8-bit RGB (with alpha if it has it); the image
     * as it is when the profile is of another kind than its pixels (a grey profile on an RGB PNG) or the conversion
     * fails.
     */
    BufferedImage toSrgb(BufferedImage image) {
        BufferedImage source = image;
        if (!(image.getColorModel() instanceof ComponentColorModel)) {
            // a palette's colours are in the profile's space too: its pixels, unconverted, as RGB values
            source = new BufferedImage(image.getWidth(), image.getHeight(), image.getColorModel().hasAlpha()
                    ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = source.createGraphics();
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ColorModel model = source.getColorModel();
        int colours = space.getNumComponents();
        if (model.getNumColorComponents() != colours) {
            LOG.debugf("a PNG's colour profile has %d components, its pixels %d: passed over", colours,
                    model.getNumColorComponents());
            return image;
        }
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage srgb = new BufferedImage(w, h, model.hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR
                : BufferedImage.TYPE_3BYTE_BGR);
        try {
            if (model.getTransferType() == DataBuffer.TYPE_BYTE && !model.isAlphaPremultiplied()) {
                // colour bands first, alpha last, as in every 8-bit PNG the decoder reads: the engine's fast path
                WritableRaster from = source.getRaster();
                WritableRaster to = srgb.getRaster();
                synchronized (convert) {
                    convert.filter(from.createChild(0, 0, w, h, 0, 0, bands(colours)),
                            to.createWritableChild(0, 0, w, h, 0, 0, bands(3)));
                }
                if (model.hasAlpha()) {
                    int[] alpha = new int[w];
                    for (int y = 0; y < h; y++) {
                        to.setSamples(0, y, w, 1, 3, from.getSamples(0, y, w, 1, colours, alpha));
                    }
                }
                return srgb;
            }
            // 16 bits: the pixels in the profile's space, converted a pixel at a time (slower, and rare)
            ColorModel inProfile = new ComponentColorModel(space, model.hasAlpha(), model.isAlphaPremultiplied(),
                    model.getTransparency(), model.getTransferType());
            BufferedImage tagged = new BufferedImage(inProfile, source.getRaster(), model.isAlphaPremultiplied(),
                    null);
            return new ColorConvertOp(null).filter(tagged, srgb);
        } catch (RuntimeException e) {
            // a profile that parses can still fail in the colour engine (CMMException, ProfileDataException)
            LOG.debugf("a PNG's colour profile does not convert (%s): passed over, its pixels taken as sRGB", e);
            return image;
        }
    }

    private static int[] bands(int count) {
        int[] bands = new int[count];
        for (int i = 0; i < count; i++) {
            bands[i] = i;
        }
        return bands;
    }

    private static boolean isType(byte[] b, int at, String type) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != type.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
