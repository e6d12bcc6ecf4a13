package io.maskflow.vision.metrics;

import io.maskflow.contracts.labels.Label;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How far a macro F1 measured on a few hundred persons could have fallen with other persons of the same kind: the
 * persons are drawn again with replacement, each bringing all of its photos, and the figure is computed on every
 * draw. A person's seven photos share a face, so they are right or wrong together; drawing photos one by one would
 * give an interval that is too narrow.
 */
public final class PersonBootstrap {

    /** Draws used by the evaluator's reports. */
    public static final int RESAMPLES = 1000;

    /** The share of draws inside the interval: the 5th to the 95th percentile. */
    public static final double COVERAGE = 0.90;

    /** The draws' seed in reports, so the same predictions always give the same interval. */
    public static final long SEED = 1;

    private PersonBootstrap() {
    }

    /**
     * The middle {@link #COVERAGE} of the macro F1 over the persons' draws.
     *
     * @param low the 5th percentile of the draws
     * @param high the 95th percentile
     * @param persons how many persons were drawn from
     * @param resamples how many draws
     */
    public record Interval(double low, double high, int persons, int resamples) {
    }

    /**
     * The interval reports give: {@link #RESAMPLES} draws with {@link #SEED}; null when the persons are not known
     * ({@code persons} null) or there are no photos.
     */
    public static Interval ofReport(int[] truth, int[] predicted, int[] persons) {
        return persons == null || persons.length == 0 ? null : macroF1(truth, predicted, persons, RESAMPLES, SEED);
    }

    /**
     * @param truth true class per photo
     * @param predicted predicted class per photo
     * @param persons the person of each photo (any ids; photos with the same id are drawn together)
     * @param seed the draws' seed: the same inputs and seed give the same interval
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or {@code resamples} is below 1
     */
    public static Interval macroF1(int[] truth, int[] predicted, int[] persons, int resamples, long seed) {
        check(truth, predicted, persons, resamples);
        int[][][] cells = cellsByPerson(truth, predicted, persons).values().toArray(int[][][]::new);
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[resamples];
        int[] confusion = new int[Label.CLASSES * Label.CLASSES];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(confusion, 0);
            for (int k = 0; k < cells.length; k++) {
                add(confusion, cells[random.nextInt(cells.length)]);
            }
            draws[r] = macroF1(confusion);
        }
        return interval(draws, cells.length);
    }

    /**
     * The interval a paired comparison of two models reports: {@link #difference(Photos, Photos, int, long)} with
     * {@link #RESAMPLES} draws and {@link #SEED}.
     */
    public static Interval differenceOfReport(Photos before, Photos after) {
        return difference(before, after, RESAMPLES, SEED);
    }

    /**
     * How far the gain of one model over another on the same photos could move with other persons of the same kind:
     * each draw takes the same persons for both models and computes macro F1 of {@code after} minus that of
     * {@code before}. Both models meet the same easy and hard persons in every draw, so the interval is narrower
     * than the two models' own intervals side by side suggest; when it lies above 0, the gain is not the persons'
     * noise. How another training run of either model would move it is not in it.
     *
     * @param before the first model's predicted class per photo
     * @param after the second model's, on the same photos
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or {@code resamples} is below 1
     */
    public static Interval difference(int[] truth, int[] before, int[] after, int[] persons, int resamples,
            long seed) {
        return difference(new Photos(truth, before, persons), new Photos(truth, after, persons), resamples, seed);
    }

    /**
     * One model's predictions: the true class, the predicted class and the person of each photo.
     *
     * @param persons the person of each photo, by ids that mean the same person in another {@code Photos} compared
     *     with this one
     */
    public record Photos(int[] truth, int[] predicted, int[] persons) {
    }

    /**
     * The paired gain as {@link #difference(int[], int[], int[], int[], int, long)}, when the two models saw the
     * same persons in photos of their own (each model's own preparation of the images, say): a draw takes the same
     * persons for both, each with all of its photos in each model's set.
     *
     * @throws IllegalArgumentException when either set's arrays differ in length or are empty, when the two sets do
     *     not hold the same persons, or when {@code resamples} is below 1
     */
    public static Interval difference(Photos before, Photos after, int resamples, long seed) {
        check(before.truth(), before.predicted(), before.persons(), resamples);
        check(after.truth(), after.predicted(), after.persons(), resamples);
        Map<Integer, int[][]> byPersonBefore = cellsByPerson(before.truth(), before.predicted(), before.persons());
        Map<Integer, int[][]> byPersonAfter = cellsByPerson(after.truth(), after.predicted(), after.persons());
        if (!byPersonBefore.keySet().equals(byPersonAfter.keySet())) {
            throw new IllegalArgumentException("the two sets must hold the same persons, got "
                    + byPersonBefore.size() + " and " + byPersonAfter.size() + " persons, "
                    + byPersonBefore.keySet().stream().filter(p -> !byPersonAfter.containsKey(p)).count()
                    + " of the first not in the second");
        }
        int[][][] cellsBefore = byPersonBefore.values().toArray(int[][][]::new);
        int[][][] cellsAfter = byPersonBefore.keySet().stream().map(byPersonAfter::get).toArray(int[][][]::new);
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[resamples];
        int[] confusionBefore = new int[Label.CLASSES * Label.CLASSES];
        int[] confusionAfter = new int[Label.CLASSES * Label.CLASSES];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(confusionBefore, 0);
            Arrays.fill(confusionAfter, 0);
            for (int k = 0; k < cellsBefore.length; k++) {
                int person = random.nextInt(cellsBefore.length);
                add(confusionBefore, cellsBefore[person]);
                add(confusionAfter, cellsAfter[person]);
            }
            draws[r] = macroF1(confusionAfter) - macroF1(confusionBefore);
        }
        return interval(draws, cellsBefore.length);
    }

    private static void check(int[] truth, int[] predicted, int[] persons, int resamples) {
        if (truth.length != predicted.length || truth.length != persons.length) {
            throw new IllegalArgumentException("truth, predicted and persons must have one entry per photo, got "
                    + truth.length + ", " + predicted.length + " and " + persons.length);
        }
        if (truth.length == 0 || resamples < 1) {
            throw new IllegalArgumentException("need at least one photo and one draw, got " + truth.length
                    + " photos and " + resamples + " draws");
        }
    }

    /**
     * Each person's confusion counts as {cells, counts}: the (true, predicted) cells of the flattened 18 x 18 matrix
     * its photos fall in, and how many fall in each; by person id, in the order of each person's first photo, so two
     * calls with the same persons list them alike.
     */
    private static Map<Integer, int[][]> cellsByPerson(int[] truth, int[] predicted, int[] persons) {
        Map<Integer, Map<Integer, Integer>> cells = new LinkedHashMap<>();
        for (int i = 0; i < truth.length; i++) {
            cells.computeIfAbsent(persons[i], p -> new LinkedHashMap<>())
                    .merge(truth[i] * Label.CLASSES + predicted[i], 1, Integer::sum);
        }
        Map<Integer, int[][]> out = new LinkedHashMap<>();
        cells.forEach((person, counts) -> {
            int[] at = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            int[] how = counts.values().stream().mapToInt(Integer::intValue).toArray();
            out.put(person, new int[][] {at, how});
        });
        return out;
    }

    private static void add(int[] confusion, int[][] person) {
        for (int c = 0; c < person[0].length; c++) {
            confusion[person[0][c]] += person[1][c];
        }
    }

    private static Interval interval(double[] draws, int persons) {
        Arrays.sort(draws);
        double tail = (1 - COVERAGE) / 2;
        return new Interval(percentile(draws, tail), percentile(draws, 1 - tail), persons, draws.length);
    }

    /** Macro F1 of a flattened 18 x 18 confusion matrix (rows true), as {@link ClassificationMetrics#macroF1}. */
    private static double macroF1(int[] confusion) {
        double sum = 0;
        for (int c = 0; c < Label.CLASSES; c++) {
            int tp = confusion[c * Label.CLASSES + c];
            int support = 0;
            int predictedAs = 0;
            for (int k = 0; k < Label.CLASSES; k++) {
                support += confusion[c * Label.CLASSES + k];
                predictedAs += confusion[k * Label.CLASSES + c];
            }
            int denominator = support + predictedAs;
            sum += denominator == 0 ? 0 : 2.0 * tp / denominator;
        }
        return sum / Label.CLASSES;
    }

    /** The value at fraction {@code q} of sorted {@code values}, interpolated between neighbours. */
    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
