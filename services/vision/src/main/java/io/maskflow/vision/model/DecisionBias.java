package io.maskflow.vision.model;

import io.maskflow.contracts.labels.Label;
import io.maskflow.vision.metrics.ClassificationMetrics;
import java.util.Arrays;

/**
 * One bias per logit, added before the softmax, chosen so that the classes the network predicts score the best
 * macro F1 on a set of labelled images (the trainer's validation fold). A network trained with cross-entropy picks
 * the most probable class; macro F1 weighs a rare class (the 60+ ones) as much as a common one, so a little more
 * of the rare ones is usually worth the common ones it costs. The bias moves that balance without training again.
 *
 * <p>With three heads, adding a bias to a head's logits moves only that head's choice (the product of the three
 * softmaxes is largest where each factor is), so the search is over the 8 logits directly. Each logit but the
 * first of its head (which stays 0: only differences matter) is searched in turn over {@link #STEPS} values in
 * ±{@link #LIMIT}, three rounds; a change is kept only when it gains more than {@link #MIN_GAIN} macro F1 and, among
 * equal scores, the smallest bias wins, so noise in a small fold is not chased.
 */
public final class DecisionBias {

    static final float LIMIT = 2.0f;
    static final int STEPS = 81;
    static final double MIN_GAIN = 0.002;
    private static final int ROUNDS = 3;

    private DecisionBias() {
    }

    /** The biases (one per logit of {@code heads}) that maximise the macro F1 of {@code logits} against truth. */
    public static float[] fit(Heads heads, float[][] logits, int[] truth) {
        if (logits.length != truth.length) {
            throw new IllegalArgumentException(logits.length + " rows of logits for " + truth.length + " labels");
        }
        float[] bias = new float[heads.outputs()];
        double best = macroF1(heads, logits, truth, bias);
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int logit = 0; logit < bias.length; logit++) {
                if (firstOfHead(heads, logit)) {
                    continue;
                }
                float kept = bias[logit];
                float choice = kept;
                double choiceScore = best;
                for (int s = 0; s < STEPS; s++) {
                    float candidate = -LIMIT + 2 * LIMIT * s / (STEPS - 1);
                    bias[logit] = candidate;
                    double score = macroF1(heads, logits, truth, bias);
                    boolean better = score > choiceScore + (candidate == kept ? 0 : MIN_GAIN);
                    boolean smallerTie = Math.abs(score - choiceScore) < 1e-12
                            && Math.abs(candidate) < Math.abs(choice);
                    if (better || smallerTie) {
                        choice = candidate;
                        choiceScore = score;
                    }
                }
                bias[logit] = choice;
                moved |= choice != kept;
                best = choiceScore;
            }
            if (!moved) {
                break;
            }
        }
        return bias;
    }

    /** Macro F1 of the classes the biased logits pick. */
    public static double macroF1(Heads heads, float[][] logits, int[] truth, float[] bias) {
        return ClassificationMetrics.macroF1(truth, classes(heads, logits, bias));
    }

    /** The class each row of biased logits picks (a {@code null} bias is none). */
    public static int[] classes(Heads heads, float[][] logits, float[] bias) {
        float[] b = bias == null ? new float[heads.outputs()] : bias;
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            float[] row = logits[i];
            out[i] = heads == Heads.SINGLE ? argMax(row, b, 0, Label.CLASSES)
                    : 6 * argMax(row, b, 0, 3) + 3 * (argMax(row, b, 3, 5) - 3) + (argMax(row, b, 5, 8) - 5);
        }
        return out;
    }

    /** Checks a stored bias against the network's outputs; {@code null} or empty means none. */
    public static float[] checked(Heads heads, float[] bias) {
        if (bias == null || bias.length == 0) {
            return null;
        }
        if (bias.length != heads.outputs()) {
            throw new IllegalArgumentException("logitBias has " + bias.length + " values, the " + heads
                    + " heads have " + heads.outputs() + " logits");
        }
        for (float v : bias) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("logitBias " + Arrays.toString(bias) + " is not finite");
            }
        }
        return bias;
    }

    private static boolean firstOfHead(Heads heads, int logit) {
        return heads == Heads.SINGLE ? logit == 0 : logit == 0 || logit == 3 || logit == 5;
    }

    private static int argMax(float[] row, float[] bias, int from, int to) {
        int best = from;
        for (int j = from + 1; j < to; j++) {
            if (row[j] + bias[j] > row[best] + bias[best]) {
                best = j;
            }
        }
        return best;
    }
}
