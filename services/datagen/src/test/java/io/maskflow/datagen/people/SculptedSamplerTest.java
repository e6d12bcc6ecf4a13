package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The sculpted style's gender cues have the odds docs/datagen.md gives, and none tells gender alone: the best rule
 * on any one cue is right for 55 - 80 % of persons (half the persons are women). Age shows in several gradual
 * cues, and persons either side of the 60 cut-off look alike.
 */
class SculptedSamplerTest {

    private final CueOdds cues = new CueOdds(new SculptedSampler()::sample);

    @Test
    void theCuesHaveTheDocumentedOdds() {
        cues.odds(SculptedLook.HAIR_STYLES, SculptedSampler.HAIR_WOMEN, SculptedSampler.HAIR_MEN,
                Appearance::hairStyle);
        cues.odds(SculptedLook.GARMENTS, SculptedSampler.GARMENT_WOMEN, SculptedSampler.GARMENT_MEN,
                Appearance::collar);
        assertThat(cues.share(Gender.FEMALE, 50, a -> a.sculpted().stubble() > 0)).isZero();
        assertThat(cues.share(Gender.MALE, 25, a -> a.sculpted().stubble() > 0)).isCloseTo(0.35, within(0.012));
        assertThat(cues.share(Gender.MALE, 50, a -> a.sculpted().stubble() > 0)).isCloseTo(0.5, within(0.012));
        assertThat(cues.share(Gender.FEMALE, 30, Appearance::earrings)).isCloseTo(0.30, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, Appearance::earrings)).isCloseTo(0.05, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.sculpted().makeup() > 0)).isCloseTo(0.45, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, a -> a.sculpted().makeup() > 0)).isCloseTo(0.03, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, a -> a.sculpted().browRidge())).isCloseTo(0.35, within(0.01));
        assertThat(cues.mean(Gender.MALE, a -> a.sculpted().browRidge())).isCloseTo(0.6, within(0.01));
        assertThat(cues.mean(Gender.FEMALE, a -> a.sculpted().neckWidth())).isCloseTo(0.62, within(0.005));
        assertThat(cues.mean(Gender.MALE, a -> a.sculpted().neckWidth())).isCloseTo(0.71, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, Appearance::jaw)).isCloseTo(0.62, within(0.005));
        assertThat(cues.mean(Gender.MALE, Appearance::jaw)).isCloseTo(0.70, within(0.005));
    }

    @Test
    void noCueTellsGenderAlone() {
        for (int age : new int[] {22, 45, 60}) {
            double[] accuracies = {
                cues.accuracy(age, a -> a.hairStyle() == 0 || a.hairStyle() == 1 || a.hairStyle() == 5),
                cues.accuracy(age, a -> a.jaw() > 0.66),
                cues.accuracy(age, a -> a.sculpted().browRidge() > 0.475),
                cues.accuracy(age, a -> a.browThickness() > 2.85),
                cues.accuracy(age, a -> a.lipFullness() < 0.0825 - (age - 19) / 48.0 * 0.025),
                cues.accuracy(age, a -> a.sculpted().cheekFullness() < 0.485 - (age - 19) / 48.0 * 0.1),
                cues.accuracy(age, a -> a.sculpted().neckWidth() > 0.665),
                cues.accuracy(age, a -> a.sculpted().stubble() > 0),
                cues.accuracy(age, a -> !a.earrings()),
                cues.accuracy(age, a -> a.sculpted().makeup() == 0),
                cues.accuracy(age, a -> a.collar() <= 2),
            };
            String[] names = {"short hair (crop, side part, balding)", "wide jaw", "deep brow ridge", "thick brows",
                "thin lips", "lean cheeks", "wide neck", "stubble", "no earrings", "no make-up",
                "sweater, shirt or t-shirt"};
            StringBuilder line = new StringBuilder("age " + age + ":");
            for (int k = 0; k < names.length; k++) {
                line.append(String.format(Locale.ROOT, " %s %.3f,", names[k], accuracies[k]));
                assertThat(accuracies[k]).as(names[k] + " at " + age).isBetween(0.55, 0.8);
            }
            System.out.println(line);
        }
    }

    @Test
    void ageShowsInSeveralGradualCues() {
        for (int age : new int[] {22, 31, 45, 58, 59, 60}) {
            System.out.printf(Locale.ROOT, "age %d: greying > 0.5 %.2f, wrinkles > 0.6 %.2f, sag > 0.6 %.2f, "
                    + "ageing > 0.8 %.2f%n", age, cues.share(Gender.FEMALE, age, a -> a.sculpted().greying() > 0.5),
                    cues.share(Gender.FEMALE, age, a -> a.sculpted().wrinkles() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.sculpted().sag() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.ageing() > 0.8));
        }
        assertThat(cues.share(Gender.FEMALE, 22, a -> a.sculpted().greying() > 0.5)).isLessThan(0.02);
        double oldGrey = cues.share(Gender.FEMALE, 60, a -> a.sculpted().greying() > 0.5);
        assertThat(oldGrey).isBetween(0.3, 0.95);
        // neighbours of the 60 cut-off look alike: the cues move little from 58 to 60
        assertThat(Math.abs(cues.share(Gender.FEMALE, 58, a -> a.sculpted().greying() > 0.5) - oldGrey))
                .isLessThan(0.15);
        assertThat(Math.abs(cues.share(Gender.MALE, 58, a -> a.ageing() > 0.8)
                - cues.share(Gender.MALE, 60, a -> a.ageing() > 0.8))).isLessThan(0.2);
        assertThat(cues.share(Gender.MALE, 60, a -> a.sculpted().wrinkles() > 0.5))
                .isGreaterThan(cues.share(Gender.MALE, 25, a -> a.sculpted().wrinkles() > 0.5) + 0.5);
        assertThat(cues.share(Gender.MALE, 60, a -> a.sculpted().unevenness() > 0.4))
                .isGreaterThan(cues.share(Gender.MALE, 25, a -> a.sculpted().unevenness() > 0.4) + 0.4);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.sculpted().sag() > 0.5))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.sculpted().sag() > 0.5) + 0.5);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.ageSpots() > 0))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.ageSpots() > 0) + 0.3);
        // no single age cue is certain: some 60-year-olds look younger than some 45-year-olds
        assertThat(cues.share(Gender.MALE, 60, a -> a.sculpted().wrinkles() < 0.7)).isBetween(0.1, 0.6);
    }
}
