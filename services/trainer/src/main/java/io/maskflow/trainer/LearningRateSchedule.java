package io.maskflow.trainer;

import ai.djl.training.tracker.Tracker;
import io.maskflow.contracts.params.TrainParams;

/**
 * The learning rate at each update: a linear warm-up from 1/25 of the peak, then {@code constant}, {@code cosine}
 * (down to 1/100 of the peak at the last update) or {@code one-cycle} (up over the first 30 % of the updates, or
 * the warm-up when longer, then cosine down to 1/10 000 of the peak). Resuming at a later epoch continues the same
 * curve: the position counts from {@code offset} updates.
 */
public final class LearningRateSchedule implements Tracker {

    private final TrainParams.Schedule kind;
    private final float peak;
    private final int warmup;
    private final int total;
    private int offset;

    /**
     * @param kind constant, cosine or one-cycle
     * @param warmup updates of warm-up
     * @param total updates of the whole training
     */
    public LearningRateSchedule(TrainParams.Schedule kind, float peak, int warmup, int total) {
        this.kind = kind;
        this.peak = peak;
        this.total = Math.max(1, total);
        this.warmup = kind == TrainParams.Schedule.ONE_CYCLE ? Math.max(warmup, (int) (0.3 * this.total)) : warmup;
    }

    /** Starts counting at {@code updates} (a resumed run). */
    public void startAt(int updates) {
        this.offset = updates;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return at(numUpdate + offset);
    }

    /** The rate at update {@code step} of the whole run, counted from its very start. */
    public float at(int step) {
        float start = peak / 25;
        if (step < warmup) {
            return start + (peak - start) * step / warmup;
        }
        if (kind == TrainParams.Schedule.CONSTANT) {
            return peak;
        }
        float floor = kind == TrainParams.Schedule.ONE_CYCLE ? peak / 10_000 : peak / 100;
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return (float) (floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
