package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.within;

/**
 * Parameters of the {@code preprocess} step.
 *
 * @param imageSize side of the square training image in pixels
 * @param cropWidth width of the centre crop taken from the photo before resizing
 * @param cropHeight height of that crop
 * @param folds folds of the person-level stratified split
 * @param shardSize images per training shard
 * @param applyKnownCorrections apply the published label corrections of the real data set
 * @param middleAgeFrom first age of the middle age group
 * @param oldAgeFrom first age of the old age group
 * @param seed random seed of the split
 */
public record PreprocessParams(int imageSize, int cropWidth, int cropHeight, int folds, int shardSize,
        boolean applyKnownCorrections, int middleAgeFrom, int oldAgeFrom, long seed) {

    public static final PreprocessParams DEFAULTS = new PreprocessParams(96, 256, 320, 5, 2048, true, 30, 60, 42);

    public PreprocessParams {
        within(imageSize, "imageSize", 16, 1024);
        within(cropWidth, "cropWidth", 16, 4096);
        within(cropHeight, "cropHeight", 16, 4096);
        within(folds, "folds", 2, 20);
        within(shardSize, "shardSize", 1, 1_000_000);
        within(middleAgeFrom, "middleAgeFrom", 1, 149);
        within(oldAgeFrom, "oldAgeFrom", middleAgeFrom + 1, 150);
    }
}
