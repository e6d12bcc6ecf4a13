package io.maskflow.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the {@link TrainingListener}s of one training share, as DJL's listeners share its {@code Trainer}: the curve
 * so far, which epoch is the best yet, the model's parameters as files, and the decisions the listeners take (stop
 * now, keep another epoch than the last, this run resumed).
 *
 * <p>The best epoch is the first with the highest validation macro F1: a later epoch must beat it, not equal it.
 */
final class TrainingSession {

    /** Saves and loads the parameters of the model being trained. */
    interface Parameters {
        void save(Path file) throws IOException;

        void load(Path file) throws IOException;
    }

    private final int epochs;
    private final Path latestFile;
    private final Path bestFile;
    private final Parameters parameters;
    private final List<TrainingRunner.Epoch> curve = new ArrayList<>();
    private int bestEpoch;
    private boolean resumed;
    private boolean stopped;
    private int kept;

    /**
     * @param epochs the epochs the parameters ask for
     * @param work a directory for the latest and the best epoch's parameters
     */
    TrainingSession(int epochs, Path work, Parameters parameters) {
        this.epochs = epochs;
        this.latestFile = work.resolve("latest.zip");
        this.bestFile = work.resolve("best.zip");
        this.parameters = parameters;
    }

    int epochs() {
        return epochs;
    }

    /** The epochs trained so far, restored ones included. */
    List<TrainingRunner.Epoch> curve() {
        return Collections.unmodifiableList(curve);
    }

    /** The figures of the epoch just trained. */
    TrainingRunner.Epoch last() {
        return curve.get(curve.size() - 1);
    }

    /** The epoch with the best validation macro F1 yet, 0 before the first. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** Adds an epoch's figures; it becomes the best when it beats the best so far. */
    void add(TrainingRunner.Epoch epoch) {
        curve.add(epoch);
        if (bestEpoch == 0 || epoch.valMacroF1() > curve.get(bestEpoch - 1).valMacroF1()) {
            bestEpoch = curve.size();
        }
    }

    /** Continues a training from a checkpoint: its curve and its best epoch. */
    void resume(List<TrainingRunner.Epoch> restored, int restoredBest) {
        curve.addAll(restored);
        bestEpoch = restoredBest;
        resumed = true;
    }

    boolean resumed() {
        return resumed;
    }

    /** Asks the runner to train no further epoch. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Says the model now holds {@code epoch}'s parameters rather than the last epoch's. */
    void keep(int epoch) {
        kept = epoch;
    }

    /** The epoch whose parameters the model holds at the end: the last unless a listener kept another. */
    int keptEpoch() {
        return kept > 0 ? kept : curve.size();
    }

    Parameters parameters() {
        return parameters;
    }

    /** Where the latest epoch's parameters are saved. */
    Path latestFile() {
        return latestFile;
    }

    /** Where the best epoch's parameters are saved. */
    Path bestFile() {
        return bestFile;
    }
}
