package io.maskflow.vision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Label;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the competition metric (scikit-learn's macro F1 with zero_division=0 over 18 labels). */
class EvaluationFiguresTest {

    @Test
    void perfectPredictionsOfSomeClassesScoreOnlyThoseClasses() {
        int[] truth = {0, 1, 2, 0};
        EvaluationFigures f = EvaluationFigures.of(truth, truth.clone());
        // three classes with F1 1, fifteen absent from truth and predictions with F1 0
        assertThat(f.macroF1()).isCloseTo(3.0 / 18, within(1e-12));
        assertThat(ClassificationMetrics.macroF1(truth, truth.clone())).isCloseTo(3.0 / 18, within(1e-12));
        assertThat(f.perClass().get(0).support()).isEqualTo(2);
        assertThat(f.heads().get("mask").accuracy()).isEqualTo(1.0);
    }

    @Test
    void matchesAHandComputedMixedCase() {
        // truth:     0 0 0 1 1 17
        // predicted: 0 0 1 1 5 17
        int[] truth = {0, 0, 0, 1, 1, 17};
        int[] predicted = {0, 0, 1, 1, 5, 17};
        EvaluationFigures f = EvaluationFigures.of(truth, predicted);
        // class 0: tp 2, fp 0, fn 1 -> F1 = 4/5; class 1: tp 1, fp 1, fn 1 -> 1/2; class 5: tp 0, fp 1 -> 0;
        // class 17: 1; the other 14 classes 0
        assertThat(f.macroF1()).isCloseTo((0.8 + 0.5 + 0 + 1) / 18, within(1e-12));
        EvaluationFigures.PerClass one = f.perClass().get(1);
        assertThat(one.precision()).isEqualTo(0.5);
        assertThat(one.recall()).isEqualTo(0.5);
        assertThat(f.perClass().get(5).f1()).isZero();
        assertThat(f.confusion()[1][5]).isEqualTo(1);
        // gender head: classes 0,1,5 are male except 5 (3..5 female): truth genders 0 0 0 0 0 1, predicted 0 0 0 0 1 1
        assertThat(f.heads().get("gender").accuracy()).isCloseTo(5 / 6.0, within(1e-12));
        // age head: truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2 -> accuracy 4/6
        assertThat(f.heads().get("age").accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        // age macro F1: age0 tp2 fp0 fn1 -> .8; age1 tp1 fp1 fn1 -> .5; age2 tp1 fp1 fn0 -> 2/3
        assertThat(f.heads().get("age").macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-12));
    }

    @Test
    void aHeadsAccuracyPerValueOfAnotherHeadAndItsRecall() {
        // class = 6 mask + 3 gender + age. Masked men (0) answered women (3) once, right once; unmasked women (15)
        // answered right twice; a masked woman (4) answered as a man (1).
        int[] truth = {0, 0, 15, 15, 4};
        int[] predicted = {3, 0, 15, 15, 1};
        EvaluationFigures f = EvaluationFigures.of(truth, predicted);
        assertThat(f.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, 0)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(f.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, 2)).isEqualTo(1.0);
        assertThat(f.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, 1)).isNaN();
        assertThat(f.recall(Label.GENDER_HEAD, 0)).isEqualTo(0.5);
        assertThat(f.recall(Label.GENDER_HEAD, 1)).isCloseTo(2 / 3.0, within(1e-12));
        // ages: truth 0 0 0 0 1, answered 0 0 0 0 1
        assertThat(f.recall(Label.AGE_HEAD, 1)).isEqualTo(1.0);
        assertThat(f.recall(Label.AGE_HEAD, 2)).isNaN();
    }
}
