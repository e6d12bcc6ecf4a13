package io.maskflow.orchestrator.engine;

import java.time.Instant;

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
}
