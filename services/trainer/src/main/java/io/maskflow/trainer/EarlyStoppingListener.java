package io.maskflow.trainer;

/**
 * Stops a training after {@code patience} epochs in a row without a better validation macro F1 than the best epoch's
 * (DJL's {@code EarlyStoppingListener} watches a figure of its {@code TrainingResult}, the validation loss by default;
 * the project picks models by macro F1, which DJL does not compute). It decides after each epoch and once before the
 * first, so a run resumed after its patience ran out trains no more. Having trained every epoch asked for is not an
 * early stop.
 */
final class EarlyStoppingListener implements TrainingListener {

    private final int patience;

    /** @param patience epochs without a better figure, at least 1 */
    EarlyStoppingListener(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public void onTrainingBegin(TrainingSession session) {
        decide(session);
    }

    @Override
    public void onEpoch(TrainingSession session) {
        decide(session);
    }

    private void decide(TrainingSession session) {
        int done = session.curve().size();
        if (done < session.epochs() && done - session.bestEpoch() >= patience) {
            session.stop();
        }
    }
}
