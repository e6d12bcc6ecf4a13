package io.maskflow.datagen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LightingTest {

    /** The plain per-pixel formula the vectorised pass must reproduce exactly. */
    private static int[] reference(int[] pixels, int w, int h, Pose pose) {
        double angle = Math.toRadians(pose.lightAngle());
        double strength = pose.lightStrength() * 0.35;
        double fx = -Math.cos(angle) * strength * 2 / w * pose.exposure();
        double fy = -Math.sin(angle) * strength * 2 / h * pose.exposure();
        double f0 = pose.exposure() - fx * w / 2 - fy * h / 2;
        int step = (int) Math.round(fx * 4096);
        int[] out = new int[pixels.length];
        for (int y = 0; y < h; y++) {
            int f = (int) Math.round((f0 + fy * y) * 4096);
            for (int x = 0; x < w; x++, f += step) {
                int p = pixels[y * w + x];
                int r = Math.min(255, ((p >> 16 & 0xff) * f) >> 12);
                int g = Math.min(255, ((p >> 8 & 0xff) * f) >> 12);
                int b = Math.min(255, ((p & 0xff) * f) >> 12);
                out[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    @Test
    void matchesThePlainFormulaForEveryPixelOverManyPoses() {
        SplittableRandom random = new SplittableRandom(11);
        int w = 96;
        int h = 128;
        for (int round = 0; round < 300; round++) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < pixels.length; i++) {
                // bright pixels too, so that the saturation at 255 is exercised
                pixels[i] = random.nextInt(4) == 0 ? 0xf0f8ff : random.nextInt(1 << 24);
            }
            Pose pose = round == 0 ? new Pose(0, 0, 1, 0, 0, 180, 1, 1.3) : Pose.random(random);
            int[] expected = reference(pixels.clone(), w, h, pose);
            Lighting.apply(image, pose);
            assertThat(pixels).as("pose %s", pose).isEqualTo(expected);
        }
    }

    @Test
    void refusesLightThatWouldOverflowOrGoNegative() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> Lighting.apply(image, new Pose(0, 0, 1, 0, 0, 0, 0, 2.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("light factor");
        assertThatThrownBy(() -> Lighting.apply(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB), Pose.FRONT))
                .hasMessageContaining("TYPE_INT_RGB");
    }
}
