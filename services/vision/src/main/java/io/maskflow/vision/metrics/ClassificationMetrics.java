package io.maskflow.vision.metrics;

import io.maskflow.contracts.labels.Label;

/**
 * The competition's metric: macro F1 over the 18 classes, a class with no true and no predicted sample scoring 0
 * (scikit-learn's {@code f1_score(average="macro", labels=range(18), zero_division=0)}), and per-head accuracy.
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    public static double macroF1(int[] truth, int[] predicted) {
        int[] tp = new int[Label.CLASSES];
        int[] fp = new int[Label.CLASSES];
        int[] fn = new int[Label.CLASSES];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                tp[truth[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        double sum = 0;
        for (int c = 0; c < Label.CLASSES; c++) {
            int denominator = 2 * tp[c] + fp[c] + fn[c];
            sum += denominator == 0 ? 0 : 2.0 * tp[c] / denominator;
        }
        return sum / Label.CLASSES;
    }

    /** Accuracy of one head: 0 mask, 1 gender, 2 age. */
    public static double headAccuracy(int[] truth, int[] predicted, int head) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += Label.headValue(truth[i], head) == Label.headValue(predicted[i], head) ? 1 : 0;
        }
        return truth.length == 0 ? 0 : right / (double) truth.length;
    }
}
