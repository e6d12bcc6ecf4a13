package io.maskflow.contracts.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelCodecTest {

    private final LabelCodec codec = LabelCodec.competition();

    @Test
    void everyClassRoundTripsThroughItsThreeLabels() {
        for (int c = 0; c < Label.CLASSES; c++) {
            Label label = codec.decode(c);
            assertThat(label.mask().value()).isEqualTo(c / 6);
            assertThat(label.gender().value()).isEqualTo((c / 3) % 2);
            assertThat(label.age().value()).isEqualTo(c % 3);
            assertThat(label.classIndex()).isEqualTo(c);
        }
    }

    @Test
    void everyCombinationOfLabelsIsADistinctClassFollowingTheFormula() {
        Set<Integer> seen = new HashSet<>();
        for (Mask mask : Mask.values()) {
            for (Gender gender : Gender.values()) {
                for (AgeGroup age : AgeGroup.values()) {
                    int c = new Label(mask, gender, age).classIndex();
                    assertThat(c).isEqualTo(6 * mask.value() + 3 * gender.value() + age.value());
                    seen.add(c);
                }
            }
        }
        assertThat(seen).hasSize(18).allMatch(c -> c >= 0 && c < 18);
    }

    @Test
    void eachHeadOfAClassIsItsOwnLabelAndTheGroupJoinsGenderAndAge() {
        for (int c = 0; c < Label.CLASSES; c++) {
            Label label = Label.ofClass(c);
            assertThat(Label.headValue(c, Label.MASK_HEAD)).isEqualTo(label.mask().value());
            assertThat(Label.headValue(c, Label.GENDER_HEAD)).isEqualTo(label.gender().value());
            assertThat(Label.headValue(c, Label.AGE_HEAD)).isEqualTo(label.age().value());
        }
        assertThat(Label.group(Gender.FEMALE, AgeGroup.OLD)).isEqualTo(Label.GROUPS - 1);
        assertThat(Label.group(Gender.MALE, AgeGroup.YOUNG)).isZero();
        assertThatThrownBy(() -> Label.headValue(0, 3)).hasMessageContaining("head must be");
    }

    @Test
    void everyAgeFallsInTheCompetitionGroups() {
        for (int age = 0; age <= 150; age++) {
            AgeGroup expected = age < 30 ? AgeGroup.YOUNG : age < 60 ? AgeGroup.MIDDLE : AgeGroup.OLD;
            assertThat(AgeBands.COMPETITION.groupOf(age)).as("age %d", age).isEqualTo(expected);
        }
    }

    @Test
    void theOldAgeCutOffCanBeMovedTo58() {
        LabelCodec moved = new LabelCodec(new AgeBands(30, 58));
        assertThat(moved.encode("mask1.jpg", "male", 57)).isEqualTo(1);
        assertThat(moved.encode("mask1.jpg", "male", 58)).isEqualTo(2);
        assertThat(codec.encode("mask1.jpg", "male", 58)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
        "mask1.jpg, male, 25, 0",
        "mask5.png, male, 30, 1",
        "MASK3.JPEG, male, 60, 2",
        "mask2.jpg, female, 18, 3",
        "mask4.jpg, female, 59, 4",
        "mask1.jpg, female, 60, 5",
        "incorrect_mask.jpg, male, 29, 6",
        "incorrect_mask.png, female, 45, 10",
        "normal.jpg, male, 60, 14",
        "normal.jpeg, Female, 60, 17",
        "000001_female_Asian_45/normal.jpg, female, 45, 16",
    })
    void encodesCompetitionFileNames(String file, String gender, int age, int expected) {
        assertThat(codec.encode(file, gender, age)).isEqualTo(expected);
    }

    @Test
    void displayNamesAreDistinct() {
        Set<String> names = new HashSet<>();
        for (int c = 0; c < Label.CLASSES; c++) {
            names.add(codec.decode(c).displayName());
        }
        assertThat(names).hasSize(18).contains("wear/male/young", "not-wear/female/old");
    }

    @Test
    void refusesWhatIsNotALabel() {
        assertThatThrownBy(() -> codec.decode(18)).hasMessageContaining("between 0 and 17");
        assertThatThrownBy(() -> codec.decode(-1)).hasMessageContaining("between 0 and 17");
        assertThatThrownBy(() -> Mask.fromFileName("mask6.jpg")).hasMessageContaining("not a competition image");
        assertThatThrownBy(() -> Mask.fromFileName("selfie.jpg")).hasMessageContaining("not a competition image");
        assertThatThrownBy(() -> Mask.fromFileName(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> Gender.parse("other")).hasMessageContaining("'male' or 'female'");
        assertThatThrownBy(() -> Gender.parse(null)).hasMessageContaining("'male' or 'female'");
        assertThatThrownBy(() -> AgeBands.COMPETITION.groupOf(-3)).hasMessageContaining("between 0 and 150");
        assertThatThrownBy(() -> new AgeBands(60, 30)).hasMessageContaining("middleFrom < oldFrom");
        assertThatThrownBy(() -> Mask.of(3)).hasMessageContaining("0, 1 or 2");
        assertThatThrownBy(() -> Gender.of(2)).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> AgeGroup.of(-1)).hasMessageContaining("0, 1 or 2");
    }

    @Test
    void fileStemsAreTheSevenCompetitionFiles() {
        String[] stems = Mask.fileStems();
        assertThat(stems).hasSize(7);
        assertThat(Arrays.stream(stems).map(Mask::fromFileName))
                .containsExactly(Mask.WEAR, Mask.WEAR, Mask.WEAR, Mask.WEAR, Mask.WEAR, Mask.INCORRECT,
                        Mask.NOT_WEAR);
    }
}
