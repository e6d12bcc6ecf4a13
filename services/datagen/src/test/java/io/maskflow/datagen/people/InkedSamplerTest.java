package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The inked style's gender cues have the odds docs/datagen.md gives, and none tells gender alone: the best rule on
 * any one cue is right for 55 - 80 % of persons (half the persons are women). Age shows in several gradual cues,
 * and persons either side of the 60 cut-off look alike.
 */
class InkedSamplerTest {

    private final CueOdds cues = new CueOdds(new InkedSampler()::sample);

    @Test
    void theCuesHaveTheDocumentedOdds() {
        cues.odds(InkedLook.HAIR_STYLES, InkedSampler.HAIR_WOMEN, InkedSampler.HAIR_MEN, Appearance::hairStyle);
        cues.odds(InkedLook.GARMENTS, InkedSampler.GARMENT_WOMEN, InkedSampler.GARMENT_MEN, Appearance::collar);
        cues.odds(InkedLook.FACE_SHAPES, InkedSampler.FACE_WOMEN, InkedSampler.FACE_MEN, a -> a.inked().faceShape());
        assertThat(cues.share(Gender.FEMALE, 50, a -> a.facialHair() > 0)).isZero();
        assertThat(cues.share(Gender.MALE, 25, a -> a.facialHair() > 0)).isCloseTo(0.30, within(0.012));
        assertThat(cues.share(Gender.MALE, 50, a -> a.facialHair() > 0)).isCloseTo(0.45, within(0.012));
        assertThat(cues.share(Gender.FEMALE, 30, Appearance::earrings)).isCloseTo(0.30, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, Appearance::earrings)).isCloseTo(0.05, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.inked().makeup() > 0)).isCloseTo(0.45, within(0.012));
        assertThat(cues.share(Gender.MALE, 30, a -> a.inked().makeup() > 0)).isCloseTo(0.03, within(0.005));
        assertThat(cues.share(Gender.FEMALE, 30, a -> a.inked().adamsApple())).isCloseTo(0.03, within(0.005));
        assertThat(cues.share(Gender.MALE, 30, a -> a.inked().adamsApple())).isCloseTo(0.40, within(0.012));
        assertThat(cues.mean(Gender.FEMALE, a -> a.inked().lashes())).isCloseTo(0.58, within(0.01));
        assertThat(cues.mean(Gender.MALE, a -> a.inked().lashes())).isCloseTo(0.32, within(0.01));
        assertThat(cues.mean(Gender.FEMALE, a -> a.inked().neckWidth())).isCloseTo(0.60, within(0.005));
        assertThat(cues.mean(Gender.MALE, a -> a.inked().neckWidth())).isCloseTo(0.70, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, Appearance::jaw)).isCloseTo(0.60, within(0.005));
        assertThat(cues.mean(Gender.MALE, Appearance::jaw)).isCloseTo(0.69, within(0.005));
        assertThat(cues.mean(Gender.FEMALE, Appearance::browThickness)).isCloseTo(2.3, within(0.02));
        assertThat(cues.mean(Gender.MALE, Appearance::browThickness)).isCloseTo(3.2, within(0.02));
    }

    @Test
    void noCueTellsGenderAlone() {
        for (int age : new int[] {22, 45, 60}) {
            double[] accuracies = {
                cues.accuracy(age, a -> a.hairStyle() <= 2),
                cues.accuracy(age, a -> a.inked().faceShape() == 1 || a.inked().faceShape() == 3),
                cues.accuracy(age, a -> a.jaw() > 0.645),
                cues.accuracy(age, a -> a.browThickness() > 2.75),
                cues.accuracy(age, a -> a.inked().lashes() < 0.45),
                cues.accuracy(age, a -> a.inked().neckWidth() > 0.65),
                cues.accuracy(age, a -> a.inked().adamsApple()),
                cues.accuracy(age, a -> a.facialHair() > 0),
                cues.accuracy(age, a -> a.inked().makeup() == 0),
                cues.accuracy(age, a -> !a.earrings()),
                cues.accuracy(age, a -> a.collar() <= 2),
            };
            String[] names = {"short hair (crew cut, spiky, quiff)", "long or round face", "wide jaw", "thick brows",
                "short lashes", "wide neck", "Adam's apple", "facial hair", "no make-up", "no earrings",
                "t-shirt, shirt or jacket"};
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
            System.out.printf(Locale.ROOT, "age %d: greying > 0.5 %.2f, lines > 0.6 %.2f, sag > 0.6 %.2f, "
                    + "ageing > 0.8 %.2f%n", age, cues.share(Gender.FEMALE, age, a -> a.inked().greying() > 0.5),
                    cues.share(Gender.FEMALE, age, a -> a.inked().lines() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.inked().sag() > 0.6),
                    cues.share(Gender.FEMALE, age, a -> a.ageing() > 0.8));
        }
        assertThat(cues.share(Gender.FEMALE, 22, a -> a.inked().greying() > 0.5)).isLessThan(0.02);
        double oldGrey = cues.share(Gender.FEMALE, 60, a -> a.inked().greying() > 0.5);
        assertThat(oldGrey).isBetween(0.3, 0.95);
        // neighbours of the 60 cut-off look alike: the cues move little from 58 to 60
        assertThat(Math.abs(cues.share(Gender.FEMALE, 58, a -> a.inked().greying() > 0.5) - oldGrey))
                .isLessThan(0.15);
        assertThat(Math.abs(cues.share(Gender.MALE, 58, a -> a.ageing() > 0.8)
                - cues.share(Gender.MALE, 60, a -> a.ageing() > 0.8))).isLessThan(0.2);
        assertThat(cues.share(Gender.MALE, 60, a -> a.inked().lines() > 0.5))
                .isGreaterThan(cues.share(Gender.MALE, 25, a -> a.inked().lines() > 0.5) + 0.5);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.inked().sag() > 0.5))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.inked().sag() > 0.5) + 0.5);
        assertThat(cues.share(Gender.FEMALE, 60, a -> a.ageSpots() > 0))
                .isGreaterThan(cues.share(Gender.FEMALE, 25, a -> a.ageSpots() > 0) + 0.3);
        assertThat(cues.mean(Gender.MALE, Appearance::eyeSize)).isGreaterThan(0.38);
        // no single age cue is certain: some 60-year-olds look younger than some 45-year-olds
        assertThat(cues.share(Gender.MALE, 60, a -> a.inked().lines() < 0.7)).isBetween(0.1, 0.6);
    }
}
