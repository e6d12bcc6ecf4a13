package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;
import io.maskflow.contracts.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Topic {@code maskflow.runs.requested}: start a run of a pipeline definition. Written by users (any Kafka
 * client), the orchestrator's REST API and CLI; read by the orchestrator.
 *
 * <p>The run id and the idempotency key are optional on the wire. A request that gives only a key gets a run id
 * derived from it, so the same request published twice names the same run; one that gives neither gets a fresh
 * random run id.
 *
 * @param pipeline the name of a definition in {@code pipeline/definitions}, e.g. {@code train-and-serve}
 * @param parameters overrides of the definition's parameters
 * @param requestedBy who asked, free text for the run list: at most {@value #MAX_REQUESTED_BY} characters, no
 *     control or format characters
 */
public record RunRequestedEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        String pipeline,
        Map<String, Object> parameters,
        String requestedBy,
        Instant time) implements Event {

    public RunRequestedEvent {
        Require.nonBlank(pipeline, "pipeline");
        if (pipeline.length() > MAX_PIPELINE_NAME) {
            // no definition has such a name, and quoting it back in the rejection would not fit an event
            throw new IllegalArgumentException("pipeline names no pipeline: " + pipeline.length() + " characters, "
                    + "at most " + MAX_PIPELINE_NAME + " ('" + Texts.cut(pipeline, 40) + "')");
        }
        if (Require.hasControlOrFormat(pipeline)) {
            // no definition has such a name; shown in the run list, ESC sequences would drive a user's terminal
            throw new IllegalArgumentException("pipeline names no pipeline: it has control or format characters");
        }
        boolean hasRunId = runId != null && !runId.isBlank();
        boolean hasKey = idempotencyKey != null && !idempotencyKey.isBlank();
        if (!hasRunId) {
            runId = "run-" + (hasKey ? shortHash(idempotencyKey) : UUID.randomUUID().toString().substring(0, 13));
        }
        Require.id(runId, "runId");
        if (!hasKey) {
            idempotencyKey = runId;
        }
        Require.key(idempotencyKey, "idempotencyKey");
        if (requestedBy != null) {
            Require.line(requestedBy, "requestedBy", MAX_REQUESTED_BY);
        }
        if (stepId != null && !stepId.equals(RUN_STEP_ID)) {
            throw new IllegalArgumentException("stepId of a run request is '" + RUN_STEP_ID + "' or left out, got '"
                    + Texts.cut(stepId, 40) + "'");
        }
        stepId = RUN_STEP_ID;
        parameters = Require.copy(parameters, "parameters");
        time = time == null ? Instant.now() : time;
    }

    /** The longest {@code requestedBy} a request may give. */
    public static final int MAX_REQUESTED_BY = 200;

    /** The longest pipeline name a request may give. */
    public static final int MAX_PIPELINE_NAME = 128;

    public static RunRequestedEvent of(String pipeline, Map<String, Object> parameters) {
        return new RunRequestedEvent(SCHEMA_VERSION, null, null, null, pipeline, parameters, null, null);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
