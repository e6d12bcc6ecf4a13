package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.run.OutputRef;
import io.maskflow.contracts.run.RunSpec;
import io.maskflow.contracts.run.StepSpec;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.orchestrator.definitions.DefinitionResolver;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.definitions.PipelineDefinition;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StopRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Moves runs forward: a run request becomes a run, each step whose inputs are ready gets a command, step events
 * move steps on, failures are retried with backoff up to the step's limit, attempts past their timeout count
 * as failed, and the run ends succeeded, failed or cancelled. The events a change causes are published as one
 * batch, commands first, and then the run is saved to the {@link RunStore}: a crash in between makes the
 * restarted orchestrator ({@link #recover()}) send the same command again with the same attempt number, which the
 * step service drops as a duplicate; the other order could lose a command until its timeout. An attempt still in
 * flight when its run ends (cancelled, or failed elsewhere) or when it times out is asked to stop through a
 * {@link StopRequest} in the store, which the worker polls; the worker's {@code CANCELLED} event then records when
 * the work actually stopped (see {@link AttemptState}). Free of Quarkus; all methods are serialised by one lock.
 *
 * <p>With several orchestrators each engine drives only the runs it owns ({@link #handOver}); it holds no other
 * run in memory, so step events and ticks of runs owned elsewhere do nothing here. {@link #find} and {@link #list}
 * hand out snapshots, never the objects the engine changes.
 */
public final class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);

    private final PipelineCatalog catalog;
    private final DatasetLocator datasets;
    private final RunStore store;
    private final Clock clock;
    private final Duration retryBackoff;
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private final PendingWrites pending;
    /** The run ids this engine drives; every run until {@link #handOver} says otherwise (one orchestrator). */
    private Predicate<String> owned = runId -> true;

    public RunEngine(PipelineCatalog catalog, RunStore store, EventSink events, Clock clock, Duration retryBackoff) {
        this(catalog, DatasetLocator.NONE, store, events, clock, retryBackoff);
    }

    /**
     * @param datasets checks and locates the data sets that runs name in their parameters (called under the lock,
     *     once per data set parameter when a run is submitted)
     */
    public RunEngine(PipelineCatalog catalog, DatasetLocator datasets, RunStore store, EventSink events, Clock clock,
            Duration retryBackoff) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.store = store;
        this.pending = new PendingWrites(store, events);
        this.clock = clock;
        this.retryBackoff = retryBackoff;
    }

    /** How many known runs are in one status (for the {@code maskflow_runs} gauges). */
    public synchronized long count(RunStatus status) {
        return runs.values().stream().filter(r -> r.status == status).count();
    }

    /** Loads every kept run and moves the unfinished ones on (dispatching what a crash may have left undone). */
    public synchronized int recover() throws IOException {
        return handOver(runId -> true);
    }

    /**
     * From now on drives exactly the runs whose ids {@code owns} accepts: drops the runs it holds that it no
     * longer owns, without sending anything (their new owner carries them on from the store), and loads from the
     * store the owned runs it does not hold, moving the unfinished ones on as {@link #recover()} does.
     *
     * @return how many unfinished runs it loaded
     */
    public synchronized int handOver(Predicate<String> owns) throws IOException {
        owned = owns;
        int dropped = runs.size();
        runs.keySet().removeIf(runId -> !owns.test(runId));
        pending.forget(runId -> !owns.test(runId)); // not written now: the new owner goes on from the store
        dropped -= runs.size();
        int active = 0;
        for (RunState run : store.loadAll(runId -> owns.test(runId) && !runs.containsKey(runId))) {
            runs.put(run.runId, run);
            if (!run.status.isFinal()) {
                active++;
                LOG.infof("took over run %s (%s) in state %s", run.runId, run.pipeline, run.status);
                advance(run);
            }
        }
        if (dropped > 0) {
            LOG.infof("handed over %d run(s) to other orchestrators", dropped);
        }
        try {
            flush();
        } catch (RuntimeException e) {
            // the runs are loaded (not a failed hand-over): what was not written goes at the next tick
            LOG.warnf("after the hand-over: %s; written at the next tick", e.getMessage());
        }
        return active;
    }

    /** Whether this engine drives the run (it is the run's owner), whether the run exists or not. */
    public synchronized boolean owns(String runId) {
        return owned.test(runId);
    }

    /**
     * Starts a run, or returns the existing one when a run with the request's id exists (the same request twice).
     * Returns the engine's own object: read it on the calling thread only, right away ({@link #find} for a
     * snapshot).
     *
     * @throws NotOwnerException when another orchestrator owns the run id
     * @throws RunIdTakenException when a run made by a different request has the id
     */
    public synchronized RunState submit(RunRequestedEvent request) {
        if (!owned.test(request.runId())) {
            throw new NotOwnerException(request.runId());
        }
        RunState existing = runs.get(request.runId());
        if (existing != null) {
            RunIdTakenException.check(existing, request);
            LOG.infof("run %s already exists (%s); request %s ignored", request.runId(), existing.status,
                    request.idempotencyKey());
            return existing;
        }
        Instant now = clock.instant();
        RunState run = new RunState();
        run.runId = request.runId();
        run.pipeline = request.pipeline();
        run.idempotencyKey = request.idempotencyKey();
        run.requestedBy = request.requestedBy();
        run.requestDigest = RunIdTakenException.digest(request);
        run.parameters = new LinkedHashMap<>(request.parameters());
        run.createdAt = now;
        try {
            PipelineDefinition definition = catalog.get(request.pipeline());
            RunSpec spec = DefinitionResolver.resolve(definition, request.parameters(), request.runId(), datasets);
            run.spec = spec;
            run.parameters = new LinkedHashMap<>(spec.parameters());
            run.outputSources = new LinkedHashMap<>(definition.outputs());
            for (StepSpec step : spec.steps()) {
                run.steps.put(step.id(), new StepState(step));
            }
            run.status = RunStatus.ACCEPTED;
        } catch (UncheckedIOException e) {
            // the store did not answer while the data set was looked up; nothing is kept
            throw new NotSubmittedException(run.runId, e);
        } catch (RuntimeException e) {
            // a DefinitionException, or any other bad value found while resolving: the request's fault, said why
            run.status = RunStatus.REJECTED;
            run.reason = RejectionReasons.of(e);
            run.finishedAt = now;
            LOG.warnf("run %s rejected: %s", run.runId, run.reason);
        }
        runs.put(run.runId, run);
        changed(run, run.status, run.reason);
        advance(run);
        flush();
        return run;
    }

    /**
     * Applies a step event. Every event is noted in its attempt's record (so a stopped attempt's end shows even
     * after its run ended); only events of the step's current attempt, while it is in flight, move the run. Returns
     * why an event that fits no step of its run is refused ({@link AttemptFilter#misfit}), for a dead letter.
     */
    public synchronized Optional<String> onStepEvent(StepStatusEvent event) {
        RunState run = runs.get(event.runId());
        Optional<String> misfit = run == null ? Optional.empty() : AttemptFilter.misfit(run, event);
        StepState step = run == null || misfit.isPresent() ? null : run.steps.get(event.stepId());
        if (step == null || !AttemptFilter.dispatched(step, event)) {
            return misfit;
        }
        if (step.attempt(event.attempt()).note(event)) {
            save(run);
        }
        if (step.phase == StepPhase.PAUSED && step.attempt == event.attempt() && !run.status.isFinal()
                && event.status() != StepStatus.SUCCEEDED) {
            whilePaused(run, step, event);
            flush();
            return Optional.empty();
        }
        if (run.status.isFinal() || step.attempt != event.attempt() || step.phase.isFinal()
                || step.phase == StepPhase.RETRY_WAIT) {
            flush();
            return Optional.empty();
        }
        Instant now = clock.instant();
        switch (event.status()) {
            case STARTED -> {
                step.phase = StepPhase.RUNNING;
                step.worker = event.worker();
                stepChanged(run, step);
            }
            case PROGRESS -> {
                step.phase = StepPhase.RUNNING;
                step.progress = event.progress();
                if ("epoch".equals(event.progress().phase()) && !event.progress().metrics().isEmpty()) {
                    step.recordEpoch(event.progress(), event.time());
                    halve(run, step, now);
                }
                save(run);
            }
            case SUCCEEDED -> {
                step.phase = StepPhase.SUCCEEDED;
                step.resumeGranted = false;
                step.outputs = new LinkedHashMap<>(event.outputs());
                step.metrics = new LinkedHashMap<>(event.metrics());
                step.cached = event.cached();
                step.finishedAt = now;
                step.error = null;
                stepChanged(run, step);
                advance(run);
            }
            case FAILED -> attemptFailed(run, step, event.error(), now);
            // stopped though this orchestrator did not ask (an operator's stop, another replica's): not retried
            case CANCELLED -> attemptFailed(run, step, new StepError(event.error().code(), "attempt "
                    + event.attempt() + " was stopped: " + event.error().message(), false), now);
            default -> throw new IllegalStateException(event.status().name());
        }
        flush();
        return Optional.empty();
    }

    /**
     * An event of the attempt a trial was paused from: an epoch it finished before it saw the stop still belongs to
     * the trial's curve (the next attempt resumes after it); its end, stopped as asked, lets the trial resume if the
     * verdict at its rung already let it go on ({@link #judgeRungs}). Its success
     * is not handled here: a trial that finished its last epoch is done, as {@code onStepEvent} takes it.
     */
    private void whilePaused(RunState run, StepState step, StepStatusEvent event) {
        if (event.status() == StepStatus.PROGRESS && "epoch".equals(event.progress().phase())
                && !event.progress().metrics().isEmpty()) {
            step.recordEpoch(event.progress(), event.time());
            save(run);
        } else if (event.status().isFinal()) {
            advance(run);
        }
    }

    /**
     * Stops a search's trial that successive halving ({@link SuccessiveHalving}) finds among the weakest at the
     * epoch it just reported; the steps after it go on without it. In the synchronous schedule the trial is paused
     * at a rung instead, and judged with the others once all have got there ({@link #judgeRungs}).
     */
    private void halve(RunState run, StepState step, Instant now) {
        if (step.spec.halving() == null) {
            return;
        }
        java.util.OptionalLong rung = SuccessiveHalving.pauseAt(step.spec.halving(),
                new SuccessiveHalving.Trial(step.spec.id(), step.history));
        if (rung.isPresent()) {
            requestStop(run, step, "waiting at epoch " + rung.getAsLong() + " for the other trials of the search "
                    + "(synchronous successive halving)", now);
            step.phase = StepPhase.PAUSED;
            step.waitingAt = rung.getAsLong();
            LOG.infof("run %s: trial %s waits at epoch %d", run.runId, step.spec.id(), rung.getAsLong());
            stepChanged(run, step);
            advance(run);
            return;
        }
        Optional<String> verdict = SuccessiveHalving.verdict(step.spec.halving(),
                new SuccessiveHalving.Trial(step.spec.id(), step.history),
                SuccessiveHalving.group(run.steps, step.spec.halving()));
        if (verdict.isEmpty()) {
            return;
        }
        requestStop(run, step, verdict.get(), now);
        step.phase = StepPhase.PRUNED;
        step.pruned = verdict.get();
        step.finishedAt = now;
        LOG.infof("run %s: trial %s %s", run.runId, step.spec.id(), verdict.get());
        stepChanged(run, step);
        advance(run);
    }

    /**
     * Cancels a run: no further commands; steps not finished are marked cancelled. Returns a snapshot; empty when
     * this engine does not hold the run (unknown, or owned by another orchestrator: see {@link #owns}).
     */
    public synchronized Optional<RunState> cancel(String runId, String reason) {
        RunState run = runs.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        if (!run.status.isFinal()) {
            finish(run, RunStatus.CANCELLED, reason);
        }
        flush();
        return Optional.of(run.snapshot());
    }

    /**
     * Retries that are due, attempts past their timeout, and paused trials let go on whose attempt never said it
     * stopped (past its deadline); call it every second or so.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (RunState run : List.copyOf(runs.values())) {
            if (run.status.isFinal()) {
                continue;
            }
            for (StepState step : run.steps.values()) {
                if (step.phase == StepPhase.RETRY_WAIT && !now.isBefore(step.retryAt)) {
                    dispatch(run, step, now);
                } else if (step.phase.inFlight() && step.deadline != null && now.isAfter(step.deadline)) {
                    String why = "attempt " + step.attempt + " of step " + step.spec.id() + " took longer than "
                            + step.spec.timeout();
                    requestStop(run, step, why, now);
                    attemptFailed(run, step, new StepError("timeout", why, true), now);
                }
            }
            judgeRungs(run, now);
        }
        flush();
    }

    /**
     * Drops a finished run from memory, before its records are deleted from the store (run deletion and retention);
     * false when the run is unknown or not finished (it is then kept).
     */
    public synchronized boolean forget(String runId) {
        RunState run = runs.get(runId);
        if (run == null || !run.status.isFinal()) {
            return false;
        }
        runs.remove(runId);
        pending.forget(runId::equals);
        return true;
    }

    /**
     * Drops a finished run this engine holds whose state is gone from the store: another orchestrator deleted it
     * (by hand or by retention) and told this one, its owner, through the cancel topic. Without this the owner
     * kept answering for the deleted run, and a new request with its id was answered with the old run. False (the
     * run kept) when the run is not held here, not finished, or still stored. The store is read outside the lock.
     */
    public boolean forgetIfDeleted(String runId) throws IOException {
        Optional<RunState> held = find(runId);
        if (held.isEmpty() || !held.get().status.isFinal() || store.load(runId).isPresent()) {
            return false;
        }
        return forget(runId);
    }

    /** Whether the store holds a state of the run (read outside the lock). */
    public boolean isStored(String runId) throws IOException {
        return store.load(runId).isPresent();
    }

    /** The version of a run this engine holds, without copying it; empty for runs unknown here. */
    public synchronized java.util.OptionalLong version(String runId) {
        RunState run = runs.get(runId);
        return run == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(run.version);
    }

    /**
     * A snapshot of any run: from this engine when it drives the run, else as its owner last saved it in the store
     * (read outside the lock). Empty for a run that does not exist.
     */
    public Optional<RunState> lookup(String runId) throws IOException {
        Optional<RunState> owned = find(runId);
        return owned.isPresent() ? owned : store.load(runId);
    }

    /** A snapshot of a run this engine holds (it owns it); empty for runs unknown here. */
    public synchronized Optional<RunState> find(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunState::snapshot);
    }

    /** Snapshots of the runs this engine holds, newest first. */
    public synchronized List<RunState> list() {
        List<RunState> all = new ArrayList<>(runs.values().stream().map(RunState::snapshot).toList());
        all.sort(Comparator.comparing((RunState r) -> r.createdAt).reversed());
        return all;
    }

    private void attemptFailed(RunState run, StepState step, StepError error, Instant now) {
        step.error = error;
        boolean retryable = error == null || error.retryable();
        int failures = step.attempt - step.resumes;
        if (retryable && failures <= step.spec.retries()) {
            step.phase = StepPhase.RETRY_WAIT;
            long factor = 1L << Math.min(6, failures - 1);
            step.retryAt = now.plus(retryBackoff.multipliedBy(factor));
            LOG.infof("run %s: step %s attempt %d failed (%s); retry at %s", run.runId, step.spec.id(),
                    step.attempt, error == null ? "?" : error.message(), step.retryAt);
            stepChanged(run, step);
            return;
        }
        step.phase = StepPhase.FAILED;
        step.finishedAt = now;
        stepChanged(run, step);
        finish(run, RunStatus.FAILED, "step " + step.spec.id() + " failed after " + step.attempt + " attempt(s): "
                + (error == null ? "unknown error" : error.code() + ": " + error.message()));
    }

    /**
     * Dispatches every step whose inputs are ready (a trial paused at a rung that the synchronous schedule lets go
     * on among them), and ends the run when every step has succeeded.
     */
    private void advance(RunState run) {
        if (run.status.isFinal()) {
            return;
        }
        Instant now = clock.instant();
        judgeRungs(run, now);
        boolean allDone = true;
        for (StepState step : run.steps.values()) {
            allDone &= step.phase.done();
            if (step.phase == StepPhase.WAITING && ready(run, step)) {
                dispatch(run, step, now);
            }
        }
        if (allDone) {
            for (Map.Entry<String, String> output : run.outputSources.entrySet()) {
                OutputRef ref = OutputRef.parse(output.getValue());
                StepState source = run.steps.get(ref.stepId());
                ArtifactRef artifact = source == null ? null : source.outputs.get(ref.output());
                if (artifact != null) {
                    run.outputs.put(output.getKey(), artifact);
                }
            }
            finish(run, RunStatus.SUCCEEDED, null);
        }
    }

    /**
     * The synchronous schedule's verdicts: for each rung that trials wait at, once no other trial of their search
     * can still reach it, the best may go on and the others are stopped. One that may go on resumes from its
     * checkpoint in a new attempt once the attempt it was paused from has ended (or is past its deadline: a worker
     * that died says nothing); if that attempt trained on past a further rung before it stopped, it waits there.
     */
    private void judgeRungs(RunState run, Instant now) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepState step : run.steps.values()) {
                if (step.phase == StepPhase.PAUSED && step.resumeGranted && (step.attempt(step.attempt).endedAt
                        != null || step.deadline != null && now.isAfter(step.deadline))) {
                    step.resumeGranted = false;
                    java.util.OptionalLong further = SuccessiveHalving.rungPassed(step.spec.halving(),
                            new SuccessiveHalving.Trial(step.spec.id(), step.history), step.waitingAt);
                    if (further.isPresent()) {
                        step.waitingAt = further.getAsLong();
                        changed = true;
                        stepChanged(run, step);
                    } else {
                        step.resumes++;
                        LOG.infof("run %s: trial %s goes on after epoch %d", run.runId, step.spec.id(),
                                step.waitingAt);
                        dispatch(run, step, now);
                    }
                }
            }
            for (SuccessiveHalving.RungDecision decision : SuccessiveHalving.due(run.steps)) {
                for (Map.Entry<String, String> stop : decision.stop().entrySet()) {
                    StepState step = run.steps.get(stop.getKey());
                    step.phase = StepPhase.PRUNED;
                    step.pruned = stop.getValue();
                    step.finishedAt = now;
                    LOG.infof("run %s: trial %s %s", run.runId, stop.getKey(), stop.getValue());
                    stepChanged(run, step);
                }
                for (String id : decision.resume()) {
                    run.steps.get(id).resumeGranted = true;
                    changed = true;
                }
            }
        }
    }

    private boolean ready(RunState run, StepState step) {
        return run.spec.dependenciesOf(step.spec.id()).stream()
                .allMatch(dep -> run.steps.get(dep).phase.done());
    }

    private void dispatch(RunState run, StepState step, Instant now) {
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, String> input : step.spec.inputs().entrySet()) {
            OutputRef ref = OutputRef.parse(input.getValue());
            if (ref.stepId().equals(RunSpec.PARAMS)) {
                inputs.put(input.getKey(), run.spec.artifacts().get(ref.output()));
                continue;
            }
            StepState source = run.steps.get(ref.stepId());
            if (source.phase == StepPhase.PRUNED) {
                continue;
            }
            ArtifactRef artifact = source.outputs.get(ref.output());
            if (artifact == null) {
                step.phase = StepPhase.FAILED;
                step.error = new StepError("missing-output", "step " + ref.stepId() + " produced no output '"
                        + ref.output() + "' (it produced " + run.steps.get(ref.stepId()).outputs.keySet() + ")", false);
                step.finishedAt = now;
                stepChanged(run, step);
                finish(run, RunStatus.FAILED, "step " + step.spec.id() + ": " + step.error.message());
                return;
            }
            inputs.put(input.getKey(), artifact);
        }
        step.attempt++;
        step.attempt(step.attempt).dispatchedAt = now;
        step.phase = StepPhase.DISPATCHED;
        step.startedAt = step.startedAt == null ? now : step.startedAt;
        step.deadline = now.plus(step.spec.timeout());
        step.retryAt = null;
        StepCommand command = new StepCommand(Event.SCHEMA_VERSION, run.runId, step.spec.id(), null,
                step.spec.step(), step.attempt, step.spec.parameters(), inputs, step.spec.cache(), now);
        if (run.status == RunStatus.ACCEPTED) {
            run.status = RunStatus.RUNNING;
        }
        pending.publish(new EventSink.Outgoing(step.spec.step().commandTopic(), command));
        stepChanged(run, step);
    }

    private void finish(RunState run, RunStatus status, String reason) {
        Instant now = clock.instant();
        run.status = status;
        run.reason = reason;
        run.finishedAt = now;
        for (StepState step : run.steps.values()) {
            if (step.phase.inFlight()) {
                requestStop(run, step, "the run " + status.name().toLowerCase(Locale.ROOT) + (reason == null ? ""
                        : ": " + reason), now);
            }
            if (!step.phase.isFinal()) {
                step.phase = StepPhase.CANCELLED;
                step.finishedAt = now;
            }
        }
        LOG.infof("run %s %s%s", run.runId, status.name().toLowerCase(Locale.ROOT), reason == null ? ""
                : ": " + reason);
        changed(run, status, reason);
    }

    /** Asks the worker of the step's current attempt to stop; the request is written by {@link #flush()}. */
    private void requestStop(RunState run, StepState step, String reason, Instant now) {
        AttemptState attempt = step.attempt(step.attempt);
        attempt.stopRequestedAt = now;
        attempt.stopReason = reason;
        pending.stop(new StopRequest(run.runId, step.spec.id(), step.attempt, reason, now));
        LOG.infof("run %s: asking attempt %d of step %s to stop (%s)", run.runId, step.attempt, step.spec.id(),
                reason);
    }

    private void stepChanged(RunState run, StepState step) {
        save(run);
        String phase = step.phase.name().toLowerCase(Locale.ROOT);
        pending.publish(new EventSink.Outgoing(Topics.RUNS_EVENTS, new RunStatusEvent(Event.SCHEMA_VERSION, run.runId,
                step.spec.id(),
                run.runId + "/" + step.spec.id() + "/" + step.attempt + "/" + phase, run.status, run.pipeline,
                "step " + step.spec.id() + " " + phase, Map.of(), clock.instant())));
    }

    private void changed(RunState run, RunStatus status, String reason) {
        save(run);
        pending.publish(new EventSink.Outgoing(Topics.RUNS_EVENTS, new RunStatusEvent(Event.SCHEMA_VERSION, run.runId,
                Event.RUN_STEP_ID, null, status, run.pipeline, reason, Map.copyOf(run.outputs), clock.instant())));
    }

    /** Marks a run changed; it is saved once, by {@link #flush()}, at the end of the call that changed it. */
    private void save(RunState run) {
        run.updatedAt = clock.instant();
        pending.save(run);
    }

    /** Writes what this call changed ({@link PendingWrites}). */
    private void flush() {
        pending.flush();
    }
}
