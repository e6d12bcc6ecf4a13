package io.maskflow.trainer;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** {@code trainOldAgeFrom}: the 60+ cut moved for the training records alone. */
final class OldAgeCut {

    private static final Logger LOG = Logger.getLogger(OldAgeCut.class);

    private OldAgeCut() {
    }

    /** The training records after the move, and how many of them it labelled old. */
    record Moved(List<ShardRecord> train, int images) {
    }

    /**
     * The training records with the persons of the middle age group who are {@code from} years old or older
     * labelled 60+ ({@code trainOldAgeFrom}): what many of the competition's teams did with the real data, whose 60+
     * group holds only 60-year-olds. Only the training records move; the validation fold, the hold-out and the
     * evaluation keep the data's own cut (the training loss and the training macro F1 are on the moved labels).
     *
     * @throws IllegalArgumentException when {@code from} is not inside the data's middle group, or the shards do not
     *     carry the persons' ages
     */
    static Moved moved(int from, List<ShardRecord> train, TrainingRunner.Data data) {
        Map<String, Object> pre = data.preprocessing() == null ? Map.of() : data.preprocessing();
        int middleFrom = TrainingRunner.cutOff(pre, "middleAgeFrom", AgeBands.COMPETITION.middleFrom());
        int oldFrom = TrainingRunner.cutOff(pre, "oldAgeFrom", AgeBands.COMPETITION.oldFrom());
        if (from <= middleFrom || from >= oldFrom) {
            throw new IllegalArgumentException("trainOldAgeFrom must be between " + (middleFrom + 1) + " and "
                    + (oldFrom - 1) + " (inside the data's middle age group, " + middleFrom + " to " + (oldFrom - 1)
                    + "), got " + from);
        }
        int[] ages = AgeTask.requireAges("trainOldAgeFrom", train, data.personAges());
        List<ShardRecord> moved = new ArrayList<>(train.size());
        int changed = 0;
        for (ShardRecord r : train) {
            Label label = Label.ofClass(r.label());
            if (ages[r.person()] >= from && label.age() == AgeGroup.MIDDLE) {
                int old = new Label(label.mask(), label.gender(), AgeGroup.OLD).classIndex();
                moved.add(new ShardRecord(old, r.person(), r.fold(), r.pixels()));
                changed++;
            } else {
                moved.add(r);
            }
        }
        LOG.infof("trainOldAgeFrom %d: %d of %d training images labelled 60+ instead of %d to %d", from, changed,
                train.size(), middleFrom, oldFrom - 1);
        return new Moved(moved, changed);
    }
}
