package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.run.StepSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one step of a run, as the orchestrator keeps it in {@code runs/<runId>/state.json}. A plain
 * mutable document: only {@link RunEngine} changes it, under its lock.
 */
public final class StepState {

    public StepSpec spec;
    public StepPhase phase = StepPhase.WAITING;
    public int attempt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant deadline;
    public Instant retryAt;
    public boolean cached;
    public String worker;
    public Progress progress;
    public StepError error;
    public Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
    public Map<String, Double> metrics = new LinkedHashMap<>();
    /** Every attempt so far, oldest first. */
    public List<AttemptState> attempts = new ArrayList<>();

    public StepState() {
    }

    StepState(StepSpec spec) {
        this.spec = spec;
    }

    /** The record of attempt {@code n}, created if this orchestrator never saw it sent (one from before a crash). */
    AttemptState attempt(int n) {
        for (AttemptState a : attempts) {
            if (a.attempt == n) {
                return a;
            }
        }
        AttemptState a = new AttemptState(n, null);
        attempts.add(a);
        attempts.sort(java.util.Comparator.comparingInt(x -> x.attempt));
        return a;
    }
}
