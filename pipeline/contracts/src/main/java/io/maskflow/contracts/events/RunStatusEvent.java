package io.maskflow.contracts.events;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import io.maskflow.contracts.Texts;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Topic {@code maskflow.runs.events}: the life of a run. Written by the orchestrator; read by the orchestrator
 * (to rebuild its state), the CLI and anyone who waits for a run. The final event's outputs name the model and
 * the evaluation report.
 *
 * @param reason why a run was rejected, failed or cancelled; null otherwise
 * @param outputs named artifacts of the run so far, e.g. {@code model}, {@code report}
 */
public record RunStatusEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        RunStatus status,
        String pipeline,
        String reason,
        Map<String, ArtifactRef> outputs,
        Instant time) implements Event {

    public RunStatusEvent {
        Require.id(runId, "runId");
        stepId = stepId == null ? RUN_STEP_ID : stepId;
        Require.present(status, "status");
        Require.nonBlank(pipeline, "pipeline");
        idempotencyKey = idempotencyKey == null ? runId + "/" + status.name().toLowerCase(Locale.ROOT) : idempotencyKey;
        outputs = Require.copy(outputs, "outputs");
        time = time == null ? Instant.now() : time;
        // a rejection can quote the request's values: the event must stay under the broker's size limit
        reason = Texts.cut(reason, MAX_REASON);
    }

    /** The most characters of a reason an event carries. */
    public static final int MAX_REASON = 2_000;

    public static RunStatusEvent of(String runId, String pipeline, RunStatus status, String reason,
            Map<String, ArtifactRef> outputs) {
        return new RunStatusEvent(SCHEMA_VERSION, runId, RUN_STEP_ID, null, status, pipeline, reason, outputs, null);
    }
}
