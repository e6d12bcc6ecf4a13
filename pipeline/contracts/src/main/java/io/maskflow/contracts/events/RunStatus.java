package io.maskflow.contracts.events;

/** Where a run is in its life. */
public enum RunStatus {
    /** The request validated and the run was created. */
    ACCEPTED,
    /** The request did not validate; the event's reason says why. */
    REJECTED,
    /** At least one step was dispatched. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == REJECTED || this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
