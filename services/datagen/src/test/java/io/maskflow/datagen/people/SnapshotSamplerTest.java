package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;

import org.junit.jupiter.api.Test;

/**
 * The snapshot style's gender cues have the odds docs/datagen.md gives, and none tells gender alone: the best rule
 * on any one cue is right for at most about three persons in four (half the persons are women).
 */
class SnapshotSamplerTest {

    private final CueOdds cues = new CueOdds(new SnapshotSampler()::sample);

    @Test
    void theCuesHaveTheDocumentedOdds() {
        for (int style = 0; style < Look.HAIR_STYLES.length; style++) {
            int s = style;
            assertThat(cues.share(Gender.FEMALE, 30, a -> a.hairStyle() == s)).isCloseTo(SnapshotSampler.HAIR_WOMEN[s],
                    within(0.012));
            assertThat(cues.share(Gender.MALE, 30, a -> a.hairStyle() == s)).isCloseTo(SnapshotSampler.HAIR_MEN[s],
                    within(0.012));
        }
        for (int shape = 0; shape < Look.FACE_SHAPES.length; shape++) {
            int s = shape;
            assertThat(cues.share(Gender.FEMALE, 30, a -> a.look().faceShape() == s))
                    .isCloseTo(SnapshotSampler.SHAPE_WOMEN[s], within(0.012));
            assertThat(cues.share(Gender.MALE, 30, a -> a.look().faceShape() == s))
                    .isCloseTo(SnapshotSampler.SHAPE_MEN[s], within(0.012));
        }
        for (int garment = 0; garment < Look.GARMENTS.length; garment++) {
            int g = garment;
            assertThat(cues.share(Gender.FEMALE, 30, a -> a.collar() == g)).isCloseTo(SnapshotSampler.GARMENT_WOMEN[g],
                    within(0.012));
            assertThat(cues.share(Gender.MALE, 30, a -> a.collar() == g)).isCloseTo(SnapshotSampler.GARMENT_MEN[g],
                    within(0.012));
        }
        assertThat(cues.share(Gender.FEMALE, 50, a -> a.facialHair() > 0)).isZero();
        assertThat(cues.share(Gender.MALE, 25, a -> a.facialHair() > 0)).isCloseTo(0.18, within(0.012));
        assertThat(cues.share(Gender.MALE, 50, a -> a.facialHair() > 0)).isCloseTo(0.40, within(0.012));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.look().lipstick())).isCloseTo(0.35, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, a -> a.look().lipstick())).isCloseTo(0.02, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, Appearance::earrings)).isCloseTo(0.30, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, Appearance::earrings)).isCloseTo(0.04, within(0.005));
    }

    @Test
    void noCueTellsGenderAlone() {
        for (int age : new int[] {22, 45, 60}) {
            assertThat(cues.accuracy(age, a -> a.hairStyle() <= 1)).as("short hair").isBetween(0.6, 0.8);
            assertThat(cues.accuracy(age, a -> a.look().faceShape() == 2)).as("square face").isBetween(0.55, 0.8);
            assertThat(cues.accuracy(age, a -> a.browThickness() > 3.0)).as("thick brows").isBetween(0.55, 0.8);
            assertThat(cues.accuracy(age, a -> a.jaw() > 0.66)).as("wide jaw").isBetween(0.55, 0.8);
            assertThat(cues.accuracy(age, a -> a.facialHair() > 0)).as("facial hair").isBetween(0.55, 0.75);
            assertThat(cues.accuracy(age, a -> !a.look().lipstick())).as("no lipstick").isBetween(0.55, 0.75);
            assertThat(cues.accuracy(age, a -> a.collar() == 1 || a.collar() == 3)).as("jacket or shirt")
                    .isBetween(0.55, 0.8);
        }
    }

    @Test
    void ageShowsInSeveralGradualCues() {
        double youngGrey = cues.share(Gender.FEMALE, 22, a -> a.hairColor().getRed() > 150);
        double oldGrey = cues.share(Gender.FEMALE, 60, a -> a.hairColor().getRed() > 150);
        assertThat(youngGrey).isLessThan(0.02);
        assertThat(oldGrey).isBetween(0.3, 0.9);
        // neighbours of the 60 cut-off look alike: the share of grey hair moves little from 58 to 60
        assertThat(Math.abs(cues.share(Gender.FEMALE, 58, a -> a.hairColor().getRed() > 150) - oldGrey))
                .isLessThan(0.15);
        assertThat(cues.share(Gender.MALE, 60, a -> a.look().skinTexture() > 0.5))
                .isGreaterThan(cues.share(Gender.MALE, 29, a -> a.look().skinTexture() > 0.5) + 0.5);
    }
}
