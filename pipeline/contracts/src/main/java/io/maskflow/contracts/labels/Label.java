package io.maskflow.contracts.labels;

import java.util.Objects;

/**
 * One of the 18 classes: {@code class = 6 * mask + 3 * gender + age}, and back
 * {@code mask = class / 6}, {@code gender = (class / 3) % 2}, {@code age = class % 3}.
 */
public record Label(Mask mask, Gender gender, AgeGroup age) {

    /** Number of classes. */
    public static final int CLASSES = 18;

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
        return new Label(Mask.of(classIndex / 6), Gender.of((classIndex / 3) % 2), AgeGroup.of(classIndex % 3));
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
