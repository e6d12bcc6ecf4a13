package io.maskflow.contracts;

import java.util.Locale;

/** The kinds of pipeline step; each is served by one service that consumes its own command topic. */
public enum StepType {
    /** Synthetic data in the competition layout ({@code services/datagen}). */
    DATAGEN,
    /** Validation, cleaning, cropping, the split by person and training shards ({@code services/preprocess}). */
    PREPROCESS,
    /** Model training ({@code services/trainer}). */
    TRAIN,
    /** Metrics, reports, ensembles and the promotion gate ({@code services/evaluator}). */
    EVALUATE;

    /** The lower-case name used in topic names, artifact keys and pipeline definitions. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The topic this step's commands are published to. */
    public String commandTopic() {
        return Topics.STEP_COMMANDS_PREFIX + id();
    }

    public static StepType fromId(String id) {
        for (StepType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown step type '" + id + "'; known: datagen, preprocess, train, evaluate");
    }
}
