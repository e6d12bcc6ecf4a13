package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Step events the engine must survive: absurd epoch numbers, attempts it never sent. None may hang it. */
class RunEngineBadEventsTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final RunEngineTest.TestClock clock = new RunEngineTest.TestClock();
    private final RunEngineTest.Sink sink = new RunEngineTest.Sink();
    private final RunEngine engine = new RunEngine(PipelineCatalog.load(Optional.empty()),
            new RunEngineTest.MemoryRunStore(), sink, clock, Duration.ofSeconds(1));

    private RunState submit(String pipeline, Map<String, Object> params, String runId) {
        return engine.submit(new RunRequestedEvent(1, runId, null, null, pipeline, params, "test", null));
    }

    private StepCommand last(String stepId) {
        List<StepCommand> commands = sink.commands().stream().filter(c -> c.stepId().equals(stepId)).toList();
        return commands.get(commands.size() - 1);
    }

    private void succeed(String stepId, String... outputs) {
        StepCommand c = last(stepId);
        Map<String, io.maskflow.contracts.ArtifactRef> out = new java.util.HashMap<>();
        for (String name : outputs) {
            out.put(name, new io.maskflow.contracts.ArtifactRef("b", "k", 1, "a".repeat(64)));
        }
        engine.onStepEvent(StepStatusEvent.started(c, "w"));
        engine.onStepEvent(StepStatusEvent.succeeded(c, out, Map.of(), false, "w"));
    }

    private void epoch(StepCommand c, long done, long total, double figure) {
        engine.onStepEvent(StepStatusEvent.progress(c, new Progress("epoch", done, total, null,
                Map.of("valMacroF1", figure)), "w"));
    }

    private RunState search(String schedule, int eta, String runId) {
        RunState run = submit("search", Map.of("trials", 3, "epochs", 4, "halvingSchedule", schedule,
                "halvingMinEpochs", eta == 2 ? 1 : 2, "halvingEta", eta), runId);
        succeed("generate", "dataset");
        succeed("preprocess", "shards");
        return run;
    }

    @Test
    void anEpochNearLongMaxValueDoesNotHangAsynchronousHalving() {
        RunState run = search("async", 2, "run-huge");
        StepCommand trial = last("trial-0");
        engine.onStepEvent(StepStatusEvent.started(trial, "w"));
        assertTimeoutPreemptively(LIMIT, () -> epoch(trial, Long.MAX_VALUE, 4, 0.5));
        assertTimeoutPreemptively(LIMIT, () -> epoch(trial, Long.MAX_VALUE / 2 + 1, 0, 0.5));
        assertThat(run.steps.get("trial-0").phase).isEqualTo(StepPhase.RUNNING);
        assertThat(run.status).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void anEpochNearLongMaxValueDoesNotHangTheSynchronousSchedule() {
        RunState run = search("sync", 2, "run-huge-sync");
        StepCommand trial = last("trial-0");
        engine.onStepEvent(StepStatusEvent.started(trial, "w"));
        assertTimeoutPreemptively(LIMIT, () -> epoch(trial, Long.MAX_VALUE, 0, 0.5));
        assertThat(run.steps.get("trial-0").phase).isEqualTo(StepPhase.RUNNING);
    }

    @Test
    void aPausedTrialThatReportsAHugeEpochDoesNotHangItsResumption() {
        RunState run = search("sync", 3, "run-far");
        StepCommand first = last("trial-0");
        engine.onStepEvent(StepStatusEvent.started(first, "w"));
        epoch(first, 1, 4, 0.5);
        epoch(first, 2, 4, 0.9);
        assertThat(run.steps.get("trial-0").phase).isEqualTo(StepPhase.PAUSED);
        // the paused attempt claims an epoch 10^12 (of an unknown total) before it stops
        epoch(first, 1_000_000_000_000L, 0, 0.9);
        engine.onStepEvent(StepStatusEvent.cancelled(first, "stopped", "w"));
        for (String other : List.of("trial-1", "trial-2")) {
            StepCommand c = last(other);
            engine.onStepEvent(StepStatusEvent.started(c, "w"));
            epoch(c, 1, 4, 0.3);
            assertTimeoutPreemptively(LIMIT, () -> epoch(c, 2, 4, 0.4));
        }
        assertThat(run.steps.get("trial-0").phase).isNotEqualTo(StepPhase.PRUNED);
        assertThat(run.steps.get("trial-1").phase).isEqualTo(StepPhase.PRUNED);
    }

    private StepStatusEvent forged(RunState run, String stepId, StepStatus status, int attempt) {
        return new StepStatusEvent(1, run.runId, stepId, "forged/" + stepId + "/" + attempt,
                run.steps.get(stepId).spec.step(), status, attempt, null, Map.of(), Map.of(), false, null, "w", null);
    }

    @Test
    void eventsOfAttemptsThatWereNeverSentAreIgnored() {
        RunState run = submit("train-and-serve", Map.of(), "run-forged");
        StepState train = run.steps.get("train");
        engine.onStepEvent(forged(run, "train", StepStatus.STARTED, 0));
        engine.onStepEvent(forged(run, "train", StepStatus.STARTED, -3));
        assertThat(train.phase).as("never dispatched: attempt 0 is no attempt").isEqualTo(StepPhase.WAITING);
        assertThat(train.attempts).isEmpty();
        assertThat(train.deadline).isNull();

        StepState generate = run.steps.get("generate");
        StepPhase before = generate.phase;
        engine.onStepEvent(forged(run, "generate", StepStatus.STARTED, 2));
        engine.onStepEvent(forged(run, "generate", StepStatus.SUCCEEDED, Integer.MAX_VALUE));
        engine.onStepEvent(forged(run, "generate", StepStatus.STARTED, 0));
        assertThat(generate.phase).isEqualTo(before);
        assertThat(generate.attempts).extracting(a -> a.attempt).containsExactly(1);
        // the attempt that was sent still moves the run, and times out when its worker goes quiet
        engine.onStepEvent(StepStatusEvent.started(last("generate"), "w"));
        assertThat(generate.phase).isEqualTo(StepPhase.RUNNING);
        clock.now = clock.now.plus(Duration.ofHours(12));
        engine.tick();
        assertThat(generate.error).isNotNull();
        assertThat(generate.error.code()).isEqualTo("timeout");
    }
}
