package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code trainOldAgeFrom}: training records of the middle group at or past the cut are trained as 60+. */
class OldAgeCutTest {

    /** Persons 0 .. 4 are 25, 45, 57, 58 and 60 years old, labelled with the data's cut at 30 and 60. */
    private static final int[] AGES = {25, 45, 57, 58, 60};

    private static ShardRecord record(int person, AgeGroup group) {
        int label = new Label(Mask.WEAR, Gender.MALE, group).classIndex();
        return new ShardRecord(label, person, 0, new byte[] {(byte) person});
    }

    private static final List<ShardRecord> TRAIN = List.of(record(0, AgeGroup.YOUNG), record(1, AgeGroup.MIDDLE),
            record(2, AgeGroup.MIDDLE), record(3, AgeGroup.MIDDLE), record(4, AgeGroup.OLD));

    private static TrainingRunner.Data data(int[] ages, Map<String, Object> preprocessing) {
        return new TrainingRunner.Data(TRAIN, 4, new float[3], new float[3], null, preprocessing, null, ages);
    }

    private static List<AgeGroup> groups(List<ShardRecord> records) {
        return records.stream().map(r -> Label.ofClass(r.label()).age()).toList();
    }

    @Test
    void theMiddleGroupFromTheCutOnTrainsAsOld() {
        OldAgeCut.Moved cut = OldAgeCut.moved(58, TRAIN, data(AGES, Map.of("oldAgeFrom", 60)));
        assertThat(cut.images()).isEqualTo(1);
        List<ShardRecord> moved = cut.train();
        assertThat(groups(moved)).containsExactly(AgeGroup.YOUNG, AgeGroup.MIDDLE, AgeGroup.MIDDLE, AgeGroup.OLD,
                AgeGroup.OLD);
        assertThat(moved.get(3).pixels()).as("the same image").isSameAs(TRAIN.get(3).pixels());
        assertThat(Label.ofClass(moved.get(3).label()).gender()).isEqualTo(Gender.MALE);
        assertThat(Label.ofClass(moved.get(3).label()).mask()).isEqualTo(Mask.WEAR);

        assertThat(groups(OldAgeCut.moved(45, TRAIN, data(AGES, Map.of())).train())).containsExactly(
                AgeGroup.YOUNG, AgeGroup.OLD, AgeGroup.OLD, AgeGroup.OLD, AgeGroup.OLD);
    }

    @Test
    void aCutOutsideTheMiddleGroupOrShardsWithoutAgesAreRefused() {
        assertThatThrownBy(() -> OldAgeCut.moved(60, TRAIN, data(AGES, Map.of())))
                .hasMessageContaining("trainOldAgeFrom must be between 31 and 59").hasMessageContaining("got 60");
        assertThatThrownBy(() -> OldAgeCut.moved(30, TRAIN, data(AGES, Map.of("middleAgeFrom", 30))))
                .hasMessageContaining("got 30");
        assertThatThrownBy(() -> OldAgeCut.moved(57, TRAIN, data(AGES, Map.of("oldAgeFrom", 57))))
                .hasMessageContaining("between 31 and 56");
        assertThatThrownBy(() -> OldAgeCut.moved(58, TRAIN, data(new int[0], Map.of())))
                .hasMessageContaining("do not carry them").hasMessageContaining("preprocess the data set again");
        assertThatThrownBy(() -> OldAgeCut.moved(58, TRAIN, data(new int[] {25, 45}, Map.of())))
                .hasMessageContaining("give 2 ages but hold person 2");
    }
}
