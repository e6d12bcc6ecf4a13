package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Which photo sizes are taken: the expected size and anything larger of about its shape (a camera's photo of the
 * same framing), not a thumbnail nor a strip.
 */
class ImagePreparerSizeTest {

    private static final PreprocessParams PARAMS = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);

    /** The same picture at any size: soft shapes on a gradient, so a scaled copy shows the same thing. */
    static byte[] picture(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.scale(width / 384.0, height / 512.0);
        draw(g);
        return png(image);
    }

    /**
     * The 384 x 512 picture scaled the same across and down, as large as it fits, in the middle of a grey
     * {@code width x height} photo: a camera's landscape, square or 16:9 photo of the same person.
     */
    static byte[] framed(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        double scale = Math.min(width / 384.0, height / 512.0);
        g.translate((width - 384 * scale) / 2, (height - 512 * scale) / 2);
        g.scale(scale, scale);
        draw(g);
        return png(image);
    }

    private static void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int y = 0; y < 512; y += 8) {
            g.setColor(new Color(40 + y / 4, 90, 200 - y / 4));
            g.fillRect(0, y, 384, 8);
        }
        g.setColor(new Color(230, 190, 160));
        g.fillOval(112, 140, 160, 210);
        g.setColor(new Color(60, 40, 30));
        g.fillOval(150, 210, 30, 18);
        g.fillOval(205, 210, 30, 18);
        g.setColor(new Color(170, 60, 60));
        g.fillRect(160, 300, 64, 16);
        g.dispose();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The mean absolute difference of two prepared photos, per byte (0 – 255). */
    static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    @Test
    void takesALargerPhotoOfTheSameShapeAsTheSamePicture() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        byte[] expected = preparer.prepare(picture(384, 512));
        for (int[] size : new int[][] {{768, 1024}, {1536, 2048}, {3024, 4032}, {1000, 1000}}) {
            byte[] larger = preparer.prepare(picture(size[0], size[1]));
            assertThat(larger).hasSize(32 * 32 * 3);
            if (size[0] * 4 == size[1] * 3) {
                assertThat(meanDifference(expected, larger)).as("%dx%d against 384x512", size[0], size[1])
                        .isLessThan(6);
            }
        }
    }

    /**
     * A user's photos of another size are taken, face crops of 200 x 200 and photos of 150 x 200 among them
     * (refused as "less than half" the expected size until 2026-12-06); the smallest taken is the one whose centre
     * crop is enlarged at most twice (24 x 32 at 32 px: its crop is 16 x 20).
     */
    @Test
    void takesSmallerPhotosWhoseCropIsEnoughForTheTrainingSize() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        for (int[] size : new int[][] {{200, 200}, {224, 224}, {150, 200}, {96, 128}, {24, 32}, {26, 32}}) {
            assertThat(preparer.prepare(picture(size[0], size[1]))).as("%dx%d", size[0], size[1])
                    .hasSize(32 * 32 * 3);
        }
    }

    @Test
    void refusesAThumbnailAndAStripNamingWhy() {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        assertThatThrownBy(() -> preparer.prepare(picture(20, 26))).isInstanceOfSatisfying(
                ImagePreparer.Rejected.class, e -> assertThat(e.unexpectedSize()).isTrue())
                .hasMessageContaining("20x26 is too small: its centre crop of 13x16 pixels")
                .hasMessageContaining("would be enlarged more than twice to 32x32");
        for (int[] size : new int[][] {{2400, 600}, {1600, 512}, {400, 2000}}) {
            assertThatThrownBy(() -> preparer.prepare(picture(size[0], size[1])))
                    .isInstanceOf(ImagePreparer.Rejected.class)
                    .hasMessageContaining(size[0] + "x" + size[1] + " is a strip, not a photo of a person");
        }
    }
}
