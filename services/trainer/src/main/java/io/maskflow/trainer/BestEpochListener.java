package io.maskflow.trainer;

import java.io.IOException;

/**
 * Keeps the best epoch's parameters: saves them whenever an epoch becomes the best (the file a checkpoint copies), and,
 * when early stopping is on, loads them back at the end so the model is the best epoch's rather than the last one's
 * (DJL's {@code SaveModelTrainingListener} saves every few epochs and at the end; here the best is what counts).
 * Without early stopping the last epoch is kept: a run that trains every epoch asked for gives what it trained.
 */
final class BestEpochListener implements TrainingListener {

    private final boolean loadBestAtEnd;

    /** @param loadBestAtEnd true when early stopping is on */
    BestEpochListener(boolean loadBestAtEnd) {
        this.loadBestAtEnd = loadBestAtEnd;
    }

    @Override
    public void onEpoch(TrainingSession session) throws IOException {
        if (session.bestEpoch() == session.curve().size()) {
            session.parameters().save(session.bestFile());
        }
    }

    @Override
    public void onTrainingEnd(TrainingSession session) throws IOException {
        if (loadBestAtEnd && session.bestEpoch() != session.curve().size()) {
            session.parameters().load(session.bestFile());
            session.keep(session.bestEpoch());
        }
    }
}
