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
    /** Why successive halving stopped this trial early (phase {@code PRUNED}); null otherwise. */
    public String pruned;
    /** The rung a trial waits at (phase {@code PAUSED}) or last waited at; null when it never waited. */
    public Long waitingAt;
    /**
     * A paused trial that the synchronous verdict let go on: it resumes once the attempt it was paused from has ended,
     * so that two attempts never train it (and write its checkpoint) at once.
     */
    public boolean resumeGranted;
    /** How many attempts resumed the trial after a rung; they are not retries, so they do not use up its retries. */
    public int resumes;
    public Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
    public Map<String, Double> metrics = new LinkedHashMap<>();
    /** Every attempt so far, oldest first. */
    public List<AttemptState> attempts = new ArrayList<>();
    /** The figures of every epoch the worker reported, oldest first: what the run's curves are drawn from. */
    public List<EpochPoint> history = new ArrayList<>();

    /** The figures of one epoch, from the worker's progress event of phase {@code epoch}. */
    public record EpochPoint(long done, long total, Instant at, Map<String, Double> metrics) {
    }

    /** The most epochs a step keeps in its history; the oldest go first. */
    static final int MAX_HISTORY = 1000;

    public StepState() {
    }

    StepState(StepSpec spec) {
        this.spec = spec;
    }

    /**
     * Keeps an epoch's figures. An epoch reported again (a retry that resumed from an earlier checkpoint) replaces
     * the one before it and every later one, so the history is the curve of the training that goes on.
     */
    void recordEpoch(Progress epoch, Instant at) {
        history.removeIf(point -> point.done() >= epoch.done());
        history.add(new EpochPoint(epoch.done(), epoch.total(), at, epoch.metrics()));
        if (history.size() > MAX_HISTORY) {
            history.subList(0, history.size() - MAX_HISTORY).clear();
        }
    }

    /**
     * The record of attempt {@code n}, created when it has none yet. Only attempts up to the step's current one reach
     * here ({@link AttemptFilter}): the events of an attempt sent just before a crash, whose sending the saved state
     * does not show, are dropped until the attempt is sent again.
     */
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
