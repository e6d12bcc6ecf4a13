package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The painted style's gender cues have the odds docs/datagen.md gives, and none tells gender alone: the best rule on
 * any one cue is right for 55 - 80 % of persons (half the persons are women); headwear is worn by both at the same
 * rate and tells little. Age shows in several gradual cues, and persons either side of the 60 cut-off look alike.
 */
class PaintedSamplerTest {

    private final CueOdds cues = new CueOdds(new PaintedSampler()::sample);

    @Test
    void theCuesHaveTheDocumentedOdds() {
        cues.odds(PaintedLook.HAIR_STYLES, PaintedSampler.HAIR_WOMEN, PaintedSampler.HAIR_MEN,
                Appearance::hairStyle);
        cues.odds(PaintedLook.GARMENTS, PaintedSampler.GARMENT_WOMEN, PaintedSampler.GARMENT_MEN,
                Appearance::collar);
        cues.odds(PaintedLook.FACE_SHAPES, PaintedSampler.FACE_WOMEN, PaintedSampler.FACE_MEN,
                a -> a.painted().faceShape());
        cues.odds(PaintedLook.HEADWEAR, PaintedSampler.HEADWEAR_WOMEN, PaintedSampler.HEADWEAR_MEN,
                a -> a.painted().headwear());
        assertThat(cues.share(Gender.FEMALE, 50, a -> a.facialHair() > 0)).isZero();
        assertThat(cues.share(Gender.MALE, 25, a -> a.facialHair() > 0)).isCloseTo(0.28, within(0.012));
        assertThat(cues.share(Gender.MALE, 50, a -> a.facialHair() > 0)).isCloseTo(0.42, within(0.012));
        assertThat(cues.share(Gender.FEMALE, 30, Appearance::earrings)).isCloseTo(0.32, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, Appearance::earrings)).isCloseTo(0.05, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.painted().makeup() > 0)).isCloseTo(0.48, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, a -> a.painted().makeup() > 0)).isCloseTo(0.03, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.painted().chiaroscuro())).isCloseTo(0.22, within(0.012));
        assertThat(cues.mean(Gender.FEMALE, a -> a.painted().neckWidth())).isCloseTo(0.60, within(0.005));
        assertThat(cues.mean(Gender.MALE, a -> a.painted().neckWidth())).isCloseTo(0.69, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, Appearance::jaw)).isCloseTo(0.61, within(0.005));
        assertThat(cues.mean(Gender.MALE, Appearance::jaw)).isCloseTo(0.70, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, Appearance::browThickness)).isCloseTo(2.4, within(0.02));
        assertThat(cues.mean(Gender.MALE, Appearance::browThickness)).isCloseTo(3.3, within(0.02));
    }

    @Test
    void noCueTellsGenderAlone() {
        for (int age : new int[] {22, 45, 60}) {
            double[] accuracies = {
                cues.accuracy(age, a -> a.hairStyle() <= 2),
                cues.accuracy(age, a -> a.painted().faceShape() == 0 || a.painted().faceShape() == 3),
                cues.accuracy(age, a -> a.jaw() > 0.655),
                cues.accuracy(age, a -> a.browThickness() > 2.85),
                cues.accuracy(age, a -> a.painted().neckWidth() > 0.645),
                cues.accuracy(age, a -> a.facialHair() > 0),
                cues.accuracy(age, a -> a.painted().makeup() == 0),
                cues.accuracy(age, a -> !a.earrings()),
                cues.accuracy(age, a -> a.collar() == 1 || a.collar() == 4),
            };
            String[] names = {"short hair (shaved, cropped, side-swept)", "long or square face", "wide jaw",
                "thick brows", "wide neck", "facial hair", "no make-up", "no earrings", "hoodie or collared shirt"};
            StringBuilder line = new StringBuilder("age " + age + ":");
            for (int k = 0; k < names.length; k++) {
                line.append(String.format(Locale.ROOT, " %s %.3f,", names[k], accuracies[k]));
                assertThat(accuracies[k]).as(names[k] + " at " + age).isBetween(0.55, 0.8);
            }
            System.out.println(line);
            assertThat(cues.accuracy(age, a -> a.painted().headwear() == 2 || a.painted().headwear() == 1))
                    .as("hat or cap").isLessThan(0.6);
        }
    }

    @Test
    void ageShowsInSeveralGradualCues() {
        for (int age : new int[] {22, 31, 45, 58, 59, 60}) {
            System.out.printf(Locale.ROOT, "age %d: greying > 0.5 %.2f, wrinkles > 0.6 %.2f, under-eye > 0.5 %.2f, "
                    + "sag > 0.6 %.2f, ageing > 0.8 %.2f%n", age,
                    cues.share(Gender.FEMALE, age, a -> a.painted().greying() > 0.5),
                    cues.share(Gender.FEMALE, age, a -> a.painted().wrinkles() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.painted().underEye() > 0.5),
                    cues.share(Gender.FEMALE, age, a -> a.painted().sag() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.ageing() > 0.8));
        }
        assertThat(cues.share(Gender.FEMALE, 22, a -> a.painted().greying() > 0.5)).isLessThan(0.02);
        double oldGrey = cues.share(Gender.FEMALE, 60, a -> a.painted().greying() > 0.5);
        assertThat(oldGrey).isBetween(0.3, 0.95);
        // neighbours of the 60 cut-off look alike: the cues move little from 58 to 60
        assertThat(Math.abs(cues.share(Gender.FEMALE, 58, a -> a.painted().greying() > 0.5) - oldGrey))
                .isLessThan(0.15);
        assertThat(Math.abs(cues.share(Gender.MALE, 58, a -> a.ageing() > 0.8)
                - cues.share(Gender.MALE, 60, a -> a.ageing() > 0.8))).isLessThan(0.2);
        assertThat(cues.share(Gender.MALE, 60, a -> a.painted().wrinkles() > 0.5))
                .isGreaterThan(cues.share(Gender.MALE, 25, a -> a.painted().wrinkles() > 0.5) + 0.5);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.painted().sag() > 0.5))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.painted().sag() > 0.5) + 0.5);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.painted().underEye() > 0.5))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.painted().underEye() > 0.5) + 0.5);
        assertThat(cues.share(Gender.MALE, 60, a -> a.painted().texture() > 0.5))
                .isGreaterThan(cues.share(Gender.MALE, 25, a -> a.painted().texture() > 0.5) + 0.4);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.ageSpots() > 0))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.ageSpots() > 0) + 0.3);
        assertThat(cues.share(Gender.MALE, 60, a -> a.hairline() > 0))
                .isGreaterThan(cues.share(Gender.MALE, 32, a -> a.hairline() > 0) + 0.2);
        // no single age cue is certain: some 60-year-olds look younger than some 45-year-olds
        assertThat(cues.share(Gender.MALE, 60, a -> a.painted().wrinkles() < 0.7)).isBetween(0.1, 0.6);
    }
}
