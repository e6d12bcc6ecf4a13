package io.maskflow.datagen.people;

import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.render.DrawingStyle;

/**
 * One generated person.
 *
 * @param index position in the whole generation (the seed of everything about them)
 * @param truth gender and age as drawn, which the pictures show
 * @param labelled gender and age as written in train.csv: the same as {@code truth} unless label noise hit
 * @param appearance how they look in every photo
 * @param style how they are drawn and photographed
 */
public record Person(int index, PersonRecord truth, PersonRecord labelled, Appearance appearance,
        DrawingStyle style) {

    public boolean noisy() {
        return !truth.equals(labelled);
    }

    public Gender gender() {
        return truth.gender();
    }

    public int age() {
        return truth.age();
    }
}
