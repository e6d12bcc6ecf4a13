package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomDrawsTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.4, 2})
    void samplesHaveTheMeanAndVarianceOfBetaAlphaAlpha(double alpha) {
        SplittableRandom random = new SplittableRandom(1);
        int n = 40_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double v = RandomDraws.beta(alpha, random);
            assertThat(v).isBetween(0.0, 1.0);
            sum += v;
            squares += v * v;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        assertThat(mean).isCloseTo(0.5, within(0.01));
        // Var Beta(α, α) = 1 / (4 (2α + 1))
        assertThat(variance).isCloseTo(1 / (4 * (2 * alpha + 1)), within(0.005));
    }

    @Test
    void aShuffleVisitsEveryIndexOnce() {
        int[] order = RandomDraws.shuffled(1000, new SplittableRandom(1));
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(order).isNotEqualTo(IntStream.range(0, 1000).toArray());
    }
}
