package io.maskflow.contracts.run;

import io.maskflow.contracts.Require;
import java.util.List;

/**
 * Successive halving for the trials of one search: a trial that reaches a rung (epoch {@code minEpochs},
 * {@code minEpochs·eta}, {@code minEpochs·eta²}, …) goes on only while its figure there is among the best
 * {@code 1/eta} of the trials of its {@code group} that reached the same rung; otherwise the orchestrator stops it.
 * In the asynchronous schedule (ASHA, the default) a trial is judged against whoever has reached the rung so far, so
 * no trial waits for a whole rung to finish, and the first few trials of a rung always go on whatever their figure.
 * In the synchronous schedule a trial that reaches a rung is paused there (its attempt is stopped; its checkpoint is
 * kept) until every trial of the group has reached the rung or ended; then the best {@code 1/eta} of them resume
 * from their checkpoints and the others are stopped, so the verdict does not depend on the order the trials ran in.
 *
 * @param group the trials compared with each other: the steps repeated from one definition step
 * @param metric the per-epoch figure compared (e.g. {@code valMacroF1}, or {@code valLoss} with mode {@code min})
 * @param mode {@code max} when a higher figure is better (the default, also when null), {@code min} when lower is
 * @param minEpochs the first rung
 * @param eta the reduction factor: about 1 in {@code eta} trials goes on at each rung (at least 2)
 * @param schedule {@code async} (the default, also when null) or {@code sync}
 */
public record Halving(String group, String metric, String mode, int minEpochs, int eta, String schedule) {

    public static final String MAX = "max";
    public static final String MIN = "min";
    public static final String ASYNC = "async";
    public static final String SYNC = "sync";
    /** The figures a trainer reports with every epoch, which halving can compare. */
    public static final List<String> METRICS = List.of("valMacroF1", "valLoss", "maskAccuracy",
            "genderAccuracy", "ageAccuracy", "trainMacroF1", "loss");

    public Halving {
        Require.present(group, "halving group");
        Require.present(metric, "halving metric");
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("halving metric must be one of " + METRICS + ", got '" + metric + "'");
        }
        mode = mode == null ? MAX : mode;
        if (!mode.equals(MAX) && !mode.equals(MIN)) {
            throw new IllegalArgumentException("halving mode must be max or min, got '" + mode + "'");
        }
        if (minEpochs < 1) {
            throw new IllegalArgumentException("halving minEpochs must be at least 1, got " + minEpochs);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("halving eta must be at least 2, got " + eta);
        }
        schedule = schedule == null ? ASYNC : schedule;
        if (!schedule.equals(ASYNC) && !schedule.equals(SYNC)) {
            throw new IllegalArgumentException("halving schedule must be async or sync, got '" + schedule + "'");
        }
    }

    /** The asynchronous schedule. */
    public Halving(String group, String metric, String mode, int minEpochs, int eta) {
        this(group, metric, mode, minEpochs, eta, ASYNC);
    }

    /** Higher figures better: what the search's usual figures (macro F1, accuracy) want. */
    public Halving(String group, String metric, int minEpochs, int eta) {
        this(group, metric, MAX, minEpochs, eta);
    }

    /** Whether trials wait at each rung for the whole group (the synchronous schedule). */
    public boolean synchronous() {
        return schedule.equals(SYNC);
    }

    /** Whether {@code a} is a better figure than {@code b} in this mode. */
    public boolean better(double a, double b) {
        return mode.equals(MIN) ? a < b : a > b;
    }

    /**
     * Whether {@code epoch} is a rung: minEpochs · eta^k for some k ≥ 0. A worker may report any epoch number, even
     * {@link Long#MAX_VALUE}: the rungs are never multiplied past it (they wrapped round before, and the loop ran for
     * good), so this takes at most 63 steps.
     */
    public boolean isRung(long epoch) {
        long rung = minEpochs;
        while (rung < epoch && rung <= Long.MAX_VALUE / eta) {
            rung *= eta;
        }
        return rung == epoch;
    }
}
