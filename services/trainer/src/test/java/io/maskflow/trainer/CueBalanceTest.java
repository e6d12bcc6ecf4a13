package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@code balanceCue}: within each gender, the persons with a 0/1 drawing value and those without weigh alike. */
class CueBalanceTest {

    private static final List<String> NAMES = List.of("long_hair", "jaw");
    private static final TrainParams LONG_HAIR = TrainParams.builder().balanceCue("long_hair").build();

    /** Two images of each person; persons 0 – 3 are men, 4 – 9 women. */
    private static List<ShardRecord> train(int persons) {
        List<ShardRecord> records = new ArrayList<>();
        for (int person = 0; person < persons; person++) {
            Gender gender = person < 4 ? Gender.MALE : Gender.FEMALE;
            for (Mask mask : List.of(Mask.WEAR, Mask.NOT_WEAR)) {
                int label = new Label(mask, gender, AgeGroup.MIDDLE).classIndex();
                records.add(new ShardRecord(label, person, 1, new byte[] {(byte) person}));
            }
        }
        return records;
    }

    private static TrainingRunner.Data data(List<ShardRecord> records, double[][] cues) {
        return new TrainingRunner.Data(records, 4, new float[3], new float[3], null, Map.of(), null, new int[0],
                NAMES, cues);
    }

    private static double[] cue(double longHair) {
        return new double[] {longHair, 0.7};
    }

    @Test
    void eachGendersTwoGroupsWeighHalfOfItAndItsTotalStays() {
        // men: one with long hair, three without; women: four with, two without
        double[][] cues = {cue(1), cue(0), cue(0), cue(0), cue(1), cue(1), cue(1), cue(1), cue(0), cue(0)};
        float[] w = CueBalance.weights(LONG_HAIR, data(train(10), cues), train(10));

        assertThat(w).hasSize(10);
        // n_g / (2 n_g,v): the long-haired man 4 / 2 = 2, the others 4 / 6; long-haired women 6 / 8, the others 6 / 4
        assertThat(w).containsExactly(new float[] {2f, 4 / 6f, 4 / 6f, 4 / 6f, 0.75f, 0.75f, 0.75f, 0.75f, 1.5f, 1.5f},
                Offset.offset(1e-6f));
        assertThat(w[0]).as("the long-haired men weigh what the short-haired ones do together")
                .isCloseTo(w[1] + w[2] + w[3], Offset.offset(1e-6f));
        assertThat(w[0] + w[1] + w[2] + w[3]).as("the men's total").isCloseTo(4f, Offset.offset(1e-5f));
        assertThat(w[4] + w[5] + w[6] + w[7] + w[8] + w[9]).as("the women's").isCloseTo(6f, Offset.offset(1e-5f));
    }

    @Test
    void personsWithoutValuesAndAGenderOfOneGroupWeighOne() {
        // men: one without values, three with long hair (one group only); women: three with, one without, two unknown
        double[][] cues = {null, cue(1), cue(1), cue(1), cue(1), cue(1), cue(1), cue(0), null, null};
        float[] w = CueBalance.weights(LONG_HAIR, data(train(10), cues), train(10));

        assertThat(w).containsExactly(new float[] {1, 1, 1, 1, 4 / 6f, 4 / 6f, 4 / 6f, 2, 1, 1}, Offset.offset(1e-6f));
        // a person in the records past the cues' rows (a user's photos appended) weighs 1 too
        float[] longer = CueBalance.weights(LONG_HAIR, data(train(10), new double[][] {cue(1), cue(0), cue(0)}),
                train(10));
        assertThat(longer).hasSize(10);
        assertThat(longer[9]).isEqualTo(1f);
        assertThat(longer[0]).isCloseTo(1.5f, Offset.offset(1e-6f));
    }

    @Test
    void offOrShardsWithoutValuesGiveNoWeights() {
        assertThat(CueBalance.weights(TrainParams.DEFAULTS, data(train(10), new double[10][]), train(10))).isNull();
        assertThat(CueBalance.weights(LONG_HAIR, data(train(10), new double[10][]), train(10))).isNull();
    }

    @Test
    void anUnknownValueOrOneThatIsNotZeroOrOneIsRefusedNamingTheParameter() {
        double[][] cues = {cue(1), cue(0), cue(0), cue(0), cue(1), cue(1), cue(1), cue(1), cue(0), cue(0)};
        assertThatThrownBy(() -> CueBalance.weights(TrainParams.builder().balanceCue("beard").build(),
                data(train(10), cues), train(10)))
                .hasMessageContaining("balanceCue must name one of the shards' drawing values [long_hair, jaw]")
                .hasMessageContaining("got 'beard'");
        assertThatThrownBy(() -> CueBalance.weights(TrainParams.builder().balanceCue("jaw").build(),
                data(train(10), cues), train(10)))
                .hasMessageContaining("balanceCue must name a drawing value that is 0 or 1; jaw is 0.7 for person 0");
    }

    @Test
    void theParameterIsAWordAndNeedsALossThatTakesWeights() {
        assertThatThrownBy(() -> TrainParams.builder().balanceCue("Long Hair").build())
                .hasMessageContaining("balanceCue must be empty or the name of a drawing value")
                .hasMessageContaining("got 'Long Hair'");
        assertThatThrownBy(() -> TrainParams.builder().balanceCue("long_hair").loss(TrainParams.Loss.F1).build())
                .hasMessageContaining("use loss cross-entropy or focal");
        assertThat(TrainParams.DEFAULTS.balanceCue()).as("off by default").isEmpty();
    }
}
