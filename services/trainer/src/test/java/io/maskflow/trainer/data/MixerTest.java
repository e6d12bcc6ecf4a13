package io.maskflow.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixerTest {

    private static HostBatch batch(int n, int size) {
        float[] images = new float[n * 3 * size * size];
        float[] targets = new float[n * 18];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(images, i * 3 * size * size, (i + 1) * 3 * size * size, i);
            labels[i] = i;
            targets[i * 18 + i] = 1;
        }
        return new HostBatch(images, targets, labels, n, size);
    }

    @Test
    void mixupBlendsImagesAndTargetsByTheSameLambda() {
        HostBatch b = batch(4, 4);
        double lambda = new Mixer(Mixer.Kind.MIXUP, 0.4).mix(b, new SplittableRandom(3));
        assertThat(lambda).isBetween(0.0, 1.0);
        for (int i = 0; i < 4; i++) {
            float sum = 0;
            int partner = -1;
            for (int c = 0; c < 18; c++) {
                sum += b.targets()[i * 18 + c];
                if (c != i && b.targets()[i * 18 + c] > 0) {
                    partner = c;
                }
            }
            assertThat(sum).isCloseTo(1f, within(1e-5f));
            // image i was filled with the value i, its partner with the value partner
            float expected = partner < 0 ? i : (float) (lambda * i + (1 - lambda) * partner);
            assertThat(b.images()[i * 48 + 5]).isCloseTo(expected, within(1e-4f));
        }
    }

    @Test
    void cutmixPastesABoxAndMixesTheTargetsByItsTrueArea() {
        HostBatch b = batch(4, 10);
        double lambda = new Mixer(Mixer.Kind.CUTMIX, 1.0).mix(b, new SplittableRandom(11));
        for (int i = 0; i < 4; i++) {
            int own = 0;
            for (int p = 0; p < 100; p++) {
                own += b.images()[i * 300 + p] == i ? 1 : 0;
            }
            float ownTarget = b.targets()[i * 18 + i];
            if (ownTarget < 1) {
                assertThat((double) own / 100).as("area kept by image %d", i).isCloseTo(lambda, within(1e-9));
                assertThat((double) ownTarget).isCloseTo(lambda, within(1e-6));
            }
        }
    }
}
