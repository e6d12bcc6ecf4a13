package io.maskflow.orchestrator.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.orchestrator.engine.ArtifactRunStore;
import io.maskflow.orchestrator.engine.AttemptState;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.engine.StepState;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Deletes runs and what only they refer to ({@link RunReferences}). A plan is worked out from every run kept in
 * the store (its saved state, or the engine's copy when it has one): a prefix goes only when no run that stays
 * refers to it, and never when the promoted model ({@code models/promoted.json}: its model, report and, for an
 * ensemble, every member) lives under it; a run that would take the promoted model with it is refused, as is a
 * run that has not finished, or one whose attempts have not all ended (a cancelled run whose attempt is still
 * stopping: {@link #stillWorking}). Deleting drops the run from the engine first, then removes its prefixes (each
 * execution's {@code manifest.json} first, so the cache stops offering it), its idempotency records, and its
 * {@code runs/<runId>/} records with {@code state.json} last. Every step is idempotent: a deletion cut short is
 * finished by doing it again, and two orchestrators applying the same plan delete the same keys.
 */
public final class RunDeleter {

    private static final Logger LOG = Logger.getLogger(RunDeleter.class);
    private static final String STATE = "/state.json";

    /** A prefix a run refers to that stays, and why. */
    public record Kept(String prefix, String reason) {
    }

    /** What deleting one run removes (or removed). */
    public record RunPlan(String runId, String pipeline, String status, Instant createdAt, Instant finishedAt,
            String why, List<String> prefixes, List<Kept> kept, long objects, long bytes) {
    }

    /** A run that was asked for but is not deleted, and why ({@code known} false: there is no such run). */
    public record Skipped(String runId, String reason, boolean known) {
    }

    /** The plan, or what was done. */
    public record Plan(boolean dryRun, List<RunPlan> runs, List<Skipped> skipped, long objects, long bytes) {
    }

    /** The reason of the cancel request that tells a run's owner the run was deleted. */
    public static final String DELETED = "the run was deleted";
    /** Who that cancel request says asked. */
    public static final String REQUESTED_BY = "run deletion";

    private final ArtifactStore store;
    private final RunEngine engine;
    private final EventSink events;
    private final ArtifactRunStore states;
    private final Clock clock;

    /** @param events where the owner of a run deleted here, when it is another orchestrator, is told so */
    public RunDeleter(ArtifactStore store, RunEngine engine, EventSink events) {
        this(store, engine, events, Clock.systemUTC());
    }

    /** @param clock what tells whether an attempt is past its deadline */
    public RunDeleter(ArtifactStore store, RunEngine engine, EventSink events, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.events = events;
        this.states = new ArtifactRunStore(store);
        this.clock = clock;
    }

    /**
     * Every run kept: the states saved in the store (those of other orchestrators included), replaced by the
     * engine's copy where it has one (it may be newer than the last save).
     */
    public Map<String, RunState> allRuns() throws IOException {
        Map<String, RunState> all = new LinkedHashMap<>();
        for (ArtifactStore.StoredObject object : store.listObjects(store.bucket(), "runs/")) {
            String key = object.key();
            if (key.endsWith(STATE) && key.indexOf('/', "runs/".length()) == key.length() - STATE.length()) {
                String runId = key.substring("runs/".length(), key.length() - STATE.length());
                try {
                    states.load(runId).ifPresent(run -> all.put(run.runId, run));
                } catch (IOException | RuntimeException e) {
                    throw new IOException("cannot read the saved state of run " + runId + ": " + e.getMessage(), e);
                }
            }
        }
        for (RunState run : engine.list()) {
            all.put(run.runId, run);
        }
        return all;
    }

    /**
     * Plans the deletion of {@code candidates} (run id to why it is asked for, in order) among {@code all}; the
     * runs that cannot go are in {@link Plan#skipped()}.
     */
    public Plan plan(Map<String, String> candidates, Map<String, RunState> all) throws IOException {
        Instant now = clock.instant();
        Set<String> promoted = promotedPrefixes();
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        all.forEach((id, run) -> prefixes.put(id, RunReferences.sharedPrefixes(run, store.bucket())));

        List<Skipped> skipped = new ArrayList<>();
        Set<String> going = new LinkedHashSet<>();
        for (String runId : candidates.keySet()) {
            RunState run = all.get(runId);
            if (run == null) {
                skipped.add(new Skipped(runId, "no run '" + runId + "'", false));
            } else if (run.status == null || !run.status.isFinal()) {
                skipped.add(new Skipped(runId, "run " + runId + " is " + run.status + ": cancel it first (maskflow "
                        + "cancel " + runId + "), then delete it", true));
            } else {
                Optional<String> stopping = stillWorking(run, now);
                if (stopping.isPresent()) {
                    skipped.add(new Skipped(runId, stopping.get(), true));
                } else {
                    going.add(runId);
                }
            }
        }
        // a run that would take the promoted model with it stays; keeping it may keep prefixes of others: repeat
        Map<String, String> users;
        boolean changed;
        do {
            changed = false;
            users = usersOfKeptRuns(prefixes, going);
            for (String runId : List.copyOf(going)) {
                for (String prefix : prefixes.get(runId)) {
                    if (promoted.contains(prefix) && !users.containsKey(prefix)) {
                        going.remove(runId);
                        skipped.add(new Skipped(runId, "run " + runId + " made the promoted model (" + prefix
                                + ", named by " + ArtifactKeys.promotedModel() + "); promote another model first",
                                true));
                        changed = true;
                        break;
                    }
                }
            }
        } while (changed);

        List<RunPlan> runs = new ArrayList<>();
        Set<String> claimed = new TreeSet<>();
        long objects = 0;
        long bytes = 0;
        for (String runId : going) {
            RunState run = all.get(runId);
            List<String> own = new ArrayList<>();
            List<Kept> kept = new ArrayList<>();
            for (String prefix : prefixes.get(runId)) {
                if (users.containsKey(prefix)) {
                    kept.add(new Kept(prefix, "used by run " + users.get(prefix)));
                } else if (claimed.add(prefix)) {
                    own.add(prefix);
                }
            }
            own.add(ArtifactKeys.runPrefix(runId));
            long[] size = new long[2];
            for (String prefix : own) {
                for (ArtifactStore.StoredObject object : store.listObjects(store.bucket(), prefix)) {
                    size[0]++;
                    size[1] += object.size();
                }
            }
            for (String key : RunReferences.idempotencyRecords(run)) {
                Optional<ArtifactRef> record = store.stat(key);
                if (record.isPresent()) {
                    size[0]++;
                    size[1] += record.get().size();
                }
            }
            runs.add(new RunPlan(runId, run.pipeline, String.valueOf(run.status), run.createdAt, run.finishedAt,
                    candidates.get(runId), own, kept, size[0], size[1]));
            objects += size[0];
            bytes += size[1];
        }
        return new Plan(true, runs, skipped, objects, bytes);
    }

    /** Deletes what a fresh plan for the same candidates says; returns that plan as done. */
    public synchronized Plan apply(Map<String, String> candidates) throws IOException {
        Map<String, RunState> all = allRuns();
        Plan plan = plan(candidates, all);
        for (RunPlan run : plan.runs()) {
            engine.forget(run.runId());
            String records = ArtifactKeys.runPrefix(run.runId());
            for (String prefix : run.prefixes()) {
                if (!prefix.equals(records)) {
                    deletePrefix(prefix, prefix + "manifest.json");
                }
            }
            store.delete(RunReferences.idempotencyRecords(all.get(run.runId())));
            deletePrefix(records, records + "state.json");
            if (!engine.owns(run.runId())) {
                tellOwner(run.runId());
            }
            LOG.infof("deleted run %s (%s): %d object(s), %d bytes%s", run.runId(), run.why(), run.objects(),
                    run.bytes(), run.kept().isEmpty() ? "" : "; kept " + run.kept());
        }
        return new Plan(false, plan.runs(), plan.skipped(), plan.objects(), plan.bytes());
    }

    /**
     * Tells the orchestrator that drives a run deleted here that it is gone, through the cancel topic (keyed by run
     * id, so it reaches the owner), or the owner would go on answering for it from memory.
     */
    private void tellOwner(String runId) {
        try {
            events.publish(Topics.RUNS_CANCEL, RunCancelRequestedEvent.of(runId, DELETED, REQUESTED_BY));
        } catch (RuntimeException e) {
            // the run is deleted; its owner drops it at its next hand-over
            LOG.warnf("deleted run %s, but could not tell its owner: %s", runId, e.getMessage());
        }
    }

    /**
     * Deletes every object under a prefix; {@code special} (a step's manifest, a run's state) alone: a manifest
     * first, so that the cache stops offering the execution, a run's state last, so that a deletion cut short
     * is found again and finished.
     */
    private void deletePrefix(String prefix, String special) throws IOException {
        List<String> keys = new ArrayList<>(store.listObjects(store.bucket(), prefix).stream()
                .map(ArtifactStore.StoredObject::key).toList());
        boolean hasSpecial = keys.remove(special);
        boolean last = special.endsWith(STATE);
        if (hasSpecial && !last) {
            store.delete(List.of(special));
        }
        if (!keys.isEmpty()) {
            store.delete(keys);
        }
        if (hasSpecial && last) {
            store.delete(List.of(special));
        }
    }

    /**
     * Why a finished run cannot go yet: an attempt it sent (one asked to stop when the run was cancelled, say) has
     * not said it ended, and it would write its log, outputs and cache manifest after the deletion, where no run
     * names them. An attempt past its deadline (sent + its step's timeout, when the engine gives up on it) no longer
     * holds the run: a worker that died never says it ended.
     */
    static Optional<String> stillWorking(RunState run, Instant now) {
        for (Map.Entry<String, StepState> step : run.steps.entrySet()) {
            for (AttemptState attempt : step.getValue().attempts) {
                Instant deadline = deadline(step.getValue(), attempt);
                if (attempt.endedAt == null && deadline != null && !now.isAfter(deadline)) {
                    return Optional.of("run " + run.runId + " is stopping: attempt " + attempt.attempt + " of step "
                            + step.getKey() + " has not ended yet; delete it once it has (at the latest after "
                            + deadline + ", the attempt's deadline, if its worker never says it ended)");
                }
            }
        }
        return Optional.empty();
    }

    /** When the engine gives up on an attempt: when it was sent plus its step's timeout; null when not known. */
    private static Instant deadline(StepState step, AttemptState attempt) {
        if (attempt.dispatchedAt != null && step.spec != null && step.spec.timeout() != null) {
            return attempt.dispatchedAt.plus(step.spec.timeout());
        }
        return attempt.attempt == step.attempt ? step.deadline : null;
    }

    /** For each prefix a run that stays refers to, the first such run (with how many more). */
    private static Map<String, String> usersOfKeptRuns(Map<String, Set<String>> prefixes, Set<String> going) {
        Map<String, List<String>> users = new TreeMap<>();
        prefixes.forEach((runId, used) -> {
            if (!going.contains(runId)) {
                used.forEach(prefix -> users.computeIfAbsent(prefix, p -> new ArrayList<>()).add(runId));
            }
        });
        Map<String, String> named = new TreeMap<>();
        users.forEach((prefix, runs) -> named.put(prefix, runs.get(0) + (runs.size() > 1 ? " and "
                + (runs.size() - 1) + " more" : "")));
        return named;
    }

    /** The prefixes of the promoted model, its report and, for an ensemble, its members. */
    Set<String> promotedPrefixes() throws IOException {
        Set<String> prefixes = new TreeSet<>();
        Optional<ArtifactRef> record = store.stat(ArtifactKeys.promotedModel());
        if (record.isEmpty()) {
            return prefixes;
        }
        PromotedModel promoted = PromotedModel.read(store.read(record.get()));
        for (ArtifactRef ref : Arrays.asList(promoted.model(), promoted.report())) {
            if (ref != null) {
                RunReferences.prefixOf(ref.key()).ifPresent(prefixes::add);
            }
        }
        if (promoted.model().key().endsWith(".json")) {
            // an ensemble (vision's Ensemble, which the orchestrator does not depend on): only its members' keys
            for (JsonNode member : EventCodec.instance().mapper().readTree(store.read(promoted.model()))
                    .path("members")) {
                RunReferences.prefixOf(member.path("key").asText("")).ifPresent(prefixes::add);
            }
        }
        return prefixes;
    }
}
