package io.maskflow.trainer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Saves the training's state to {@link Checkpoints} after every epoch and resumes from it before the first, so a
 * restarted trainer continues where the last one stopped (DJL's {@code SaveModelTrainingListener} saves checkpoints;
 * resuming is left to its caller). At the end it prunes the checkpoints a resume no longer needs. Runs after
 * {@link BestEpochListener}, whose file of the best parameters it copies when the best epoch changed.
 */
final class CheckpointsListener implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(CheckpointsListener.class);

    private final Checkpoints checkpoints;
    /** Whether the best epoch's parameters are not in the store yet (their checkpoint was not taken). */
    private boolean bestUnsaved;

    CheckpointsListener(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** Restores the last saved state, if any: the model's parameters, the curve and the best epoch. */
    @Override
    public void onTrainingBegin(TrainingSession session) throws IOException {
        Optional<Checkpoints.State> restored = checkpoints.restore(session.latestFile(), session.bestFile());
        if (restored.isPresent()) {
            session.parameters().load(session.latestFile());
            session.resume(restored.get().curve(), restored.get().bestEpoch());
            LOG.infof("resuming from the checkpoint after epoch %d of %d", restored.get().epoch(), session.epochs());
        }
    }

    /**
     * Saves the epoch's checkpoint. One the store does not take is skipped with a warning and training goes on (it
     * ended the attempt, and the retry trained the epoch again): a trainer that stops before the next one resumes
     * from the last saved. The best epoch's file goes with the next checkpoint saved when it was not saved with its
     * own, so every saved state names files that are there.
     */
    @Override
    public void onEpoch(TrainingSession session) throws IOException {
        int epoch = session.curve().size();
        session.parameters().save(session.latestFile());
        bestUnsaved |= session.bestEpoch() == epoch;
        try {
            checkpoints.save(new Checkpoints.State(epoch, List.copyOf(session.curve()), session.bestEpoch()),
                    session.latestFile(), bestUnsaved ? session.bestFile() : null);
            bestUnsaved = false;
        } catch (IOException e) {
            LOG.warnf("the checkpoint after epoch %d of %d was not saved, training goes on (a resume would start "
                    + "after the last one saved): %s", epoch, session.epochs(), e.getMessage());
        }
    }

    /**
     * Removes the checkpoints a resume no longer needs now that the training has ended. A failure only costs space,
     * so it is logged, not thrown.
     */
    @Override
    public void onTrainingEnd(TrainingSession session) {
        try {
            int removed = checkpoints.prune();
            if (removed > 0) {
                LOG.infof("training ended: removed %d checkpoint file(s), kept the last and the best epoch's", removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("training ended but its old checkpoints could not be removed: %s", e.toString());
        }
    }
}
