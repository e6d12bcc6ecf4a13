package io.maskflow.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.vision.model.RandomDraws;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void weightedSamplingDrawsEachPresentClassAboutEquallyOften() {
        // 900 images of class 0, 90 of class 1, 10 of class 2: shuffled, class 2 would be 1 % of the draws
        int[] labels = new int[1000];
        Arrays.fill(labels, 900, 990, 1);
        Arrays.fill(labels, 990, 1000, 2);
        int[] drawn = new int[3];
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int i : Sampler.weighted(labels, 18, Sampler.random(5, epoch, 0))) {
                drawn[labels[i]]++;
            }
        }
        for (int c = 0; c < 3; c++) {
            assertThat(drawn[c] / 30_000.0).as("share of class %d", c).isCloseTo(1 / 3.0, within(0.02));
        }
    }

    @Test
    void balancedWeightsAreNOverKTimesTheCount() {
        float[] w = Sampler.balancedWeights(new int[] {0, 0, 0, 1}, 3);
        // n = 4, k = 2 present classes: class 0 → 4 / (2 · 3), class 1 → 4 / (2 · 1), class 2 absent → 0
        assertThat(w).containsExactly(4f / 6, 2f, 0f);
        // their square roots for sqrt-balanced: √(2/3) and √2, the absent class still 0
        assertThat(Sampler.balancedWeights(new int[] {0, 0, 0, 1}, 3, 0.5))
                .containsExactly(new float[] {0.8164966f, 1.4142135f, 0f},
                        org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void theSameSeedEpochAndStreamGiveTheSameNumbers() {
        assertThat(RandomDraws.shuffled(50, Sampler.random(3, 2, 7))).isEqualTo(RandomDraws.shuffled(50,
                Sampler.random(3, 2, 7)));
        assertThat(RandomDraws.shuffled(50, Sampler.random(3, 2, 7))).isNotEqualTo(RandomDraws.shuffled(50,
                Sampler.random(3, 3, 7)));
    }
}
