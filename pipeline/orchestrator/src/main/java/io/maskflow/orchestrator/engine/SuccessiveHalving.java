package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.run.Halving;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rule of {@link Halving}, on the epoch curves of a search's trials: whether a trial that just reached a rung
 * goes on. Kept apart from the engine so that a benchmark can replay it on recorded curves.
 */
public final class SuccessiveHalving {

    private SuccessiveHalving() {
    }

    /** One trial's curve so far: the figures of each epoch it reported, oldest first. */
    public record Trial(String id, List<StepState.EpochPoint> history) {
    }

    /**
     * The reason to stop {@code trial}, when the epoch it just reported is a rung before its last epoch and its figure
     * there is not among the best {@code max(1, n / eta)} of the {@code n} trials (itself included) that have
     * reached that rung; empty when it goes on. With fewer than {@code eta} trials at the rung there is too little
     * to compare: it goes on.
     *
     * @param peers every trial of the search, finished, stopped or running (the trial itself may be among them)
     */
    public static Optional<String> verdict(Halving halving, Trial trial, List<Trial> peers) {
        if (trial.history().isEmpty()) {
            return Optional.empty();
        }
        StepState.EpochPoint last = trial.history().get(trial.history().size() - 1);
        long rung = last.done();
        if (!halving.isRung(rung) || last.total() > 0 && rung >= last.total()) {
            // a trial at its last epoch has nothing left to save: stopping it would only throw its model away
            return Optional.empty();
        }
        OptionalDouble own = valueAt(trial, rung, halving);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        List<Double> reached = new ArrayList<>();
        reached.add(own.getAsDouble());
        for (Trial peer : peers) {
            if (!peer.id().equals(trial.id())) {
                valueAt(peer, rung, halving).ifPresent(reached::add);
            }
        }
        int n = reached.size();
        if (n < halving.eta()) {
            return Optional.empty();
        }
        int kept = Math.max(1, n / halving.eta());
        long better = reached.stream().filter(v -> halving.better(v, own.getAsDouble())).count();
        if (better < kept) {
            return Optional.empty();
        }
        List<Double> sorted = reached.stream().sorted((a, b) -> halving.better(a, b) ? -1
                : halving.better(b, a) ? 1 : 0).toList();
        return Optional.of(String.format(Locale.ROOT, "stopped by successive halving at epoch %d: best %s %.4f is "
                + "not among the best %d of the %d trials that reached epoch %d (the %s needed %.4f)", rung,
                halving.metric(), own.getAsDouble(), kept, n, rung, ordinal(kept), sorted.get(kept - 1)));
    }

    /**
     * A trial's figure at a rung: the best {@code metric} of its epochs up to the rung (the epoch its model would
     * be kept from; the lowest in mode {@code min}), provided it has reported the rung itself; empty when it never
     * got that far.
     */
    static OptionalDouble valueAt(Trial trial, long rung, Halving halving) {
        boolean reached = false;
        OptionalDouble best = OptionalDouble.empty();
        for (StepState.EpochPoint point : trial.history()) {
            if (point.done() <= rung) {
                Double value = point.metrics().get(halving.metric());
                if (value != null && !value.isNaN() && (best.isEmpty() || halving.better(value, best.getAsDouble()))) {
                    best = OptionalDouble.of(value);
                }
            }
            reached |= point.done() >= rung;
        }
        return reached ? best : OptionalDouble.empty();
    }

    private static String ordinal(int k) {
        return k == 1 ? "best" : k + (k % 10 == 2 && k % 100 != 12 ? "nd" : k % 10 == 3 && k % 100 != 13 ? "rd"
                : "th") + " best";
    }

    /** The trials of {@code halving}'s group in a run, as curves. */
    static List<Trial> group(Map<String, StepState> steps, Halving halving) {
        List<Trial> trials = new ArrayList<>();
        for (StepState step : steps.values()) {
            if (step.spec.halving() != null && step.spec.halving().group().equals(halving.group())) {
                trials.add(new Trial(step.spec.id(), step.history));
            }
        }
        return trials;
    }
}
