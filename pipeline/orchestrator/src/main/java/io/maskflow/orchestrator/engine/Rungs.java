package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.run.Halving;
import java.util.OptionalLong;

/**
 * The rungs of {@link Halving} (epochs {@code minEpochs · eta^k}), computed without overflow: a worker may report
 * any epoch number (even {@link Long#MAX_VALUE}), and every answer here takes at most 63 steps, whatever the epoch.
 */
final class Rungs {

    private Rungs() {
    }

    /** Whether {@code epoch} is a rung; false for epochs below the first rung and for those beyond every rung. */
    static boolean isRung(Halving halving, long epoch) {
        long rung = halving.minEpochs();
        while (rung < epoch && rung <= Long.MAX_VALUE / halving.eta()) {
            rung *= halving.eta();
        }
        return rung == epoch;
    }

    /** The highest rung in {@code (after, upTo]}; empty when there is none. */
    static OptionalLong latest(Halving halving, long after, long upTo) {
        OptionalLong found = OptionalLong.empty();
        long rung = halving.minEpochs();
        while (rung <= upTo) {
            if (rung > after) {
                found = OptionalLong.of(rung);
            }
            if (rung > Long.MAX_VALUE / halving.eta()) {
                break; // the next rung is beyond every epoch
            }
            rung *= halving.eta();
        }
        return found;
    }
}
