package io.maskflow.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.orchestrator.ManualClock;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.engine.ArtifactRunStore;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run cancelled while one of its attempts works is final at once, but the attempt goes on until it sees the stop,
 * and then writes its log, outputs and cache manifest. Deleted in between, the run left those behind: objects no run
 * names, which retention never removes. Such a run is kept until the attempt has said it ended, or until the
 * attempt's deadline (its step's timeout) has passed: a worker that died never says so.
 */
class RunDeletionStoppingTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<StepCommand> commands = new ArrayList<>();
    private final RunEngine engine = new RunEngine(PipelineCatalog.load(Optional.empty()), new ArtifactRunStore(store),
            (topic, event) -> {
                if (event instanceof StepCommand command) {
                    commands.add(command);
                }
            }, clock, Duration.ofSeconds(1));
    private final RunDeleter deleter = new RunDeleter(store, engine, (topic, event) -> { }, clock);

    /** Starts a run, has its first step's attempt start, and cancels the run; returns that attempt's command. */
    private StepCommand cancelledWhileWorking(String runId) {
        engine.submit(new RunRequestedEvent(1, runId, null, null, "train-and-serve", Map.of(), "test", null));
        StepCommand command = commands.get(commands.size() - 1);
        engine.onStepEvent(StepStatusEvent.started(command, "w"));
        assertThat(engine.cancel(runId, "test").orElseThrow().status).isEqualTo(RunStatus.CANCELLED);
        return command;
    }

    private boolean stored(String runId) {
        return store.keys().stream().anyMatch(key -> key.startsWith("runs/" + runId + "/"));
    }

    @Test
    void aRunIsKeptWhileTheAttemptItAskedToStopHasNotEnded() throws Exception {
        engine.recover();
        StepCommand generate = cancelledWhileWorking("run-a");

        RunDeleter.Plan plan = deleter.plan(Map.of("run-a", "deleted by hand"), deleter.allRuns());
        assertThat(plan.runs()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.known()).as("a 409, not a 404").isTrue();
            assertThat(skipped.reason()).startsWith("run run-a is stopping: attempt 1 of step generate has not "
                    + "ended yet; delete it once it has");
        });
        assertThat(deleter.apply(Map.of("run-a", "deleted by hand")).runs()).isEmpty();
        assertThat(stored("run-a")).isTrue();
        assertThat(engine.find("run-a")).isPresent();

        // the attempt sees the stop and says so: now the run goes
        engine.onStepEvent(StepStatusEvent.cancelled(generate, "the run cancelled: test", "w"));
        assertThat(deleter.apply(Map.of("run-a", "deleted by hand")).runs()).extracting(RunDeleter.RunPlan::runId)
                .containsExactly("run-a");
        assertThat(stored("run-a")).isFalse();
    }

    @Test
    void anAttemptThatNeverSaysItEndedHoldsTheRunOnlyUntilItsDeadline() throws Exception {
        engine.recover();
        cancelledWhileWorking("run-b");
        Instant deadline = engine.find("run-b").orElseThrow().steps.get("generate").deadline;

        clock.now = deadline.minusSeconds(1);
        assertThat(deleter.apply(Map.of("run-b", "deleted by hand")).skipped()).singleElement()
                .satisfies(skipped -> assertThat(skipped.reason()).contains("is stopping"));
        // its worker died: past the deadline the engine gives up on the attempt, and so does deletion
        clock.now = deadline.plusSeconds(1);
        assertThat(deleter.apply(Map.of("run-b", "deleted by hand")).runs()).hasSize(1);
        assertThat(stored("run-b")).isFalse();
    }

    @Test
    void retentionDeletesTheOtherRunsAndKeepsAStoppingOne() throws Exception {
        engine.recover();
        StepCommand first = cancelledWhileWorking("run-c");
        engine.onStepEvent(StepStatusEvent.cancelled(first, "the run cancelled: test", "w"));
        cancelledWhileWorking("run-d");

        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("run-c", "older than 30 days");
        chosen.put("run-d", "older than 30 days");
        RunDeleter.Plan done = deleter.apply(chosen);
        assertThat(done.runs()).extracting(RunDeleter.RunPlan::runId).containsExactly("run-c");
        assertThat(done.skipped()).extracting(RunDeleter.Skipped::runId).containsExactly("run-d");
        assertThat(stored("run-c")).isFalse();
        assertThat(stored("run-d")).isTrue();
    }
}
