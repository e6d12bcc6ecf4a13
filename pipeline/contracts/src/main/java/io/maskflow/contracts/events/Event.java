package io.maskflow.contracts.events;

/**
 * What every message on a Maskflow topic carries besides its own fields. One record type per topic implements
 * this; {@code io.maskflow.contracts.json.EventCodec} reads and writes them.
 */
public sealed interface Event
        permits RunRequestedEvent, RunCancelRequestedEvent, RunStatusEvent, StepCommand, StepStatusEvent,
        ModelPromotedEvent, DeadLetterEvent {

    /** The schema version this code writes and the only one it reads. */
    int SCHEMA_VERSION = 1;

    /** The step id of events that concern a whole run rather than one of its steps. */
    String RUN_STEP_ID = "run";

    /** The schema version the message was written with. */
    int schemaVersion();

    /** The pipeline run the message belongs to. */
    String runId();

    /** The step of that run, or {@link #RUN_STEP_ID} for run-level events. */
    String stepId();

    /** Equal for messages that mean the same thing: a consumer that has seen the key can drop the message. */
    String idempotencyKey();
}
