package io.maskflow.contracts.events;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import io.maskflow.contracts.StepType;
import java.time.Instant;
import java.util.Map;

/**
 * Topic {@code maskflow.steps.<step>} (see {@link StepType#commandTopic()}): run one step of a run. Written by
 * the orchestrator; read by the service of that step, one consumer group per service so replicas share the work.
 *
 * @param step which kind of step; must match the topic
 * @param attempt 1 for the first try; a retry is a new command with the next attempt and so a new idempotency key
 * @param parameters the step's parameters, bound to its parameter record by the service
 * @param inputs artifacts produced by earlier steps, by input name
 * @param cache whether an existing output for the same inputs and parameters may be reused
 */
public record StepCommand(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        StepType step,
        int attempt,
        Map<String, Object> parameters,
        Map<String, ArtifactRef> inputs,
        boolean cache,
        Instant time) implements Event {

    public StepCommand {
        Require.id(runId, "runId");
        Require.id(stepId, "stepId");
        Require.present(step, "step");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            // the key names the command's record in the store, which refuses a blank one: refused here, the
            // message can still be dead-lettered with the reason
            throw new IllegalArgumentException("idempotencyKey is blank; leave it out to use"
                    + " <runId>/<stepId>/<attempt>");
        }
        idempotencyKey = idempotencyKey == null ? runId + "/" + stepId + "/" + attempt
                : Require.key(idempotencyKey, "idempotencyKey");
        parameters = Require.copy(parameters, "parameters");
        inputs = Require.copy(inputs, "inputs");
        time = time == null ? Instant.now() : time;
    }

    public static StepCommand of(String runId, String stepId, StepType step, int attempt,
            Map<String, Object> parameters, Map<String, ArtifactRef> inputs) {
        return new StepCommand(SCHEMA_VERSION, runId, stepId, null, step, attempt, parameters, inputs, true, null);
    }

    /** The same command with caching turned off. */
    public StepCommand withoutCache() {
        return new StepCommand(schemaVersion, runId, stepId, idempotencyKey, step, attempt, parameters, inputs, false,
                time);
    }
}
