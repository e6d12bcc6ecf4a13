package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Label;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member of each head is the model with that head's highest macro F1 on its own validation fold. */
class PerHeadChoiceTest {

    /** Every class three times: 54 records, each head's classes balanced. */
    private static final int[] TRUTH = java.util.stream.IntStream.range(0, 54).map(i -> i % 18).toArray();

    /**
     * A three-head model that knows the heads marked true (probability 0.9 on the true value) and answers value 0
     * of the others (0.9 there, whatever the truth).
     */
    private static float[][] model(boolean mask, boolean gender, boolean age) {
        float[][] out = new float[TRUTH.length][Label.CLASSES];
        for (int i = 0; i < TRUTH.length; i++) {
            float[] m = head(3, mask ? TRUTH[i] / 6 : 0);
            float[] g = head(2, gender ? (TRUTH[i] / 3) % 2 : 0);
            float[] a = head(3, age ? TRUTH[i] % 3 : 0);
            for (int c = 0; c < Label.CLASSES; c++) {
                out[i][c] = m[c / 6] * g[(c / 3) % 2] * a[c % 3];
            }
        }
        return out;
    }

    private static float[] head(int size, int top) {
        float[] p = new float[size];
        java.util.Arrays.fill(p, 0.1f / (size - 1));
        p[top] = 0.9f;
        return p;
    }

    @Test
    void differentModelsWinDifferentHeads() {
        Map<String, Double> masks = PerHeadChoice.headMacroF1(TRUTH, model(true, false, false));
        Map<String, Double> genderAndAge = PerHeadChoice.headMacroF1(TRUTH, model(false, true, true));
        Map<String, Double> ages = PerHeadChoice.headMacroF1(TRUTH, model(false, false, true));
        assertThat(masks.get("mask")).isEqualTo(1.0);
        // always answering value 0 of a balanced head: F1 2 · (1/k) / (1 + 1/k) for that class, 0 for the others
        assertThat(masks.get("gender")).isCloseTo((2.0 / 3) / 2, within(1e-9));
        assertThat(masks.get("age")).isCloseTo(0.5 / 3, within(1e-9));
        assertThat(genderAndAge.get("gender")).isEqualTo(1.0);

        assertThat(PerHeadChoice.winners(List.of(masks, genderAndAge, ages))).containsExactly(Map.entry("mask", 0),
                Map.entry("gender", 1), Map.entry("age", 1));
        // a tie (ages is as good at age as genderAndAge) goes to the earlier model, whatever the order
        assertThat(PerHeadChoice.winners(List.of(ages, masks, genderAndAge))).containsExactly(Map.entry("mask", 1),
                Map.entry("gender", 2), Map.entry("age", 0));
        assertThat(PerHeadChoice.winners(List.of(masks))).containsExactly(Map.entry("mask", 0),
                Map.entry("gender", 0), Map.entry("age", 0));
    }

    @Test
    void aHeadIsScoredByItsMarginalNotByTheHeadOfTheTopClass() {
        // a single 18-way head: the top class (0.3) is male, but the three female classes hold 0.6 in all
        int maleYoung = 0;
        float[][] p = new float[1][Label.CLASSES];
        p[0][maleYoung] = 0.3f;
        p[0][3] = 0.2f;
        p[0][4] = 0.2f;
        p[0][5] = 0.2f;
        p[0][6] = 0.1f;
        int[] femaleMiddle = {4};
        Map<String, Double> figures = PerHeadChoice.headMacroF1(femaleMiddle, p);
        assertThat(figures.get("gender")).as("female, as the marginal says").isGreaterThan(0);
        assertThat(figures.get("mask")).as("wear: 0.9 of the mass").isGreaterThan(0);
        assertThat(Evaluator.Evaluation.of(femaleMiddle, p).figures().heads().get("gender").macroF1())
                .as("the top class alone says male").isZero();
    }
}
