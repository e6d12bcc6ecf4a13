package io.maskflow.trainer;

import java.util.Map;

/**
 * {@code validationFold}: the fold held out to validate on must leave images on both sides. The run checks the
 * records it splits; a REST job is checked before it is queued, on the images per fold its shards' index counts,
 * so that a fold the shards do not have (19 on a 5-fold split) is refused at once with the reason the run would
 * fail with.
 */
final class ValidationFold {

    /** The key under which an index's {@code foldCounts} counts the hold-out's images. */
    private static final String HOLDOUT = "holdout";

    private ValidationFold() {
    }

    /**
     * Refuses a validation fold the shards' index counts no image in, or one that leaves none to train on. An index
     * that does not count its folds is left to the run.
     *
     * @param foldCounts images per fold, by fold number, the hold-out under {@code holdout} (and the training-only
     *     persons' images under a key of their own, counted for training)
     */
    static void check(int validationFold, Map<String, Integer> foldCounts) {
        if (foldCounts == null || foldCounts.isEmpty()) {
            return;
        }
        String fold = Integer.toString(validationFold);
        int train = 0;
        int validation = 0;
        for (Map.Entry<String, Integer> count : foldCounts.entrySet()) {
            int images = count.getValue() == null ? 0 : count.getValue();
            if (count.getKey().equals(fold)) {
                validation += images;
            } else if (!count.getKey().equals(HOLDOUT)) {
                train += images;
            }
        }
        check(validationFold, train, validation);
    }

    /** Refuses a split that leaves no image to train on or none to validate on. */
    static void check(int validationFold, int train, int validation) {
        if (train <= 0 || validation <= 0) {
            throw new IllegalArgumentException("validation fold " + validationFold + " leaves " + train
                    + " training and " + validation + " validation images; both must be > 0");
        }
    }
}
