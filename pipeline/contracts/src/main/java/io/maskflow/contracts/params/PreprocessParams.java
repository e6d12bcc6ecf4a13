package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.List;
import java.util.Set;

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
        int middleAgeFrom, int oldAgeFrom, long maxPixels, long seed, String crop, double faceMargin) {

    /** {@link #crop()}: the centre of the photo. */
    public static final String CROP_CENTRE = "centre";
    /** {@link #crop()}: the face found in the photo. */
    public static final String CROP_FACE = "face";

    public static final PreprocessParams DEFAULTS = new PreprocessParams(96, 256, 320, 384, 512, 5, 0.0, 2048, true,
            List.of(), 30, 60, 40_000_000L, 42, CROP_CENTRE, 0.25);

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
        crop = crop == null ? CROP_CENTRE : crop;
        oneOf(crop, "crop", Set.of(CROP_CENTRE, CROP_FACE));
        within(faceMargin, "faceMargin", 0, 1);
    }

    /** Whether photos are cropped to a detected face ({@code crop=face}), so a face detector is needed. */
    public boolean cropsFaces() {
        return CROP_FACE.equals(crop);
    }
}
