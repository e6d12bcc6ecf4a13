package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecisionBiasTest {

    /**
     * Three heads whose age logits lean towards the middle group: a third of the truly old persons come out old.
     * The macro F1 counts the six old classes as much as the others, so a bias towards "old" must win it back.
     */
    private static Sample underPredictedOldAge(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] logits = new float[n][8];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            int mask = random.nextInt(3);
            int gender = random.nextInt(2);
            int age = random.nextInt(10) < 5 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
            truth[i] = 6 * mask + 3 * gender + age;
            logits[i][mask] = 3;
            logits[i][3 + gender] = 2;
            for (int a = 0; a < 3; a++) {
                logits[i][5 + a] = (float) random.nextGaussian();
            }
            logits[i][5 + age] += 1.5f;
            logits[i][6] += 1.2f; // the network's lean towards the middle group
        }
        return new Sample(logits, truth);
    }

    private record Sample(float[][] logits, int[] truth) {
    }

    @Test
    void aBiasFittedOnOneFoldLiftsTheMacroF1OfAnotherFromTheSamePeople() {
        Sample fit = underPredictedOldAge(3000, 1);
        Sample other = underPredictedOldAge(3000, 2);

        float[] bias = DecisionBias.fit(Heads.THREE, fit.logits(), fit.truth());

        double before = DecisionBias.macroF1(Heads.THREE, other.logits(), other.truth(), null);
        double after = DecisionBias.macroF1(Heads.THREE, other.logits(), other.truth(), bias);
        assertThat(after).as("macro F1 on the other fold, %.3f without the bias", before).isGreaterThan(before + 0.03);
        assertThat(bias[0]).isZero();
        assertThat(bias[3]).isZero();
        assertThat(bias[5]).isZero();
        assertThat(bias[7] - bias[6]).as("old against middle").isGreaterThan(0.5f);
        for (float b : bias) {
            assertThat(Math.abs(b)).isLessThanOrEqualTo(DecisionBias.LIMIT);
        }
    }

    @Test
    void logitsThatAlreadyDecideWellGetNoBias() {
        Sample sample = underPredictedOldAge(2000, 3);
        for (int i = 0; i < sample.truth().length; i++) {
            for (int a = 0; a < 3; a++) {
                sample.logits()[i][5 + a] = sample.truth()[i] % 3 == a ? 10 : 0; // a sure, right age head
            }
        }
        assertThat(DecisionBias.fit(Heads.THREE, sample.logits(), sample.truth())).containsOnly(0f);
    }

    @Test
    void theClassesPickedAreTheArgMaxOfTheBiasedProbabilities() {
        Sample sample = underPredictedOldAge(200, 4);
        float[] bias = {0, -0.5f, 0.4f, 0, 0.3f, 0, -0.2f, 1.1f};
        int[] classes = DecisionBias.classes(Heads.THREE, sample.logits(), bias);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[200 * 8];
            for (int i = 0; i < 200; i++) {
                System.arraycopy(sample.logits()[i], 0, flat, i * 8, 8);
            }
            NDArray probabilities = Heads.THREE.probabilities(m.create(flat, new Shape(200, 8)), bias);
            long[] best = probabilities.argMax(1).toLongArray();
            for (int i = 0; i < 200; i++) {
                assertThat(classes[i]).as("row %d", i).isEqualTo((int) best[i]);
            }
        }
    }

    @Test
    void aSingleHeadIsBiasedPerClass() {
        float[][] logits = {new float[18], new float[18]};
        logits[0][4] = 1;
        logits[1][4] = 1;
        logits[1][9] = 0.8f;
        int[] truth = {4, 9};
        float[] bias = DecisionBias.fit(Heads.SINGLE, logits, truth);
        assertThat(bias).hasSize(18);
        assertThat(DecisionBias.classes(Heads.SINGLE, logits, bias)).containsExactly(4, 9);
    }

    @Test
    void aStoredBiasMustFitTheHeads() {
        assertThat(DecisionBias.checked(Heads.THREE, null)).isNull();
        assertThat(DecisionBias.checked(Heads.THREE, new float[0])).isNull();
        assertThatThrownBy(() -> DecisionBias.checked(Heads.THREE, new float[18]))
                .hasMessage("logitBias has 18 values, the THREE heads have 8 logits");
        assertThatThrownBy(() -> DecisionBias.checked(Heads.THREE, new float[] {0, 0, 0, 0, 0, 0, 0, Float.NaN}))
                .hasMessageContaining("is not finite");
    }
}
