package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each loss against values worked out by hand. With 18 logits that are all 0 except {@code ln 3} on class 0,
 * p(0) = 3 / 20 and every other class has 1 / 20.
 */
class TrainingLossTest {

    private final NDManager m = NDManager.newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray logits(float... firstOfEachRow) {
        float[] values = new float[firstOfEachRow.length * 18];
        for (int i = 0; i < firstOfEachRow.length; i++) {
            values[i * 18] = firstOfEachRow[i];
        }
        return m.create(values, new Shape(firstOfEachRow.length, 18));
    }

    private NDArray oneHot(int... classes) {
        float[] values = new float[classes.length * 18];
        for (int i = 0; i < classes.length; i++) {
            values[i * 18 + classes[i]] = 1;
        }
        return m.create(values, new Shape(classes.length, 18));
    }

    private double loss(TrainingLoss loss, NDArray targets, NDArray logits) {
        return loss.evaluate(new NDList(targets), new NDList(logits)).getFloat();
    }

    private static final float LN3 = (float) Math.log(3);

    @Test
    void crossEntropyIsMinusTheLogOfTheTrueClass() {
        assertThat(loss(TrainingLoss.crossEntropy(Heads.SINGLE), oneHot(0), logits(LN3)))
                .isCloseTo(Math.log(20.0 / 3), within(1e-5));
        assertThat(loss(TrainingLoss.crossEntropy(Heads.SINGLE), oneHot(5), logits(0)))
                .isCloseTo(Math.log(18), within(1e-5));
    }

    @Test
    void theThreeHeadLossIsTheSumOfThePerHeadLossesOfTheSummedTargets() {
        NDArray uniform = m.zeros(new Shape(1, 8));
        assertThat(loss(TrainingLoss.crossEntropy(Heads.THREE), oneHot(17), uniform))
                .isCloseTo(Math.log(3) + Math.log(2) + Math.log(3), within(1e-5));
        // half class 0 (mask 0, gender 0, age 0), half class 17 (mask 2, gender 1, age 2); mask logits favour 0
        NDArray targets = oneHot(0).add(oneHot(17)).div(2);
        NDArray favoured = m.create(new float[] {LN3, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 8));
        double mask = -(0.5 * Math.log(3.0 / 5) + 0.5 * Math.log(1.0 / 5));
        assertThat(loss(TrainingLoss.crossEntropy(Heads.THREE), targets, favoured))
                .isCloseTo(mask + Math.log(2) + Math.log(3), within(1e-5));
    }

    @Test
    void labelSmoothingSpreadsEpsilonOverTheClasses() {
        TrainingLoss smoothed = new TrainingLoss(Heads.SINGLE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0.1f, null);
        double onTrue = 0.9 + 0.1 / 18;
        double onOther = 0.1 / 18;
        double expected = -(onTrue * Math.log(3.0 / 20) + 17 * onOther * Math.log(1.0 / 20));
        assertThat(loss(smoothed, oneHot(0), logits(LN3))).isCloseTo(expected, within(1e-5));
    }

    @Test
    void focalLossScalesCrossEntropyByOneMinusPToTheGamma() {
        TrainingLoss focal = new TrainingLoss(Heads.SINGLE, TrainingLoss.Kind.FOCAL, 2, 0, null);
        assertThat(loss(focal, oneHot(0), logits(LN3)))
                .isCloseTo(Math.pow(17.0 / 20, 2) * Math.log(20.0 / 3), within(1e-5));
        TrainingLoss gammaZero = new TrainingLoss(Heads.SINGLE, TrainingLoss.Kind.FOCAL, 0, 0, null);
        assertThat(loss(gammaZero, oneHot(0), logits(LN3))).as("γ = 0 is cross-entropy")
                .isCloseTo(Math.log(20.0 / 3), within(1e-5));
    }

    @Test
    void classWeightsGiveTheWeightedMeanOfPyTorch() {
        float[] weights = new float[18];
        java.util.Arrays.fill(weights, 1);
        weights[0] = 2;
        TrainingLoss weighted = new TrainingLoss(Heads.SINGLE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0,
                new float[][] {weights});
        // image A: class 0 with p = 3/20, weight 2; image B: class 1 with uniform logits, weight 1
        double expected = (2 * Math.log(20.0 / 3) + Math.log(18)) / 3;
        assertThat(loss(weighted, oneHot(0, 1), logits(LN3, 0))).isCloseTo(expected, within(1e-5));
    }

    @Test
    void softF1LossIsOneMinusTheMeanSoftF1() {
        TrainingLoss f1 = new TrainingLoss(Heads.SINGLE, TrainingLoss.Kind.F1, 0, 0, null);
        // uniform p = 1/18 for two images of classes 0 and 1: for each of these classes TP = 1/18, FP = 1/18,
        // FN = 17/18, so precision 1/2, recall 1/18 and F1 = 0.1; the 16 other classes have F1 0
        assertThat(loss(f1, oneHot(0, 1), logits(0, 0))).isCloseTo(1 - 0.2 / 18, within(1e-5));
    }

    @Test
    void anImageWhoseTargetIsWCountsAsWImagesSmoothingIncluded() {
        // image A (class 0, p = 3/20) weighted 2 against A written twice, beside image B (class 1, uniform logits)
        NDArray weighted = oneHot(0, 1);
        weighted.set(new NDIndex("0, 0"), 2);
        for (Heads heads : Heads.values()) {
            NDArray logits = heads == Heads.SINGLE ? logits(LN3, 0)
                    : m.create(new float[] {LN3, 0, 0, 1, 0, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new Shape(2, 8));
            NDArray twice = heads == Heads.SINGLE ? logits(LN3, LN3, 0)
                    : m.create(new float[] {LN3, 0, 0, 1, 0, 0.5f, 0, 0, LN3, 0, 0, 1, 0, 0.5f, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0}, new Shape(3, 8));
            for (float smoothing : new float[] {0, 0.1f}) {
                TrainingLoss loss = new TrainingLoss(heads, TrainingLoss.Kind.CROSS_ENTROPY, 0, smoothing, null);
                assertThat(loss(loss, weighted, logits)).as(heads + ", smoothing " + smoothing)
                        .isCloseTo(loss(loss, oneHot(0, 0, 1), twice), within(1e-5));
                TrainingLoss focal = new TrainingLoss(heads, TrainingLoss.Kind.FOCAL, 2, smoothing, null);
                assertThat(loss(focal, weighted, logits)).as("focal, " + heads + ", smoothing " + smoothing)
                        .isCloseTo(loss(focal, oneHot(0, 0, 1), twice), within(1e-5));
            }
        }
    }

    @Test
    void mixedTargetsWeighTheTwoClasses() {
        NDArray half = oneHot(0).add(oneHot(1)).div(2);
        double expected = -(0.5 * Math.log(3.0 / 20) + 0.5 * Math.log(1.0 / 20));
        assertThat(loss(TrainingLoss.crossEntropy(Heads.SINGLE), half, logits(LN3))).isCloseTo(expected,
                within(1e-5));
    }

    @Test
    void theAgeTargetIsTheAgeAroundFortyInTwenties() {
        assertThat(TrainingLoss.ageTarget(60)).isEqualTo(1f);
        assertThat(TrainingLoss.ageTarget(25)).isEqualTo(-0.75f);
    }

    @Test
    void eachExtraOutputAddsHalfItsWeightedSquaredErrorPerImage() {
        TrainingLoss extra = new TrainingLoss(Heads.THREE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, null, 2);
        assertThat(extra.outputs()).isEqualTo(10);
        // targets (1, 2) and (-1, 0), weights (2, 0.5) and (2, 0): the second image's second value is unknown
        NDArray targets = oneHot(17, 0).concat(m.create(new float[] {1, 2, 2, 0.5f, -1, 0, 2, 0}, new Shape(2, 4)),
                1);
        // outputs (0, 3) and (0, 7): 2 * 1 + 0.5 * 1 + 2 * 1 + 0 * 49 = 4.5, halved, over 2 images: 1.125
        NDArray outputs = m.zeros(new Shape(2, 8)).concat(m.create(new float[] {0, 3, 0, 7}, new Shape(2, 2)), 1);
        double heads = Math.log(3) + Math.log(2) + Math.log(3);
        assertThat(loss(extra, targets, outputs)).isCloseTo(heads + 1.125, within(1e-5));
        // the parts of a batch split in two add up to the whole batch's loss
        float[] divisors = extra.divisors(new NDList(targets));
        double parts = 0;
        for (int i = 0; i < 2; i++) {
            String row = i + ":" + (i + 1);
            parts += extra.evaluatePart(new NDList(targets.get(row)), new NDList(outputs.get(row)), divisors, 0.5f)
                    .getFloat();
        }
        assertThat(parts).isCloseTo(heads + 1.125, within(1e-5));
        assertThatThrownBy(() -> new TrainingLoss(Heads.THREE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, null, -1))
                .hasMessageContaining("extra outputs");
    }
}
