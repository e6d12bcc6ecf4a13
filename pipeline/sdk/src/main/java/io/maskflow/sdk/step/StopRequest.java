package io.maskflow.sdk.step;

import io.maskflow.contracts.Require;
import io.maskflow.sdk.store.ArtifactKeys;
import java.time.Instant;

/**
 * The orchestrator's request that one attempt of a step stop, kept in the store under {@link #key()} where the
 * worker running the attempt finds it (see {@link StopSignal}).
 *
 * @param reason why, for the user: "the run was cancelled through the API", "attempt 1 timed out after PT30M"
 * @param requestedAt when the orchestrator asked
 */
public record StopRequest(String runId, String stepId, int attempt, String reason, Instant requestedAt) {

    public StopRequest {
        Require.id(runId, "runId");
        Require.id(stepId, "stepId");
        Require.nonBlank(reason, "reason");
        requestedAt = requestedAt == null ? Instant.now() : requestedAt;
    }

    public String key() {
        return ArtifactKeys.stopRequest(runId, stepId, attempt);
    }
}
