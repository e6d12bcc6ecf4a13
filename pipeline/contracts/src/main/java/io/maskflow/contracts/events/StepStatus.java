package io.maskflow.contracts.events;

/** What a step reports about itself. */
public enum StepStatus {
    STARTED,
    PROGRESS,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
