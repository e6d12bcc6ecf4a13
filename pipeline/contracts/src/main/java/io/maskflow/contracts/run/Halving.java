package io.maskflow.contracts.run;

import io.maskflow.contracts.Require;

/**
 * Successive halving for the trials of one search: a trial that reaches a rung (epoch {@code minEpochs},
 * {@code minEpochs·eta}, {@code minEpochs·eta²}, …) goes on only while its figure there is among the best
 * {@code 1/eta} of the trials of its {@code group} that reached the same rung; otherwise the orchestrator stops it.
 * This is the asynchronous form (ASHA): a trial is judged against whoever has reached the rung so far, so no trial
 * waits for a whole rung to finish, and the first few trials of a rung always go on.
 *
 * @param group the trials compared with each other: the steps repeated from one definition step
 * @param metric the per-epoch figure compared, higher is better (e.g. {@code valMacroF1})
 * @param minEpochs the first rung
 * @param eta the reduction factor: about 1 in {@code eta} trials goes on at each rung (at least 2)
 */
public record Halving(String group, String metric, int minEpochs, int eta) {

    public Halving {
        Require.present(group, "halving group");
        Require.present(metric, "halving metric");
        if (minEpochs < 1) {
            throw new IllegalArgumentException("halving minEpochs must be at least 1, got " + minEpochs);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("halving eta must be at least 2, got " + eta);
        }
    }

    /** Whether {@code epoch} is a rung: minEpochs · eta^k for some k ≥ 0. */
    public boolean isRung(long epoch) {
        for (long rung = minEpochs; rung <= epoch; rung *= eta) {
            if (rung == epoch) {
                return true;
            }
        }
        return false;
    }
}
