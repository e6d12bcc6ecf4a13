package io.maskflow.contracts.labels;

import java.util.Locale;

/** How the mask is worn. The ordinal is the label value of the competition. */
public enum Mask {
    /** Worn correctly: files {@code mask1} to {@code mask5}. */
    WEAR,
    /** Worn incorrectly: file {@code incorrect_mask}. */
    INCORRECT,
    /** Not worn: file {@code normal}. */
    NOT_WEAR;

    /** The label value, 0 to 2. */
    public int value() {
        return ordinal();
    }

    public static Mask of(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("mask label must be 0, 1 or 2, got " + value);
        }
        return values()[value];
    }

    /**
     * The mask state a competition file name stands for, e.g. {@code mask3.jpg}, {@code incorrect_mask.png},
     * {@code normal.jpeg}. The extension is optional and the match ignores case.
     */
    public static Mask fromFileName(String fileName) {
        String stem = stem(fileName);
        if (stem.equals("normal")) {
            return NOT_WEAR;
        }
        if (stem.equals("incorrect_mask")) {
            return INCORRECT;
        }
        if (stem.matches("mask[1-5]")) {
            return WEAR;
        }
        throw new IllegalArgumentException("not a competition image name (mask1..mask5, incorrect_mask, normal): "
                + fileName);
    }

    /** The seven file stems of one person, in the competition's order. */
    public static String[] fileStems() {
        return new String[] {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"};
    }

    private static String stem(String fileName) {
        if (fileName == null) {
            throw new IllegalArgumentException("file name is missing");
        }
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
