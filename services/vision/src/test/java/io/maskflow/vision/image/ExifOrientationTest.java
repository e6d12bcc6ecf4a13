package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Phones store a portrait turned and say so in EXIF: the photo is prepared as seen upright. */
class ExifOrientationTest {

    private static final PreprocessParams PARAMS = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);

    /** An upright 384 x 512 picture with a mark in the upper left of its centre crop, so a turn shows. */
    static BufferedImage upright() {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 512; y += 8) {
            g.setColor(new Color(40 + y / 4, 90, 200 - y / 4));
            g.fillRect(0, y, 384, 8);
        }
        g.setColor(new Color(230, 190, 160));
        g.fillOval(112, 140, 160, 210);
        g.setColor(new Color(20, 230, 40));
        g.fillRect(70, 100, 90, 70);
        g.dispose();
        return image;
    }

    /** The picture as a camera would store it for {@code orientation}: the pixels turned the other way. */
    static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> AffineTransform.getRotateInstance(Math.PI, w / 2.0, h / 2.0);
            // to be turned clockwise to be upright, so stored turned anticlockwise
            case 6 -> new AffineTransform(0, -1, 1, 0, 0, w);
            case 8 -> new AffineTransform(0, 1, -1, 0, h, 0);
            default -> throw new IllegalArgumentException("orientation " + orientation);
        };
        BufferedImage out = new BufferedImage(orientation >= 5 ? h : w, orientation >= 5 ? w : h,
                BufferedImage.TYPE_3BYTE_BGR);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(upright, out);
        return out;
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** {@code jpeg} with an EXIF block holding two tags, the orientation second, in either byte order. */
    static byte[] withExif(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 0x010f).putShort((short) 2).putInt(4).put(new byte[] {'A', 'c', 'm', 0}); // Make
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] body = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(0xe1);
        int length = 2 + 6 + body.length;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    @Test
    void readsTheOrientationInEitherByteOrder() throws Exception {
        byte[] plain = jpeg(upright());
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                assertThat(ExifOrientation.of(withExif(plain, orientation, order)).ordinal() + 1)
                        .isEqualTo(orientation);
            }
        }
        assertThat(ExifOrientation.of(plain)).isEqualTo(ExifOrientation.UPRIGHT);
    }

    @Test
    void preparesAStoredTurnedPhotoAsTheUprightOne() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage upright = upright();
        byte[] expected = preparer.prepare(jpeg(upright));
        for (int orientation : new int[] {2, 3, 6, 8}) {
            byte[] turned = jpeg(stored(upright, orientation));
            assertThat(meanDifference(expected, preparer.prepare(turned)))
                    .as("orientation %d without its EXIF block is another picture", orientation).isGreaterThan(8);
            byte[] tagged = withExif(turned, orientation, ByteOrder.BIG_ENDIAN);
            assertThat(meanDifference(expected, preparer.prepare(tagged)))
                    .as("orientation %d with its EXIF block", orientation).isLessThan(6);
        }
    }

    /** A damaged EXIF block is read as upright, never as an exception. */
    @Test
    void aDamagedBlockIsUpright() throws Exception {
        byte[] tagged = withExif(jpeg(upright()), 6, ByteOrder.LITTLE_ENDIAN);
        for (int length = 0; length < 64; length++) {
            ExifOrientation.of(Arrays.copyOf(tagged, length));
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = tagged.clone();
            damaged[4 + random.nextInt(60)] = (byte) random.nextInt(256);
            assertThat(ExifOrientation.of(damaged)).isNotNull();
        }
    }
}
