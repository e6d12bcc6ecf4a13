package io.maskflow.orchestrator.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.RunSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the orchestrator knows about one run; persisted after every change so that a restarted
 * orchestrator carries on. Only {@link RunEngine} changes it, under its lock.
 */
public final class RunState {

    private static final ObjectMapper JSON = EventCodec.instance().mapper();

    public String runId;
    public String pipeline;
    public String idempotencyKey;
    public String requestedBy;
    /**
     * The SHA-256 of the request's pipeline and parameters ({@link RunIdTakenException#digest}), so a different
     * request under the same run id is told apart from the same one sent again; null in runs saved before it.
     */
    public String requestDigest;
    public RunStatus status;
    public String reason;
    public Map<String, Object> parameters = new LinkedHashMap<>();
    public RunSpec spec;
    /** The definition's outputs: run output name to {@code <stepId>.<output>}. */
    public Map<String, String> outputSources = new LinkedHashMap<>();
    public Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
    public Map<String, StepState> steps = new LinkedHashMap<>();
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
    /** Bumped on every change; lets the web page and tests tell that something moved. */
    public long version;

    public RunState() {
    }

    /**
     * A deep copy, as the store would give it back: what the REST API and the web page serialise while the engine
     * goes on changing the original on another thread.
     */
    public RunState snapshot() {
        return JSON.convertValue(this, RunState.class);
    }
}
