package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table lookup gives the floats the plain expression gives, bit for bit, the trainer's and serving's alike. */
class NormalizerTest {

    private static final float[] MEAN = {0.5123f, 0.4471f, 0.3979f};
    private static final float[] STD = {0.2511f, 0.2377f, 0.2649f};

    @Test
    void everyByteValueOfEveryChannelNormalisesAsTheExpressionDoes() {
        byte[] pixels = new byte[256 * 3];
        for (int v = 0; v < 256; v++) {
            for (int c = 0; c < 3; c++) {
                pixels[v * 3 + c] = (byte) ((v + 85 * c) % 256);
            }
        }
        float[] out = new float[pixels.length + 5];
        new Normalizer(MEAN, STD).toChw(pixels, out, 5);
        for (int p = 0; p < 256; p++) {
            for (int c = 0; c < 3; c++) {
                float expected = ((pixels[p * 3 + c] & 0xff) / 255f - MEAN[c]) / STD[c];
                assertThat(Float.floatToIntBits(out[5 + c * 256 + p])).as("pixel %d channel %d", p, c)
                        .isEqualTo(Float.floatToIntBits(expected));
            }
        }
    }

    @Test
    void anImageComesOutChannelByChannel() {
        byte[] pixels = new byte[64 * 64 * 3];
        new Random(3).nextBytes(pixels);
        float[] once = new float[pixels.length];
        new Normalizer(MEAN, STD).toChw(pixels, once, 0);
        int plane = 64 * 64;
        assertThat(once[plane + 10]).isEqualTo(((pixels[10 * 3 + 1] & 0xff) / 255f - MEAN[1]) / STD[1]);
        assertThat(once[2 * plane + plane - 1])
                .isEqualTo(((pixels[pixels.length - 1] & 0xff) / 255f - MEAN[2]) / STD[2]);
    }

    @Test
    void aNormalisationNeedsThreeChannels() {
        assertThatThrownBy(() -> new Normalizer(new float[] {0.5f}, STD))
                .hasMessageContaining("per RGB channel");
    }
}
