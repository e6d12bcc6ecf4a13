package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HeadsTest {

    @Test
    void threeHeadsMultiplyIntoTheEighteenClassesInTheCompetitionsOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            // mask logits favour 1 (incorrect), gender favours 1 (female), age favours 2 (old)
            NDArray logits = m.create(new float[] {0, 5, 0, 0, 5, 0, 0, 5}, new Shape(1, 8));
            float[] p = Heads.THREE.probabilities(logits).toFloatArray();
            assertThat(p).hasSize(18);
            float sum = 0;
            int best = 0;
            for (int c = 0; c < 18; c++) {
                sum += p[c];
                best = p[c] > p[best] ? c : best;
            }
            assertThat(sum).isCloseTo(1f, within(1e-5f));
            assertThat(best).isEqualTo(6 * 1 + 3 * 1 + 2);
            double pm = Math.exp(5) / (Math.exp(5) + 2);
            double pg = Math.exp(5) / (Math.exp(5) + 1);
            assertThat((double) p[11]).isCloseTo(pm * pg * pm, within(1e-5));
        }
    }
}
