package io.maskflow.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a training run keeps its state after every epoch, so that a restarted trainer resumes instead of starting
 * over. The parameters are saved; the optimiser's moments are not (DJL cannot export them), so a resumed run
 * continues the learning-rate schedule and the data order exactly but rebuilds Adam's averages within a few
 * batches.
 */
public interface Checkpoints {

    /** After {@code epoch} epochs: the curve so far and the epoch whose parameters are the best yet. */
    record State(int epoch, List<TrainingRunner.Epoch> curve, int bestEpoch) {
    }

    /** Keeps nothing. */
    Checkpoints NONE = new Checkpoints() {
        @Override
        public Optional<State> restore(Path latest, Path best) {
            return Optional.empty();
        }

        @Override
        public void save(State state, Path latest, Path best) {
        }
    };

    /**
     * Copies the last saved parameters into {@code latest} and the best into {@code best}, if any state was saved.
     */
    Optional<State> restore(Path latest, Path best) throws IOException;

    /**
     * Saves the state; {@code best} is null when the best parameters did not change this epoch.
     */
    void save(State state, Path latest, Path best) throws IOException;

    /**
     * Called when a training has ended: removes every saved file except what the last state needs to resume (the
     * last epoch's parameters, the best epoch's and the state itself). Keeps everything by default.
     *
     * @return how many files were removed
     */
    default int prune() throws IOException {
        return 0;
    }
}
