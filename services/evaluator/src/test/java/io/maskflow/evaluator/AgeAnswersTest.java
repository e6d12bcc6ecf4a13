package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeAnswersTest {

    private final List<ShardRecord> records = new ArrayList<>();
    private final List<Integer> predicted = new ArrayList<>();

    /** A photo of person {@code person} (of the given true group), answered with age group {@code answer}. */
    private void photo(int person, AgeGroup truth, AgeGroup answer) {
        records.add(new ShardRecord(new Label(Mask.WEAR, Gender.FEMALE, truth).classIndex(), person, 0, new byte[0]));
        predicted.add(new Label(Mask.WEAR, Gender.MALE, answer).classIndex());
    }

    @Test
    void bandsPutTheTwoYearsOnEachSideOfEachCutOffApart() {
        // persons 0..5 aged 20, 29, 30, 45, 58, 60
        int[] ages = {20, 29, 30, 45, 58, 60};
        photo(0, AgeGroup.YOUNG, AgeGroup.YOUNG);
        photo(0, AgeGroup.YOUNG, AgeGroup.YOUNG);
        photo(1, AgeGroup.YOUNG, AgeGroup.MIDDLE);
        photo(1, AgeGroup.YOUNG, AgeGroup.YOUNG);
        photo(2, AgeGroup.MIDDLE, AgeGroup.MIDDLE);
        photo(3, AgeGroup.MIDDLE, AgeGroup.MIDDLE);
        photo(4, AgeGroup.MIDDLE, AgeGroup.OLD);
        photo(4, AgeGroup.MIDDLE, AgeGroup.OLD);
        photo(4, AgeGroup.MIDDLE, AgeGroup.MIDDLE);
        photo(4, AgeGroup.MIDDLE, AgeGroup.OLD);
        photo(5, AgeGroup.OLD, AgeGroup.MIDDLE);

        AgeAnswers answers = AgeAnswers.of(records, predicted(), ages, 30, 60);
        assertThat(answers.groupNames()).containsExactly("under 30", "30 – 59", "60+");
        List<AgeAnswers.Band> bands = answers.bands();

        // 20 - 27, 28 - 29, 30 - 31, 40 - 49 (45), 58 - 59, 60: the bands with a photo in them (32 - 39 and
        // 50 - 57 have none)
        assertThat(bands).extracting(AgeAnswers.Band::from).containsExactly(20, 28, 30, 40, 58, 60);
        assertThat(bands).extracting(AgeAnswers.Band::to).containsExactly(27, 29, 31, 49, 59, 60);
        assertThat(bands).extracting(AgeAnswers.Band::group).containsExactly(0, 0, 1, 1, 1, 2);
        assertThat(bands).extracting(AgeAnswers.Band::images).containsExactly(2, 2, 1, 1, 4, 1);
        assertThat(bands.get(1).answered()).containsExactly(0.5, 0.5, 0.0);
        assertThat(bands.get(4).answered()).containsExactly(0.0, 0.25, 0.75);
        assertThat(bands.get(5).answered()).as("60-year-old answered 30 - 59").containsExactly(0.0, 1.0, 0.0);
    }

    @Test
    void withoutEveryPersonsAgeThereAreNoBands() {
        photo(0, AgeGroup.YOUNG, AgeGroup.YOUNG);
        photo(3, AgeGroup.YOUNG, AgeGroup.YOUNG);
        assertThat(AgeAnswers.of(records, predicted(), new int[0], 30, 60)).isNull();
        assertThat(AgeAnswers.of(records, predicted(), new int[] {20, 21}, 30, 60)).isNull();
        assertThat(AgeAnswers.of(List.of(), new int[0], new int[] {20}, 30, 60)).isNull();
    }

    private int[] predicted() {
        return predicted.stream().mapToInt(Integer::intValue).toArray();
    }
}
