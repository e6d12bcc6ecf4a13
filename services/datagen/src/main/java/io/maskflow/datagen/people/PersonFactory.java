package io.maskflow.datagen.people;

import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.render.DrawingStyle;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes person number {@code index} of a generation. Everything about a person comes from a random stream seeded
 * by (seed, index) alone, so any person can be made on any thread or replica, in any order, and come out the same.
 */
public final class PersonFactory {

    /** Race column value: the real data set has only this one. */
    public static final String RACE = "Asian";

    private final DatagenParams params;
    private final Demographics demographics;
    /** The data set's one style, or null when each person's is drawn ({@code mixed}). */
    private final DrawingStyle style;
    /** The styles a {@code mixed} set draws from. */
    private final List<DrawingStyle> mix;

    public PersonFactory(DatagenParams params) {
        this.params = params;
        this.demographics = new Demographics(params.demographics(), params.minAge(), params.maxAge());
        this.style = params.style() == DatagenParams.Style.MIXED ? null : DrawingStyle.of(params.style().id());
        this.mix = params.styles().stream().map(s -> DrawingStyle.of(s.id())).toList();
    }

    /** The random stream of one person; photos and masks draw from it after the person's own draws. */
    public SplittableRandom randomFor(int index) {
        return new SplittableRandom(params.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
    }

    /**
     * Person {@code index}, drawn from its stream. In a {@code mixed} set the person's style is the stream's first
     * draw; a single-style set draws nothing for it, so classic sets keep the bytes they had before styles.
     */
    public Person make(int index, SplittableRandom random) {
        DrawingStyle drawing = style != null ? style : DrawingStyle.mixed(random, mix);
        Gender gender = demographics.gender(random);
        int age = demographics.age(random);
        Appearance appearance = drawing.appearance(gender, age, random);
        String id = String.format("%06d", index + 1);
        PersonRecord truth = PersonRecord.of(id, gender, RACE, age);
        PersonRecord labelled = truth;
        if (params.labelNoise() > 0 && random.nextDouble() < params.labelNoise()) {
            labelled = random.nextBoolean()
                    ? PersonRecord.of(id, gender == Gender.MALE ? Gender.FEMALE : Gender.MALE, RACE, age)
                    : PersonRecord.of(id, gender, RACE, wrongAge(age, random));
        }
        return new Person(index, truth, labelled, appearance, drawing);
    }

    /** An age in another group of the competition's cut-offs. */
    private static int wrongAge(int age, SplittableRandom random) {
        if (age < 30) {
            return 30 + random.nextInt(30);
        }
        if (age >= 60) {
            return 18 + random.nextInt(12);
        }
        return random.nextBoolean() ? 18 + random.nextInt(12) : 60;
    }
}
