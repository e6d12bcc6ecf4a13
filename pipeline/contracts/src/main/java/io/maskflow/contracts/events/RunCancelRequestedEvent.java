package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;
import io.maskflow.contracts.Texts;
import java.time.Instant;

/**
 * Topic {@code maskflow.runs.cancel}: someone asks to cancel a run. Keyed by run id like run requests and step
 * events, so it reaches the orchestrator replica that drives the run. Written by the orchestrator's REST API (a
 * {@code DELETE /runs/<id>} that reached another replica); read by the orchestrator.
 *
 * @param stepId {@code run} or left out: a run is cancelled as a whole (a step id was taken and the whole run
 *     cancelled as if it had not been given)
 * @param reason why, shown as the run's reason and logged: one line of at most {@value #MAX_REASON} characters
 * @param requestedBy who asked, free text: one line of at most {@value RunRequestedEvent#MAX_REQUESTED_BY}
 *     characters
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
        if (stepId != null && !stepId.equals(RUN_STEP_ID)) {
            throw new IllegalArgumentException("stepId of a cancel request is '" + RUN_STEP_ID + "' or left out (a "
                    + "run is cancelled as a whole), got '" + Texts.cut(stepId, 40) + "'");
        }
        stepId = RUN_STEP_ID;
        idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? runId + "/cancel"
                : Require.key(idempotencyKey, "idempotencyKey");
        reason = reason == null || reason.isBlank() ? "cancelled" : Require.line(reason, "reason", MAX_REASON);
        if (requestedBy != null) {
            Require.line(requestedBy, "requestedBy", RunRequestedEvent.MAX_REQUESTED_BY);
        }
        time = time == null ? Instant.now() : time;
    }

    /** The longest {@code reason} a cancel request may give. */
    public static final int MAX_REASON = 1000;

    public static RunCancelRequestedEvent of(String runId, String reason, String requestedBy) {
        return new RunCancelRequestedEvent(SCHEMA_VERSION, runId, null, null, reason, requestedBy, null);
    }
}
