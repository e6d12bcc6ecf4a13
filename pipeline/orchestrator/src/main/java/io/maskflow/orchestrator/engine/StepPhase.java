package io.maskflow.orchestrator.engine;

/** Where one step of a run is. */
public enum StepPhase {
    /** Its inputs are not all there yet. */
    WAITING,
    /** A command was published; no service has said it started. */
    DISPATCHED,
    RUNNING,
    /** An attempt failed and another is due at {@code StepState.retryAt}. */
    RETRY_WAIT,
    /**
     * A search's trial waiting at a rung of synchronous successive halving ({@code StepState.waitingAt}) until the
     * other trials get there: its attempt was asked to stop after saving its checkpoint; the trial then either
     * resumes from that checkpoint in a new attempt or is stopped ({@code PRUNED}).
     */
    PAUSED,
    SUCCEEDED,
    FAILED,
    /** The run ended (failed or was cancelled) before this step finished. */
    CANCELLED,
    /**
     * A search's trial stopped early by successive halving: done, with no outputs; the steps after it go on
     * without it.
     */
    PRUNED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == PRUNED;
    }

    /** Whether the steps that depend on this one may start: it succeeded, or it was a trial stopped early. */
    public boolean done() {
        return this == SUCCEEDED || this == PRUNED;
    }

    public boolean inFlight() {
        return this == DISPATCHED || this == RUNNING;
    }
}
