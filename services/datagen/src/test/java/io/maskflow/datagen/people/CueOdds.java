package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** The odds of a style's cues, counted over many sampled persons: what the samplers' tests check. */
final class CueOdds {

    /** One style's sampler: a person's appearance from gender, age and the person's stream. */
    @FunctionalInterface
    interface Sampler {
        Appearance sample(Gender gender, int age, SplittableRandom random);
    }

    static final int N = 20_000;

    private final Sampler sampler;

    CueOdds(Sampler sampler) {
        this.sampler = sampler;
    }

    /** The share of {@code N} persons of this gender and age for whom {@code cue} holds. */
    double share(Gender gender, int age, Predicate<Appearance> cue) {
        SplittableRandom r = new SplittableRandom(1);
        int hits = 0;
        for (int i = 0; i < N; i++) {
            hits += cue.test(sampler.sample(gender, age, r)) ? 1 : 0;
        }
        return hits / (double) N;
    }

    /** The mean of {@code value} over {@code N} persons of this gender, aged 30. */
    double mean(Gender gender, ToDoubleFunction<Appearance> value) {
        SplittableRandom r = new SplittableRandom(2);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += value.applyAsDouble(sampler.sample(gender, 30, r));
        }
        return sum / N;
    }

    /** Accuracy of "male when the cue holds, else female" with as many women as men. */
    double accuracy(int age, Predicate<Appearance> looksMale) {
        return (share(Gender.MALE, age, looksMale) + 1 - share(Gender.FEMALE, age, looksMale)) / 2;
    }

    /** A categorical cue (its value {@code of} a person) has the documented odds for women and for men at 30. */
    void odds(String[] names, double[] women, double[] men, ToIntFunction<Appearance> of) {
        assertThat(women).hasSize(names.length);
        assertThat(men).hasSize(names.length);
        assertThat(Arrays.stream(women).sum()).isCloseTo(1, within(1e-9));
        assertThat(Arrays.stream(men).sum()).isCloseTo(1, within(1e-9));
        for (int k = 0; k < names.length; k++) {
            int value = k;
            assertThat(share(Gender.FEMALE, 30, a -> of.applyAsInt(a) == value)).as(names[k])
                    .isCloseTo(women[k], within(0.012));
            assertThat(share(Gender.MALE, 30, a -> of.applyAsInt(a) == value)).as(names[k])
                    .isCloseTo(men[k], within(0.012));
        }
    }
}
