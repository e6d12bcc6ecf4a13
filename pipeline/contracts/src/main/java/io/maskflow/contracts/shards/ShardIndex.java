package io.maskflow.contracts.shards;

import io.maskflow.contracts.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * The index of a preprocessed data set ({@code index.json}, the step's {@code shards} output): what the trainer
 * and evaluator read first.
 *
 * @param imageSize side of the square images
 * @param channels 3 (RGB)
 * @param count images in all shards
 * @param shards the shard files in order, with their record counts
 * @param classCounts images per class 0..17
 * @param classWeights 1 / class count (0 for an empty class), for weighted sampling with replacement
 * @param foldCounts images per fold; the hold-out is listed under key {@code holdout}
 * @param folds folds of the split
 * @param mean channel mean of the prepared images, RGB, in 0..1
 * @param std channel standard deviation, RGB, in 0..1
 * @param persons persons used
 * @param parameters the parameters of the job
 * @param classCountsByInput images per class 0..17 for each input of the job ({@code dataset}, {@code synthetic},
 *     ...), so a report can say how many of a class were the user's and how many were generated
 * @param personAges each person's age in years, by the person number the records carry; empty in indexes written
 *     before the ages were kept (preprocess version 7), which is how the trainer knows it cannot move an age cut
 * @param cueNames the names of the drawing values {@code personCues} holds (the generator's {@code train/cues.csv}
 *     columns); empty when no data set of the job had them (users' own photos, indexes before preprocess version 8)
 * @param personCues each person's drawing values in the order of {@code cueNames}, by person number; a null row for
 *     a person whose data set had none
 */
public record ShardIndex(int imageSize, int channels, int count, List<Shard> shards, int[] classCounts,
        double[] classWeights, Map<String, Integer> foldCounts, int folds, double[] mean, double[] std, int persons,
        Map<String, Object> parameters, Map<String, int[]> classCountsByInput, int[] personAges,
        List<String> cueNames, double[][] personCues) {

    public ShardIndex(int imageSize, int channels, int count, List<Shard> shards, int[] classCounts,
            double[] classWeights, Map<String, Integer> foldCounts, int folds, double[] mean, double[] std,
            int persons, Map<String, Object> parameters) {
        this(imageSize, channels, count, shards, classCounts, classWeights, foldCounts, folds, mean, std, persons,
                parameters, Map.of(), null, null, null);
    }

    /** An index without drawing values. */
    public ShardIndex(int imageSize, int channels, int count, List<Shard> shards, int[] classCounts,
            double[] classWeights, Map<String, Integer> foldCounts, int folds, double[] mean, double[] std,
            int persons, Map<String, Object> parameters, Map<String, int[]> classCountsByInput, int[] personAges) {
        this(imageSize, channels, count, shards, classCounts, classWeights, foldCounts, folds, mean, std, persons,
                parameters, classCountsByInput, personAges, null, null);
    }

    public ShardIndex {
        classCountsByInput = classCountsByInput == null ? Map.of() : Map.copyOf(classCountsByInput);
        personAges = personAges == null ? new int[0] : personAges;
        cueNames = cueNames == null ? List.of() : List.copyOf(cueNames);
        personCues = personCues == null ? new double[0][] : personCues;
    }

    /** One shard file. */
    public record Shard(ArtifactRef ref, int count) {
    }
}
