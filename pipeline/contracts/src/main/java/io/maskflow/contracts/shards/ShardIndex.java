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
 */
public record ShardIndex(int imageSize, int channels, int count, List<Shard> shards, int[] classCounts,
        double[] classWeights, Map<String, Integer> foldCounts, int folds, double[] mean, double[] std, int persons,
        Map<String, Object> parameters, Map<String, int[]> classCountsByInput, int[] personAges) {

    public ShardIndex(int imageSize, int channels, int count, List<Shard> shards, int[] classCounts,
            double[] classWeights, Map<String, Integer> foldCounts, int folds, double[] mean, double[] std,
            int persons, Map<String, Object> parameters) {
        this(imageSize, channels, count, shards, classCounts, classWeights, foldCounts, folds, mean, std, persons,
                parameters, Map.of(), null);
    }

    public ShardIndex {
        classCountsByInput = classCountsByInput == null ? Map.of() : Map.copyOf(classCountsByInput);
        personAges = personAges == null ? new int[0] : personAges;
    }

    /** One shard file. */
    public record Shard(ArtifactRef ref, int count) {
    }
}
