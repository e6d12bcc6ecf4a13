package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A PNG's colour profile (its {@code iCCP} chunk) is applied, as the JPEG decoder applies a JPEG's: a Display-P3
 * PNG was taken as sRGB, its answer 0.28 away from the sRGB photo's where the JPEG with the same profile was 0.015
 * away. The test photos carry the JDK's linear RGB and linear grey profiles, far from sRGB.
 */
class ImagePreparerColourProfileTest {

    private static final PreprocessParams PARAMS = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);

    @Test
    void convertsAPngWithAnotherProfileToSrgb() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage linear = ImageIO.read(new ByteArrayInputStream(ImagePreparerSizeTest.picture(384, 512)));
        BufferedImage srgb = convert(linear);
        byte[] tagged = preparer.prepare(withProfile(png(linear), profile(ColorSpace.CS_LINEAR_RGB)));
        byte[] expected = preparer.prepare(png(srgb));
        assertThat(maxDifference(tagged, expected)).as("largest difference to the sRGB photo").isLessThanOrEqualTo(2);
        assertThat(maxDifference(preparer.prepare(png(linear)), expected)).as("the profile makes a difference")
                .isGreaterThan(40);

        // flat colours, against the sRGB curve: 8-bit RGB, with alpha, and a palette
        int[] rgb = {200, 100, 50};
        int[] want = {srgb(200), srgb(100), srgb(50)};
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_BYTE_INDEXED}) {
            int[] colour = type == BufferedImage.TYPE_BYTE_INDEXED ? new int[] {204, 102, 51} : rgb;
            int[] wanted = type == BufferedImage.TYPE_BYTE_INDEXED
                    ? new int[] {srgb(204), srgb(102), srgb(51)} : want;
            byte[] pixels = preparer.prepare(withProfile(png(flat(type, new Color(colour[0], colour[1], colour[2]))),
                    profile(ColorSpace.CS_LINEAR_RGB)));
            for (int i = 0; i < pixels.length; i++) {
                assertThat(pixels[i] & 0xff).as("type %d, byte %d", type, i).isBetween(wanted[i % 3] - 2,
                        wanted[i % 3] + 2);
            }
        }
    }

    @Test
    void convertsAGreyPngWithAGreyProfile() throws Exception {
        byte[] pixels = new ImagePreparer(PARAMS).prepare(withProfile(png(flat(BufferedImage.TYPE_BYTE_GRAY,
                new Color(100, 100, 100))), profile(ColorSpace.CS_GRAY)));
        for (int i = 0; i < pixels.length; i++) {
            assertThat(pixels[i] & 0xff).as("byte %d", i).isBetween(srgb(100) - 2, srgb(100) + 2);
        }
    }

    /**
     * An sRGB profile changes nothing (the same bytes as without one); a profile that is damaged, does not inflate,
     * is no ICC profile, is of another kind than the pixels, or whose chunk fails its CRC is passed over: the pixels
     * are taken as sRGB, as a JPEG's unusable profile is.
     */
    @Test
    void anSrgbProfileChangesNothingAndABrokenOneIsPassedOver() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ImagePreparerSizeTest.picture(384, 512)));
        byte[] plain = png(image);
        byte[] expected = preparer.prepare(plain);
        byte[] damaged = profile(ColorSpace.CS_LINEAR_RGB);
        java.util.Arrays.fill(damaged, 128, damaged.length, (byte) 7);
        byte[] badCrc = withProfile(plain, profile(ColorSpace.CS_LINEAR_RGB));
        badCrc[8 + 25 + 8 + 20] ^= 1; // a byte of the iCCP chunk's data, after the signature and IHDR
        for (byte[] png : new byte[][] {withProfile(plain, profile(ColorSpace.CS_sRGB)), withProfile(plain, damaged),
                withProfile(plain, "no ICC profile".getBytes(StandardCharsets.US_ASCII)),
                withProfile(plain, profile(ColorSpace.CS_GRAY)), withChunk(plain, "iCCP", "P3\0\0not zlib"
                        .getBytes(StandardCharsets.US_ASCII)), badCrc}) {
            assertThat(preparer.prepare(png)).isEqualTo(expected);
        }
    }

    private static BufferedImage convert(BufferedImage linear) {
        BufferedImage out = new BufferedImage(linear.getWidth(), linear.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        new ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
                ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(linear.getRaster(), out.getRaster());
        return out;
    }

    /** A linear value (0 – 255) in sRGB's curve. */
    private static int srgb(int linear) {
        double c = linear / 255.0;
        return (int) Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055));
    }

    private static byte[] profile(int space) {
        return ICC_Profile.getInstance(space).getData();
    }

    private static BufferedImage flat(int type, Color colour) {
        BufferedImage image = new BufferedImage(384, 512, type);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 384, 512);
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The PNG with an {@code iCCP} chunk of the profile after its header, named and compressed as PNG says. */
    static byte[] withProfile(byte[] png, byte[] profile) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write("a profile\0\0".getBytes(StandardCharsets.ISO_8859_1));
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(data, new Deflater(9))) {
            deflate.write(profile);
        }
        return withChunk(png, "iCCP", data.toByteArray());
    }

    /** The PNG with a chunk after its header ({@code IHDR}, 25 bytes after the 8 of the signature). */
    static byte[] withChunk(byte[] png, String type, byte[] data) {
        int at = 8 + 25;
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + data.length);
        out.put(png, 0, at).putInt(data.length);
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.put(typeAndData).putInt((int) crc.getValue()).put(png, at, png.length - at);
        return out.array();
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int most = 0;
        for (int i = 0; i < a.length; i++) {
            most = Math.max(most, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return most;
    }
}
