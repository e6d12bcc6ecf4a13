package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Mask;
import org.junit.jupiter.api.Test;

/** The gender head's answers by the eval persons' drawn 0/1 cues. */
class GenderByCueTest {

    private static final String CSV = """
            person,facial_hair,long_hair,jaw
            500000,1,0,0.61
            500001,0,1,0.70
            500002,0,0,0.55
            500003,0,1,0.52
            """;

    private static int label(Gender gender) {
        return new Label(Mask.WEAR, gender, AgeGroup.MIDDLE).classIndex();
    }

    private static final int MAN = label(Gender.MALE);
    private static final int WOMAN = label(Gender.FEMALE);

    @Test
    void eachGenderAndValueOfEachFlagCountsItsPhotosAndTheRightAnswers() {
        // persons 500000 (man, beard, short hair) and 500001 (man, long hair); 500002 and 500003 women
        int[] persons = {500000, 500000, 500001, 500001, 500002, 500003, 500003, 500009};
        int[] truth = {MAN, MAN, MAN, MAN, WOMAN, WOMAN, WOMAN, MAN};
        int[] predicted = {MAN, MAN, WOMAN, MAN, WOMAN, WOMAN, MAN, MAN};
        GenderByCue table = GenderByCue.of(CSV, persons, truth, predicted);

        // jaw is no 0/1 value; the photo of 500009 (no values) is not counted
        assertThat(table.rows()).containsExactly(
                new GenderByCue.Row("facial_hair", "male", 0, 2, 1),
                new GenderByCue.Row("facial_hair", "male", 1, 2, 2),
                new GenderByCue.Row("facial_hair", "female", 0, 3, 2),
                new GenderByCue.Row("long_hair", "male", 0, 2, 2),
                new GenderByCue.Row("long_hair", "male", 1, 2, 1),
                new GenderByCue.Row("long_hair", "female", 0, 1, 1),
                new GenderByCue.Row("long_hair", "female", 1, 2, 1));
        assertThat(table.rows().get(4).accuracy()).isEqualTo(0.5);
    }

    @Test
    void photosOfUnknownTruthAreLeftOutAndUnreadableRowsSkipped() {
        String csv = CSV + "500004,x,1,0.5\n\n500005,1,1\n";
        GenderByCue table = GenderByCue.of(csv, new int[] {500000, 500002}, new int[] {-1, WOMAN},
                new int[] {WOMAN, MAN});
        assertThat(table.rows()).containsExactly(
                new GenderByCue.Row("facial_hair", "female", 0, 1, 0),
                new GenderByCue.Row("long_hair", "female", 0, 1, 0));
    }

    @Test
    void noTableWithoutValuesForThePhotosPersonsOrWithoutAPersonHeader() {
        assertThat(GenderByCue.of(CSV, new int[] {7, 8}, new int[] {MAN, WOMAN}, new int[] {MAN, WOMAN})).isNull();
        assertThat(GenderByCue.of("id,facial_hair\n500000,1\n", new int[] {500000}, new int[] {MAN},
                new int[] {MAN})).isNull();
        assertThat(GenderByCue.of("", new int[] {500000}, new int[] {MAN}, new int[] {MAN})).isNull();
    }
}
