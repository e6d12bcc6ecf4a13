package io.maskflow.orchestrator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up evaluation in the shape of the evaluator's {@code report.json} (EvaluateStep.Report with its
 * EvaluationFigures): an 18 x 18 confusion matrix whose errors fall mostly on the neighbouring age group, as the
 * real model's do, and the per-class and per-head figures computed from it. {@code quality} (0..1) is the share of
 * each class predicted right, give or take a quarter.
 */
record FakeReport(Map<String, Object> json, Map<String, Double> metrics) {

    private static final String[] MASKS = {"wear", "incorrect", "not-wear"};
    private static final String[] GENDERS = {"male", "female"};
    private static final String[] AGES = {"young", "middle", "old"};

    static FakeReport of(double quality) {
        int[][] confusion = new int[18][18];
        int count = 0;
        for (int t = 0; t < 18; t++) {
            int support = 12 + (t * 7) % 17;
            count += support;
            int right = (int) Math.round(support * Math.min(0.97, quality * (0.75 + 0.25 * ((t * 5) % 4) / 3.0)));
            int wrong = support - right;
            int age = t % 3;
            int neighbour = age == 2 ? t - 1 : t + 1;
            int otherGender = t + ((t / 3) % 2 == 0 ? 3 : -3);
            int otherMask = (t + 6) % 18;
            confusion[t][t] = right;
            confusion[t][neighbour] += (int) Math.round(wrong * 0.6);
            confusion[t][otherGender] += (int) Math.round(wrong * 0.25);
            confusion[t][otherMask] += wrong - (int) Math.round(wrong * 0.6) - (int) Math.round(wrong * 0.25);
        }
        List<Map<String, Object>> perClass = new ArrayList<>();
        double[] f1 = scores(confusion);
        double macro = 0;
        for (int c = 0; c < 18; c++) {
            int support = 0;
            int predicted = 0;
            for (int k = 0; k < 18; k++) {
                support += confusion[c][k];
                predicted += confusion[k][c];
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("label", c);
            one.put("name", MASKS[c / 6] + "/" + GENDERS[(c / 3) % 2] + "/" + AGES[c % 3]);
            one.put("precision", predicted == 0 ? 0.0 : confusion[c][c] / (double) predicted);
            one.put("recall", support == 0 ? 0.0 : confusion[c][c] / (double) support);
            one.put("f1", f1[c]);
            one.put("support", support);
            perClass.add(one);
            macro += f1[c] / 18;
        }
        Map<String, Object> heads = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        String[] names = {"mask", "gender", "age"};
        int[] sizes = {3, 2, 3};
        for (int h = 0; h < 3; h++) {
            int[][] c = new int[sizes[h]][sizes[h]];
            int right = 0;
            for (int t = 0; t < 18; t++) {
                for (int p = 0; p < 18; p++) {
                    c[head(t, h)][head(p, h)] += confusion[t][p];
                    right += head(t, h) == head(p, h) ? confusion[t][p] : 0;
                }
            }
            double headMacro = 0;
            for (double v : scores(c)) {
                headMacro += v / sizes[h];
            }
            heads.put(names[h], Map.of("accuracy", right / (double) count, "macroF1", headMacro, "confusion", c));
            metrics.put(names[h] + "Accuracy", right / (double) count);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", count);
        figures.put("macroF1", macro);
        figures.put("perClass", perClass);
        figures.put("heads", heads);
        figures.put("confusion", confusion);
        String on = "the hold-out persons (never used for training, validation or early stopping)";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("evaluatedOn", on);
        json.put("figures", figures);
        json.put("sideBySide", List.of(
                Map.of("set", "hold-out", "on", on, "macroF1", macro, "images", count, "headline", true,
                        "persons90", Map.of("low", Math.max(0, macro - 0.04), "high", Math.min(1, macro + 0.035),
                                "persons", count / 7, "resamples", 1000)),
                Map.of("set", "validation", "on", "the validation fold (it chose the epoch)", "macroF1",
                        Math.min(1, macro * 1.08), "images", count * 2, "headline", false)));
        json.put("promotion", Map.of("promoted", false, "reason", "promotion not asked for"));
        metrics.put("macroF1", macro);
        metrics.put("macroF1Low", Math.max(0, macro - 0.04));
        metrics.put("macroF1High", Math.min(1, macro + 0.035));
        metrics.put("holdoutMacroF1", macro);
        metrics.put("valMacroF1", Math.min(1, macro * 1.08));
        metrics.put("images", (double) count);
        metrics.put("promoted", 0.0);
        return new FakeReport(json, metrics);
    }

    private static double[] scores(int[][] confusion) {
        int n = confusion.length;
        double[] f1 = new double[n];
        for (int c = 0; c < n; c++) {
            int support = 0;
            int predicted = 0;
            for (int k = 0; k < n; k++) {
                support += confusion[c][k];
                predicted += confusion[k][c];
            }
            f1[c] = support + predicted == 0 ? 0 : 2.0 * confusion[c][c] / (support + predicted);
        }
        return f1;
    }

    private static int head(int c, int head) {
        return switch (head) {
            case 0 -> c / 6;
            case 1 -> (c / 3) % 2;
            default -> c % 3;
        };
    }
}
