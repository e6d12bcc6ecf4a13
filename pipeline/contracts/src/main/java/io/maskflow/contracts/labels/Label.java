package io.maskflow.contracts.labels;

import java.util.Objects;

/**
 * One of the 18 classes: {@code class = 6 * mask + 3 * gender + age}, and back
 * {@code mask = class / 6}, {@code gender = (class / 3) % 2}, {@code age = class % 3}.
 */
public record Label(Mask mask, Gender gender, AgeGroup age) {

    /** Number of classes. */
    public static final int CLASSES = 18;
    /** Number of demographic groups (gender x age group), {@link #group}. */
    public static final int GROUPS = 6;
    /** The heads of a class, in class order: {@link #headValue}'s {@code head}. */
    public static final int MASK_HEAD = 0;
    public static final int GENDER_HEAD = 1;
    public static final int AGE_HEAD = 2;

    public Label {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(age, "age");
    }

    /** The class index, 0 to 17. */
    public int classIndex() {
        return 6 * mask.value() + 3 * gender.value() + age.value();
    }

    public static Label ofClass(int classIndex) {
        if (classIndex < 0 || classIndex >= CLASSES) {
            throw new IllegalArgumentException("class must be between 0 and 17, got " + classIndex);
        }
        return new Label(Mask.of(headValue(classIndex, MASK_HEAD)), Gender.of(headValue(classIndex, GENDER_HEAD)),
                AgeGroup.of(headValue(classIndex, AGE_HEAD)));
    }

    /**
     * One head's value of a class: {@link #MASK_HEAD} 0 to 2, {@link #GENDER_HEAD} 0 or 1, {@link #AGE_HEAD} 0 to 2.
     * The arithmetic of the heads lives here and in {@link #classIndex()} only.
     */
    public static int headValue(int classIndex, int head) {
        return switch (head) {
            case MASK_HEAD -> classIndex / 6;
            case GENDER_HEAD -> (classIndex / 3) % 2;
            case AGE_HEAD -> classIndex % 3;
            default -> throw new IllegalArgumentException("head must be 0 (mask), 1 (gender) or 2 (age), got " + head);
        };
    }

    /**
     * The demographic group of a person, 0 to 5: {@code 3 * gender + age}, the gender and age heads together. The
     * person-level split stratifies by it and the data set's contact sheet has a column for each.
     */
    public static int group(Gender gender, AgeGroup age) {
        return 3 * gender.value() + age.value();
    }

    /** A short readable name, e.g. {@code wear/female/<30}, for reports and logs. */
    public String displayName() {
        String maskName = switch (mask) {
            case WEAR -> "wear";
            case INCORRECT -> "incorrect";
            case NOT_WEAR -> "not-wear";
        };
        String ageName = switch (age) {
            case YOUNG -> "young";
            case MIDDLE -> "middle";
            case OLD -> "old";
        };
        return maskName + "/" + gender.csvName() + "/" + ageName;
    }
}
