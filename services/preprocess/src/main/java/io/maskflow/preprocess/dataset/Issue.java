package io.maskflow.preprocess.dataset;

/**
 * Something wrong with the input, found by validation; the item it names is left out of the shards.
 *
 * @param kind what kind of problem
 * @param item the file, folder, row or person concerned
 * @param detail what exactly is wrong
 */
public record Issue(Kind kind, String item, String detail) {

    /** The kinds of problem validation reports. */
    public enum Kind {
        BAD_CSV_ROW,
        DUPLICATE_ID,
        BAD_FOLDER_NAME,
        FOLDER_NOT_IN_CSV,
        /** a folder whose name gives other labels than its train.csv row (the row's are used) */
        FOLDER_DISAGREES_WITH_CSV,
        MISSING_FOLDER,
        MISSING_FILES,
        EXTRA_FILE,
        UNREADABLE_IMAGE,
        UNEXPECTED_SIZE,
        TOO_MANY_PIXELS,
        UNKNOWN_CORRECTION
    }
}
