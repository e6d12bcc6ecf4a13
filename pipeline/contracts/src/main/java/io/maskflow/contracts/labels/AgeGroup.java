package io.maskflow.contracts.labels;

/** Age group. The ordinal is the label value; the cut-offs between groups live in {@link AgeBands}. */
public enum AgeGroup {
    /** Younger than the middle cut-off (30 by default). */
    YOUNG,
    /** From the middle cut-off up to the old cut-off. */
    MIDDLE,
    /** The old cut-off (60 by default) and over. */
    OLD;

    /** The label value, 0 to 2. */
    public int value() {
        return ordinal();
    }

    public static AgeGroup of(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("age label must be 0, 1 or 2, got " + value);
        }
        return values()[value];
    }
}
