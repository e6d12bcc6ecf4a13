package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;
import java.time.Instant;

/**
 * Topic {@code maskflow.runs.cancel}: someone asks to cancel a run. Keyed by run id like run requests and step
 * events, so it reaches the orchestrator replica that drives the run. Written by the orchestrator's REST API (a
 * {@code DELETE /runs/<id>} that reached another replica); read by the orchestrator.
 *
 * @param reason why, shown as the run's reason
 * @param requestedBy who asked, free text
 */
public record RunCancelRequestedEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        String reason,
        String requestedBy,
        Instant time) implements Event {

    public RunCancelRequestedEvent {
        Require.id(runId, "runId");
        stepId = stepId == null ? RUN_STEP_ID : Require.id(stepId, "stepId");
        idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? runId + "/cancel"
                : Require.key(idempotencyKey, "idempotencyKey");
        reason = reason == null || reason.isBlank() ? "cancelled" : reason;
        time = time == null ? Instant.now() : time;
    }

    public static RunCancelRequestedEvent of(String runId, String reason, String requestedBy) {
        return new RunCancelRequestedEvent(SCHEMA_VERSION, runId, null, null, reason, requestedBy, null);
    }
}
