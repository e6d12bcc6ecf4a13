package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.run.Halving;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

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
     * to compare: it goes on. Always empty in the synchronous schedule ({@link #pauseAt}, {@link #decide}).
     *
     * @param peers every trial of the search, finished, stopped or running (the trial itself may be among them)
     */
    public static Optional<String> verdict(Halving halving, Trial trial, List<Trial> peers) {
        if (trial.history().isEmpty() || halving.synchronous()) {
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
        return Optional.of(reason(halving, rung, own.getAsDouble(), kept, n, sorted.get(kept - 1)));
    }

    /**
     * In the synchronous schedule, the rung at which {@code trial} must wait for the others: the epoch it just
     * reported, when that is a rung before its last epoch; empty otherwise (and always in the asynchronous schedule).
     */
    public static OptionalLong pauseAt(Halving halving, Trial trial) {
        if (!halving.synchronous() || trial.history().isEmpty()) {
            return OptionalLong.empty();
        }
        StepState.EpochPoint last = trial.history().get(trial.history().size() - 1);
        boolean beforeLast = last.total() <= 0 || last.done() < last.total();
        return halving.isRung(last.done()) && beforeLast ? OptionalLong.of(last.done())
                : OptionalLong.empty();
    }

    /**
     * The latest rung after {@code after} and before its last epoch that {@code trial}'s curve has reached: where a
     * trial whose paused attempt trained on past a further rung before it stopped must wait next; empty when none.
     */
    static OptionalLong rungPassed(Halving halving, Trial trial, long after) {
        if (trial.history().isEmpty()) {
            return OptionalLong.empty();
        }
        StepState.EpochPoint last = trial.history().get(trial.history().size() - 1);
        long end = last.total() > 0 ? Math.min(last.done(), last.total() - 1) : last.done();
        return Rungs.latest(halving, after, end); // from the rungs up, not the epochs down: any epoch is fine
    }

    /** What the synchronous schedule decides at a rung: the waiting trials that resume, and why each other stops. */
    public record RungDecision(long rung, List<String> resume, Map<String, String> stop) {
    }

    /**
     * The synchronous verdicts due in a run: one for each rung that trials of a search wait at (phase
     * {@code PAUSED}), once no other trial of that search can still reach it.
     */
    static List<RungDecision> due(Map<String, StepState> steps) {
        List<RungDecision> decisions = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        for (StepState paused : steps.values()) {
            Halving halving = paused.spec.halving();
            long rung = paused.waitingAt == null ? 0 : paused.waitingAt;
            if (paused.phase != StepPhase.PAUSED || paused.resumeGranted || !judged.add(halving.group() + "@" + rung)) {
                continue;
            }
            Set<String> waiting = new LinkedHashSet<>();
            Set<String> coming = new LinkedHashSet<>();
            for (StepState step : steps.values()) {
                if (step.spec.halving() == null || !step.spec.halving().group().equals(halving.group())) {
                    continue;
                }
                if (step.phase == StepPhase.PAUSED && !step.resumeGranted && step.waitingAt == rung) {
                    waiting.add(step.spec.id());
                } else if (!step.phase.isFinal() && (step.history.isEmpty()
                        || step.history.get(step.history.size() - 1).done() < rung)) {
                    coming.add(step.spec.id());
                }
            }
            decide(halving, rung, group(steps, halving), waiting, coming).ifPresent(decisions::add);
        }
        return decisions;
    }

    /**
     * The synchronous verdict at {@code rung}, once nothing more can reach it: every trial that reached the rung
     * (those waiting there and those that ended at or after it) is ranked by its figure there (ties by id), and the
     * waiting ones among the best {@code max(1, n / eta)} resume, the other waiting ones stop. With fewer than
     * {@code eta} trials at the rung, or for a waiting trial without a figure, there is nothing to compare: they
     * resume. Empty while {@code coming} (trials still training towards the rung) is not empty.
     *
     * @param trials every trial of the search
     * @param waiting the ids of the trials paused at {@code rung}
     * @param coming the ids of the trials not ended, not paused, that have not reported the rung yet
     */
    public static Optional<RungDecision> decide(Halving halving, long rung, List<Trial> trials,
            Set<String> waiting, Set<String> coming) {
        if (!coming.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> reached = new TreeMap<>();
        for (Trial trial : trials) {
            valueAt(trial, rung, halving).ifPresent(v -> reached.put(trial.id(), v));
        }
        List<String> ranked = reached.keySet().stream().sorted((a, b) -> halving.better(reached.get(a),
                reached.get(b)) ? -1 : halving.better(reached.get(b), reached.get(a)) ? 1 : a.compareTo(b)).toList();
        int n = ranked.size();
        int kept = n < halving.eta() ? n : Math.max(1, n / halving.eta());
        List<String> resume = new ArrayList<>();
        Map<String, String> stop = new TreeMap<>();
        for (String id : waiting) {
            int place = ranked.indexOf(id);
            if (place < 0 || place < kept) {
                resume.add(id);
            } else {
                stop.put(id, reason(halving, rung, reached.get(id), kept, n, reached.get(ranked.get(kept - 1))));
            }
        }
        resume.sort(Comparator.naturalOrder());
        return Optional.of(new RungDecision(rung, resume, stop));
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

    private static String reason(Halving halving, long rung, double own, int kept, int n, double needed) {
        return String.format(Locale.ROOT, "stopped by successive halving at epoch %d: best %s %.4f is not among the "
                + "best %d of the %d trials that reached epoch %d (the %s needed %.4f)", rung, halving.metric(), own,
                kept, n, rung, ordinal(kept), needed);
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
