package io.maskflow.vision.metrics;

import io.maskflow.contracts.labels.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of an evaluation, computed from true and predicted classes: macro F1 as the competition scored it,
 * per-class precision / recall / F1 / support, per-head accuracy and macro F1, and the confusion matrices.
 *
 * @param confusion rows are true classes, columns predicted ones
 */
public record EvaluationFigures(int count, double macroF1, List<PerClass> perClass, Map<String, Head> heads,
        int[][] confusion) {

    /** One class's figures; a class with no true and no predicted sample has F1 0 (zero_division=0). */
    public record PerClass(int label, String name, double precision, double recall, double f1, int support) {
    }

    /** One head's accuracy and macro F1 over its own classes, and its confusion matrix. */
    public record Head(double accuracy, double macroF1, int[][] confusion) {
    }

    public static EvaluationFigures of(int[] truth, int[] predicted) {
        int[][] confusion = new int[Label.CLASSES][Label.CLASSES];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        List<PerClass> perClass = new ArrayList<>();
        double[] f1 = scores(confusion, perClass, true);
        double macro = 0;
        for (double v : f1) {
            macro += v;
        }
        Map<String, Head> heads = new LinkedHashMap<>();
        String[] names = {"mask", "gender", "age"};
        int[] sizes = {3, 2, 3};
        for (int h = 0; h < 3; h++) {
            int[][] c = new int[sizes[h]][sizes[h]];
            for (int i = 0; i < truth.length; i++) {
                c[Label.headValue(truth[i], h)][Label.headValue(predicted[i], h)]++;
            }
            double[] headF1 = scores(c, null, false);
            double sum = 0;
            for (double v : headF1) {
                sum += v;
            }
            heads.put(names[h], new Head(ClassificationMetrics.headAccuracy(truth, predicted, h),
                    sum / sizes[h], c));
        }
        return new EvaluationFigures(truth.length, macro / Label.CLASSES, perClass, heads, confusion);
    }

    /**
     * Accuracy of one head over the samples whose true value of another head is {@code value}: the gender head on
     * the photos with a mask on is {@code accuracyWhere(GENDER_HEAD, MASK_HEAD, 0)}; NaN when there are none.
     */
    public double accuracyWhere(int head, int byHead, int value) {
        int total = 0;
        int right = 0;
        for (int t = 0; t < confusion.length; t++) {
            if (Label.headValue(t, byHead) != value) {
                continue;
            }
            for (int p = 0; p < confusion[t].length; p++) {
                total += confusion[t][p];
                right += Label.headValue(t, head) == Label.headValue(p, head) ? confusion[t][p] : 0;
            }
        }
        return total == 0 ? Double.NaN : right / (double) total;
    }

    /** The share of the samples of true value {@code value} of a head that the head answered right; NaN for none. */
    public double recall(int head, int value) {
        return accuracyWhere(head, head, value);
    }

    private static double[] scores(int[][] confusion, List<PerClass> out, boolean named) {
        int n = confusion.length;
        double[] f1 = new double[n];
        for (int c = 0; c < n; c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int k = 0; k < n; k++) {
                support += confusion[c][k];
                predictedAs += confusion[k][c];
            }
            double precision = predictedAs == 0 ? 0 : tp / (double) predictedAs;
            double recall = support == 0 ? 0 : tp / (double) support;
            int denominator = support + predictedAs;
            f1[c] = denominator == 0 ? 0 : 2.0 * tp / denominator;
            if (out != null) {
                out.add(new PerClass(c, named ? Label.ofClass(c).displayName() : Integer.toString(c), precision,
                        recall, f1[c], support));
            }
        }
        return f1;
    }
}
