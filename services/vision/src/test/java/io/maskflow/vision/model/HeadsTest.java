package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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

    @Test
    void theThreeHeadLossIsTheSumOfThePerHeadCrossEntropies() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 8));
            NDArray label = m.create(new float[] {17});
            float loss = new HeadsLoss(Heads.THREE).evaluate(new NDList(label), new NDList(logits)).getFloat();
            // uniform logits: ln 3 + ln 2 + ln 3
            assertThat((double) loss).isCloseTo(Math.log(3) + Math.log(2) + Math.log(3), within(1e-5));
            NDArray single = m.zeros(new Shape(1, 18));
            assertThat((double) new HeadsLoss(Heads.SINGLE).evaluate(new NDList(label), new NDList(single))
                    .getFloat()).isCloseTo(Math.log(18), within(1e-5));
        }
    }
}
