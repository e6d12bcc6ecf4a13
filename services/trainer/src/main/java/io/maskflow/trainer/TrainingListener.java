package io.maskflow.trainer;

import java.io.IOException;

/**
 * Acts at the edges of a training's epochs, so that what happens around the epochs (early stopping, keeping the best
 * epoch, checkpoints, progress) is each a small class and {@link TrainingRunner}'s loop only trains and validates.
 *
 * <p>It has the shape of DJL's {@code ai.djl.training.listener.TrainingListener} ({@code onTrainingBegin},
 * {@code onEpoch}, {@code onTrainingEnd}; DJL's {@code EarlyStoppingListener} and {@code SaveModelTrainingListener},
 * which saves a checkpoint every few epochs, divide the work the same way), but it is this project's own interface:
 * DJL's listeners are driven by {@code EasyTrain.fit} and read the figures DJL's {@code Trainer} keeps, while the
 * runner has its own loop (batches split over devices, work-ahead loaders, cancellation) and its own figures
 * (validation macro F1, which DJL does not compute), and resuming needs a hook before the first epoch that restores the
 * curve. Listeners get a {@link TrainingSession} where DJL's get the {@code Trainer}. They run in the order given, each
 * at every edge; a training that fails or is cancelled calls no {@link #onTrainingEnd}.
 */
interface TrainingListener {

    /** Before the first epoch (of this run: after a resume, before the first epoch not yet trained). */
    default void onTrainingBegin(TrainingSession session) throws IOException {
    }

    /** After each epoch, whose figures are already {@link TrainingSession#last()}. */
    default void onEpoch(TrainingSession session) throws IOException {
    }

    /** After the last epoch, or after early stopping, before the model is saved. */
    default void onTrainingEnd(TrainingSession session) throws IOException {
    }
}
