package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import java.time.Instant;
import java.util.Locale;

/**
 * One attempt of a step as the orchestrator saw it: when it was sent, which worker took it, when the orchestrator
 * asked it to stop (a cancelled run, a timeout) and when the worker said it had ended. For a stopped attempt,
 * {@code endedAt} is the worker's own time of stopping, so the run shows how long the work went on after the stop
 * was asked for.
 */
public final class AttemptState {

    public int attempt;
    public Instant dispatchedAt;
    public String worker;
    public Instant startedAt;
    public Instant stopRequestedAt;
    public String stopReason;
    public Instant endedAt;
    /** {@code succeeded}, {@code failed} or {@code cancelled} (stopped on request), once the worker said so. */
    public String outcome;

    public AttemptState() {
    }

    AttemptState(int attempt, Instant dispatchedAt) {
        this.attempt = attempt;
        this.dispatchedAt = dispatchedAt;
    }

    /** Notes a worker's event in this record; true when the record changed. */
    boolean note(StepStatusEvent event) {
        if (event.status() == StepStatus.STARTED && startedAt == null) {
            startedAt = event.time();
            worker = event.worker();
            return true;
        }
        if (event.status().isFinal() && endedAt == null) {
            endedAt = event.time();
            outcome = event.status().name().toLowerCase(Locale.ROOT);
            worker = worker == null ? event.worker() : worker;
            return true;
        }
        return false;
    }
}
