package io.maskflow.contracts.events;

/** What a step reports about itself. */
public enum StepStatus {
    STARTED,
    PROGRESS,
    SUCCEEDED,
    FAILED,
    /**
     * The worker stopped the attempt because the orchestrator asked it to (the run was cancelled or the attempt
     * timed out); the event's time is when the work actually stopped.
     */
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
