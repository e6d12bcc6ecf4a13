package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.events.StepStatusEvent;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which step events the engine takes at all: those of an attempt it has sent (1 up to the step's current attempt).
 * An event of attempt 0, a negative one, or one the orchestrator never sent (a forged or garbled event, a worker
 * confused about its attempt) is logged and dropped: it must not start a step that was never dispatched (its
 * attempt would have no deadline, so the run would never time out) nor grow the step's list of attempts. An event
 * that fits no step of its run at all is refused with a reason, for a dead letter ({@link #misfit}).
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

    /**
     * Why {@code event} fits no step of {@code run}: it names a step the run does not have, or says another kind of
     * step than the run's step of that id is (a TRAIN event for the generate step failed the run, blaming generate
     * for outputs it never claimed). Empty when it fits.
     */
    static Optional<String> misfit(RunState run, StepStatusEvent event) {
        StepState step = run.steps.get(event.stepId());
        if (step == null) {
            return Optional.of("run " + event.runId() + " has no step '" + event.stepId() + "'; its steps: "
                    + run.steps.keySet());
        }
        if (event.step() != step.spec.step()) {
            return Optional.of("step " + event.stepId() + " of run " + event.runId() + " is a " + step.spec.step()
                    + " step, and this event is from a " + event.step() + " step");
        }
        return Optional.empty();
    }
}
