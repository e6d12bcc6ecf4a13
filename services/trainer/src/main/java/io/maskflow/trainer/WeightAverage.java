package io.maskflow.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a network's parameters, batch normalisation's running statistics included:
 * after every optimiser step, average ← d · average + (1 − d) · weights, with d = min(decay, n / (n + 1)) when
 * n steps are averaged already: the plain mean of every step's weights until the decay's horizon (1 / (1 − decay)
 * steps) is the shorter memory, then the moving average. (TensorFlow's warm-up, min(decay, (1 + n) / (10 + n)),
 * keeps the horizon under a tenth of the steps taken: in a run of 3,780 steps it never reached 0.999, so 0.999 and
 * 0.9995 gave the same model.) The average is what is validated and saved: {@link #swapIn()} puts it in the
 * network's place and keeps the weights being trained, {@link #swapOut()} puts those back before training goes on.
 *
 * <p>The average lives beside the weights (one more copy of the network on its device, two while the average is in
 * place) and is updated there, without gradients. Swaps copy values into the parameters' own memory, in place, so the
 * optimiser keeps training the arrays it knows. Only for training on one device: with several, DJL's trainer keeps
 * a copy of every parameter per device out of reach, and an average written into the first would not reach them.
 */
final class WeightAverage implements AutoCloseable {

    private final float decay;
    private final List<Parameter> parameters;
    private final NDManager manager;
    private NDArray[] average;
    private NDArray[] trained;
    private long steps;

    /**
     * @param decay the per-step decay, in (0, 1)
     * @param parameters the network's parameters, in the block's order
     * @param manager where the average's arrays live (closed with it)
     */
    WeightAverage(float decay, Iterable<Pair<String, Parameter>> parameters, NDManager manager) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the decay of a weight average must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.parameters = new ArrayList<>();
        for (Pair<String, Parameter> each : parameters) {
            this.parameters.add(each.getValue());
        }
        this.manager = manager.newSubManager();
    }

    /**
     * The average {@code emaDecay} asks for, or null when it is 0; refused when training on several devices.
     *
     * @param devices the distinct devices the trainer trains on
     */
    static WeightAverage of(double emaDecay, Model model, Trainer trainer, int devices) {
        if (emaDecay == 0) {
            return null;
        }
        if (devices > 1) {
            throw new IllegalArgumentException("emaDecay averages the weights on one device; this trainer trains on "
                    + devices + ": set maxGpus=1 or emaDecay=0");
        }
        return new WeightAverage((float) emaDecay, model.getBlock().getParameters(), trainer.getManager());
    }

    /** The decay of the next update when {@code steps} are averaged: the plain mean's until the decay's is higher. */
    static float decayAfter(float decay, long steps) {
        return (float) Math.min(decay, steps / (steps + 1.0));
    }

    /** Folds the weights as they are after an optimiser step into the average. */
    void update() {
        if (trained != null) {
            throw new IllegalStateException("the average is in the network's place; swap it out before training");
        }
        if (average == null) {
            average = new NDArray[parameters.size()];
            for (int i = 0; i < average.length; i++) {
                average[i] = snapshot(i);
            }
            steps = 1;
            return;
        }
        float d = decayAfter(decay, steps);
        for (int i = 0; i < average.length; i++) {
            try (NDArray weights = weights(i).stopGradient(); NDArray share = weights.mul(1 - d)) {
                average[i].muli(d).addi(share);
            }
        }
        steps++;
    }

    /** Puts the average in the network's place (a no-op before the first update or when it is there already). */
    void swapIn() {
        if (average == null || trained != null) {
            return;
        }
        trained = new NDArray[average.length];
        for (int i = 0; i < average.length; i++) {
            trained[i] = snapshot(i);
            ParameterLoad.copyInto(weights(i), average[i]);
        }
    }

    /** Puts the weights being trained back (a no-op when the average is not in their place). */
    void swapOut() {
        if (trained == null) {
            return;
        }
        for (int i = 0; i < trained.length; i++) {
            ParameterLoad.copyInto(weights(i), trained[i]);
            trained[i].close();
        }
        trained = null;
    }

    /** Updates folded into the average so far. */
    long steps() {
        return steps;
    }

    private NDArray weights(int i) {
        return parameters.get(i).getArray();
    }

    /** A copy of parameter i's values, without gradient, that lives as long as this average. */
    private NDArray snapshot(int i) {
        try (NDArray weights = weights(i).stopGradient()) {
            NDArray copy = weights.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
