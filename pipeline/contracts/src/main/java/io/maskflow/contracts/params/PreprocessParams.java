package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.within;

import java.util.List;

/**
 * Parameters of the {@code preprocess} step.
 *
 * @param imageSize side of the square training image in pixels
 * @param cropWidth width of the centre crop, in pixels of an expected-size photo (scaled for other sizes)
 * @param cropHeight height of that crop
 * @param expectedWidth the photos' expected width (the competition's 384)
 * @param expectedHeight the photos' expected height (the competition's 512)
 * @param folds folds of the person-level stratified split
 * @param holdoutFraction share of persons (per gender x age group) kept out of every fold, for a final test
 * @param shardSize images per training shard
 * @param applyKnownCorrections apply the published label corrections of the real data set (../shared/DATA.md)
 * @param corrections more corrections, each {@code <id>:gender=female}, {@code <id>:age=61} or
 *     {@code <id>:swap-incorrect-normal}
 * @param middleAgeFrom first age of the middle age group
 * @param oldAgeFrom first age of the old age group
 * @param maxPixels images with more pixels than this are refused before decoding
 * @param seed random seed of the split and the shard order
 * @param crop {@code centre}: the centre crop of {@code cropWidth x cropHeight}; {@code face}: the face found in
 *     the photo (the largest one), widened by {@code faceMargin} and grown to the crop's aspect, the centre crop
 *     when no face is found; a face box from {@code train/faces.csv} wins over both
 * @param faceMargin fraction of the face box's width (height) added on each side of a found face before it is grown
 *     to the crop's aspect
 */
public record PreprocessParams(int imageSize, int cropWidth, int cropHeight, int expectedWidth, int expectedHeight,
        int folds, double holdoutFraction, int shardSize, boolean applyKnownCorrections, List<String> corrections,
        int middleAgeFrom, int oldAgeFrom, long maxPixels, long seed, Crop crop, double faceMargin) {

    public static final PreprocessParams DEFAULTS = builder().build();

    /** What part of a photo becomes the training image. */
    public enum Crop implements Choice {
        /** The centre crop of {@code cropWidth x cropHeight}. */
        CENTRE,
        /** The face found in the photo, the centre crop when none is found. */
        FACE;

        @Override
        public String toString() {
            return id();
        }
    }

    public PreprocessParams {
        within(imageSize, "imageSize", 16, 1024);
        within(cropWidth, "cropWidth", 16, 4096);
        within(cropHeight, "cropHeight", 16, 4096);
        within(expectedWidth, "expectedWidth", cropWidth, 8192);
        within(expectedHeight, "expectedHeight", cropHeight, 8192);
        within(folds, "folds", 2, 20);
        within(holdoutFraction, "holdoutFraction", 0, 0.5);
        within(shardSize, "shardSize", 1, 1_000_000);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
        within(middleAgeFrom, "middleAgeFrom", 1, 149);
        within(oldAgeFrom, "oldAgeFrom", middleAgeFrom + 1, 150);
        within(maxPixels, "maxPixels", 1, 1_000_000_000L);
        crop = crop == null ? Crop.CENTRE : crop; // data prepared before crop existed
        within(faceMargin, "faceMargin", 0, 1);
    }

    /** Whether photos are cropped to a detected face ({@code crop=face}), so a face detector is needed. */
    public boolean cropsFaces() {
        return crop == Crop.FACE;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder().imageSize(imageSize).cropWidth(cropWidth).cropHeight(cropHeight)
                .expectedWidth(expectedWidth).expectedHeight(expectedHeight).folds(folds)
                .holdoutFraction(holdoutFraction).shardSize(shardSize).applyKnownCorrections(applyKnownCorrections)
                .corrections(corrections).middleAgeFrom(middleAgeFrom).oldAgeFrom(oldAgeFrom).maxPixels(maxPixels)
                .seed(seed).crop(crop).faceMargin(faceMargin);
    }

    /** Builds {@link PreprocessParams}; its fields start at the defaults, the one place they are written. */
    public static final class Builder {
        private int imageSize = 96;
        private int cropWidth = 256;
        private int cropHeight = 320;
        private int expectedWidth = 384;
        private int expectedHeight = 512;
        private int folds = 5;
        private double holdoutFraction = 0.0;
        private int shardSize = 2048;
        private boolean applyKnownCorrections = true;
        private List<String> corrections = List.of();
        private int middleAgeFrom = 30;
        private int oldAgeFrom = 60;
        private long maxPixels = 40_000_000L;
        private long seed = 42;
        private Crop crop = Crop.CENTRE;
        private double faceMargin = 0.25;

        private Builder() {
        }

        public Builder imageSize(int value) {
            imageSize = value;
            return this;
        }

        public Builder cropWidth(int value) {
            cropWidth = value;
            return this;
        }

        public Builder cropHeight(int value) {
            cropHeight = value;
            return this;
        }

        public Builder expectedWidth(int value) {
            expectedWidth = value;
            return this;
        }

        public Builder expectedHeight(int value) {
            expectedHeight = value;
            return this;
        }

        public Builder folds(int value) {
            folds = value;
            return this;
        }

        public Builder holdoutFraction(double value) {
            holdoutFraction = value;
            return this;
        }

        public Builder shardSize(int value) {
            shardSize = value;
            return this;
        }

        public Builder applyKnownCorrections(boolean value) {
            applyKnownCorrections = value;
            return this;
        }

        public Builder corrections(List<String> value) {
            corrections = value;
            return this;
        }

        public Builder middleAgeFrom(int value) {
            middleAgeFrom = value;
            return this;
        }

        public Builder oldAgeFrom(int value) {
            oldAgeFrom = value;
            return this;
        }

        public Builder maxPixels(long value) {
            maxPixels = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder crop(Crop value) {
            crop = value;
            return this;
        }

        public Builder faceMargin(double value) {
            faceMargin = value;
            return this;
        }

        /** The parameters, checked: a bad value throws naming it. */
        public PreprocessParams build() {
            return new PreprocessParams(imageSize, cropWidth, cropHeight, expectedWidth, expectedHeight, folds,
                    holdoutFraction, shardSize, applyKnownCorrections, corrections, middleAgeFrom, oldAgeFrom,
                    maxPixels, seed, crop, faceMargin);
        }
    }
}
