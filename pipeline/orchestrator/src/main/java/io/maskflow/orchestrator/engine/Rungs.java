package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.run.Halving;
import java.util.OptionalLong;

/**
 * The latest rung of {@link Halving} (epochs {@code minEpochs · eta^k}) in a range, computed without overflow: a
 * worker may report any epoch number (even {@link Long#MAX_VALUE}), and the answer takes at most 63 steps.
 */
final class Rungs {

    private Rungs() {
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
