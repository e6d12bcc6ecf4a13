package io.maskflow.contracts;

/** Kafka topic names. Each topic carries exactly one event record type of {@code io.maskflow.contracts.events}. */
public final class Topics {

    /** {@code RunRequestedEvent}: someone asks for a pipeline run. The trigger. */
    public static final String RUNS_REQUESTED = "maskflow.runs.requested";
    /** {@code RunCancelRequestedEvent}: someone asks to cancel a run; read by the replica that drives it. */
    public static final String RUNS_CANCEL = "maskflow.runs.cancel";
    /** {@code RunStatusEvent}: run lifecycle; the last one names the model and report. */
    public static final String RUNS_EVENTS = "maskflow.runs.events";
    /** Prefix of the per-step command topics carrying {@code StepCommand}; see {@link StepType#commandTopic()}. */
    public static final String STEP_COMMANDS_PREFIX = "maskflow.steps.";
    /** {@code StepStatusEvent}: step started / progress / succeeded / failed. */
    public static final String STEPS_EVENTS = "maskflow.steps.events";
    /** {@code ModelPromotedEvent}: a model passed the gate; every serving replica reloads. */
    public static final String MODELS_PROMOTED = "maskflow.models.promoted";
    /** {@code DeadLetterEvent}: messages that could not be read, with the reason. */
    public static final String DEAD_LETTER = "maskflow.deadletter";

    private Topics() {
    }
}
