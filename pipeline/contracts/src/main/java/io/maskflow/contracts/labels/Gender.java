package io.maskflow.contracts.labels;

import java.util.Locale;

/** Gender as the competition labels it. The ordinal is the label value. */
public enum Gender {
    MALE,
    FEMALE;

    /** The label value, 0 or 1. */
    public int value() {
        return ordinal();
    }

    public static Gender of(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("gender label must be 0 or 1, got " + value);
        }
        return values()[value];
    }

    /** Parses {@code male} / {@code female} as written in {@code train.csv} and the folder names. */
    public static Gender parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "male":
                    return MALE;
                case "female":
                    return FEMALE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("gender must be 'male' or 'female', got '" + text + "'");
    }

    /** The word used in {@code train.csv} and the folder names. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
