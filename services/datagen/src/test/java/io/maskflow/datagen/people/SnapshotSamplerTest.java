package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The snapshot style's gender cues have the odds docs/datagen.md gives, and none tells gender alone: the best rule
 * on any one cue is right for at most about three persons in four (half the persons are women).
 */
class SnapshotSamplerTest {

    private static final int N = 20_000;
    private final SnapshotSampler sampler = new SnapshotSampler();

    private double share(Gender gender, int age, Predicate<Appearance> cue) {
        SplittableRandom r = new SplittableRandom(1);
        int hits = 0;
        for (int i = 0; i < N; i++) {
            hits += cue.test(sampler.sample(gender, age, r)) ? 1 : 0;
        }
        return hits / (double) N;
    }

    @Test
    void theCuesHaveTheDocumentedOdds() {
        for (int style = 0; style < Look.HAIR_STYLES.length; style++) {
            int s = style;
            assertThat(share(Gender.FEMALE, 30, a -> a.hairStyle() == s)).isCloseTo(SnapshotSampler.HAIR_WOMEN[s],
                    within(0.012));
            assertThat(share(Gender.MALE, 30, a -> a.hairStyle() == s)).isCloseTo(SnapshotSampler.HAIR_MEN[s],
                    within(0.012));
        }
        for (int shape = 0; shape < Look.FACE_SHAPES.length; shape++) {
            int s = shape;
            assertThat(share(Gender.FEMALE, 30, a -> a.look().faceShape() == s))
                    .isCloseTo(SnapshotSampler.SHAPE_WOMEN[s], within(0.012));
            assertThat(share(Gender.MALE, 30, a -> a.look().faceShape() == s)).isCloseTo(SnapshotSampler.SHAPE_MEN[s],
                    within(0.012));
        }
        for (int garment = 0; garment < Look.GARMENTS.length; garment++) {
            int g = garment;
            assertThat(share(Gender.FEMALE, 30, a -> a.collar() == g)).isCloseTo(SnapshotSampler.GARMENT_WOMEN[g],
                    within(0.012));
            assertThat(share(Gender.MALE, 30, a -> a.collar() == g)).isCloseTo(SnapshotSampler.GARMENT_MEN[g],
                    within(0.012));
        }
        assertThat(share(Gender.FEMALE, 50, a -> a.facialHair() > 0)).isZero();
        assertThat(share(Gender.MALE, 25, a -> a.facialHair() > 0)).isCloseTo(0.18, within(0.012));
        assertThat(share(Gender.MALE, 50, a -> a.facialHair() > 0)).isCloseTo(0.40, within(0.012));
        assertThat(share(Gender.FEMALE, 30, a -> a.look().lipstick())).isCloseTo(0.35, within(0.012));
        assertThat(share(Gender.MALE, 30, a -> a.look().lipstick())).isCloseTo(0.02, within(0.005));
        assertThat(share(Gender.FEMALE, 30, Appearance::earrings)).isCloseTo(0.30, within(0.012));
        assertThat(share(Gender.MALE, 30, Appearance::earrings)).isCloseTo(0.04, within(0.005));
    }

    /** Accuracy of "male when the cue holds, else female" with as many women as men. */
    private double accuracy(int age, Predicate<Appearance> looksMale) {
        return (share(Gender.MALE, age, looksMale) + 1 - share(Gender.FEMALE, age, looksMale)) / 2;
    }

    @Test
    void noCueTellsGenderAlone() {
        for (int age : new int[] {22, 45, 60}) {
            assertThat(accuracy(age, a -> a.hairStyle() <= 1)).as("short hair").isBetween(0.6, 0.8);
            assertThat(accuracy(age, a -> a.look().faceShape() == 2)).as("square face").isBetween(0.55, 0.8);
            assertThat(accuracy(age, a -> a.browThickness() > 3.0)).as("thick brows").isBetween(0.55, 0.8);
            assertThat(accuracy(age, a -> a.jaw() > 0.66)).as("wide jaw").isBetween(0.55, 0.8);
            assertThat(accuracy(age, a -> a.facialHair() > 0)).as("facial hair").isBetween(0.55, 0.75);
            assertThat(accuracy(age, a -> !a.look().lipstick())).as("no lipstick").isBetween(0.55, 0.75);
            assertThat(accuracy(age, a -> a.collar() == 1 || a.collar() == 3)).as("jacket or shirt")
                    .isBetween(0.55, 0.8);
        }
    }

    @Test
    void ageShowsInSeveralGradualCues() {
        double youngGrey = share(Gender.FEMALE, 22, a -> a.hairColor().getRed() > 150);
        double oldGrey = share(Gender.FEMALE, 60, a -> a.hairColor().getRed() > 150);
        assertThat(youngGrey).isLessThan(0.02);
        assertThat(oldGrey).isBetween(0.3, 0.9);
        // neighbours of the 60 cut-off look alike: the share of grey hair moves little from 58 to 60
        assertThat(Math.abs(share(Gender.FEMALE, 58, a -> a.hairColor().getRed() > 150) - oldGrey)).isLessThan(0.15);
        assertThat(share(Gender.MALE, 60, a -> a.look().skinTexture() > 0.5))
                .isGreaterThan(share(Gender.MALE, 29, a -> a.look().skinTexture() > 0.5) + 0.5);
    }
}
