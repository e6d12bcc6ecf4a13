package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.events.StepStatusEvent;
import org.jboss.logging.Logger;

/**
 * Which step events the engine takes at all: those of an attempt it has sent (1 up to the step's current attempt).
 * An event of attempt 0, a negative one, or one the orchestrator never sent (a forged or garbled event, a worker
 * confused about its attempt) is logged and dropped: it must not start a step that was never dispatched (its
 * attempt would have no deadline, so the run would never time out) nor grow the step's list of attempts.
 */
final class AttemptFilter {

    private static final Logger LOG = Logger.getLogger(AttemptFilter.class);

    private AttemptFilter() {
    }

    /** Whether {@code event} is of an attempt of {@code step} that was dispatched; logs the ones that are not. */
    static boolean dispatched(StepState step, StepStatusEvent event) {
        if (event.attempt() >= 1 && event.attempt() <= step.attempt) {
            return true;
        }
        LOG.infof("run %s: %s event of attempt %d of step %s ignored: %s", event.runId(), event.status(),
                event.attempt(), event.stepId(), step.attempt == 0 ? "the step was never dispatched"
                        : "only attempts 1 to " + step.attempt + " were sent");
        return false;
    }
}
