package io.maskflow.trainer;

import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * {@code balanceCue}: weights of the training images, by person, that take one of the generator's 0/1 drawing values
 * out of the gender decision. A network trained on the generator's persons reads gender mostly from whether the hair
 * reaches the jaw, although the generator draws long hair on about one man in seven and shorter hair on about half
 * of its women (docs/trainer.md). Within each gender, the persons with the value and the persons without it get weights
 * that make the two groups weigh alike, n<sub>g</sub> / (2 · n<sub>g,v</sub>), so each gender's total stays
 * n<sub>g</sub> persons and the value says nothing about gender in the weighted training set; the photos and the
 * odds the generator draws with do not change. The weight is written as the image's class target (1 becomes w),
 * so every head's loss counts the image w times.
 *
 * <p>Persons without values (a user's photos beside generated ones) weigh 1 and are not counted; a gender whose
 * persons all have the value, or all lack it, keeps weight 1. Shards without drawing values train unweighted.
 */
final class CueBalance {

    private static final Logger LOG = Logger.getLogger(CueBalance.class);

    private CueBalance() {
    }

    /**
     * The weight of each person's training images by person number, or null for none.
     *
     * @param train the training records: their persons are counted, and their labels give each person's gender
     * @throws IllegalArgumentException naming {@code balanceCue} when the shards carry drawing values but not the one
     *     named, or the one named is not 0 or 1 for every person
     */
    static float[] weights(TrainParams params, TrainingRunner.Data data, List<ShardRecord> train) {
        String cue = params.balanceCue();
        if (cue.isEmpty()) {
            return null;
        }
        double[][] cues = data.personCues();
        if (!carriesValues(cues)) {
            LOG.infof("balanceCue %s: the shards carry no drawing values (not generated data), so no weights", cue);
            return null;
        }
        check(cue, data.cueNames(), cues);
        int c = data.cueNames().indexOf(cue);
        int persons = cues.length;
        for (ShardRecord r : train) {
            persons = Math.max(persons, r.person() + 1);
        }
        int[] gender = new int[persons];
        Arrays.fill(gender, -1);
        for (ShardRecord r : train) {
            if (r.person() >= 0) {
                gender[r.person()] = Label.ofClass(r.label()).gender().value();
            }
        }
        int[][] counts = new int[2][2];
        for (int p = 0; p < cues.length; p++) {
            if (gender[p] >= 0 && cues[p] != null) {
                counts[gender[p]][flag(cue, cues[p][c], p)]++;
            }
        }
        float[] weights = new float[persons];
        Arrays.fill(weights, 1f);
        for (int p = 0; p < cues.length; p++) {
            int g = gender[p];
            if (g >= 0 && cues[p] != null && counts[g][0] > 0 && counts[g][1] > 0) {
                weights[p] = (float) ((counts[g][0] + counts[g][1]) / (2.0 * counts[g][flag(cue, cues[p][c], p)]));
            }
        }
        LOG.infof("balanceCue %s: men %d without, %d with; women %d without, %d with; each group weighs half of "
                + "its gender", cue, counts[0][0], counts[0][1], counts[1][0], counts[1][1]);
        return weights;
    }

    /**
     * Refuses a {@code balanceCue} the shards cannot weigh by: they carry drawing values, but not the one named. No
     * name, or shards without drawing values (which train unweighted), pass. Checked before a REST job is queued, on
     * the shards' index, and again when the weights are made.
     *
     * @param cueNames the names of the drawing values the shards carry
     * @param personCues each person's drawing values, a null row for a person without
     * @throws IllegalArgumentException naming {@code balanceCue} and the values the shards carry
     */
    static void check(String cue, List<String> cueNames, double[][] personCues) {
        if (!cue.isEmpty() && carriesValues(personCues) && !cueNames.contains(cue)) {
            throw new IllegalArgumentException("balanceCue must name one of the shards' drawing values " + cueNames
                    + ", got '" + cue + "'");
        }
    }

    /** Whether any person of the shards has drawing values. */
    private static boolean carriesValues(double[][] personCues) {
        return !Arrays.stream(personCues).allMatch(Objects::isNull);
    }

    private static int flag(String cue, double value, int person) {
        if (value == 0) {
            return 0;
        }
        if (value == 1) {
            return 1;
        }
        throw new IllegalArgumentException("balanceCue must name a drawing value that is 0 or 1; " + cue + " is "
                + value + " for person " + person);
    }
}
