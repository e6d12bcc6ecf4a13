package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.engine.RunEngineTest.MemoryRunStore;
import io.maskflow.orchestrator.engine.RunEngineTest.Sink;
import io.maskflow.orchestrator.engine.RunEngineTest.TestClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Two engines sharing one store hand runs to each other as the partitions of their run ids move. */
class RunHandOverTest {

    private static final ArtifactRef REF = new ArtifactRef("b", "k", 1, "a".repeat(64));
    private static final Map<String, List<String>> OUTPUTS = Map.of("generate", List.of("dataset", "evalInfo"),
            "preprocess", List.of("shards"), "train", List.of("model"), "evaluate", List.of("report"));

    private final PipelineCatalog catalog = PipelineCatalog.load(Optional.empty());
    private final TestClock clock = new TestClock();
    private final MemoryRunStore store = new MemoryRunStore();
    private final Sink sinkA = new Sink();
    private final Sink sinkB = new Sink();
    private final RunEngine a = new RunEngine(catalog, store, sinkA, clock, Duration.ofSeconds(1));
    private final RunEngine b = new RunEngine(catalog, store, sinkB, clock, Duration.ofSeconds(1));

    private static RunRequestedEvent request(String runId) {
        return new RunRequestedEvent(1, runId, null, null, "train-and-serve", Map.of(), "test", null);
    }

    private static StepCommand last(Sink sink, String stepId) {
        List<StepCommand> commands = sink.commands().stream().filter(c -> c.stepId().equals(stepId)).toList();
        return commands.get(commands.size() - 1);
    }

    /** What the step service answers; both engines read the same events, as the partition's owner changes. */
    private static void succeed(StepCommand c, RunEngine... engines) {
        Map<String, ArtifactRef> out = new HashMap<>();
        OUTPUTS.get(c.stepId()).forEach(name -> out.put(name, REF));
        for (RunEngine engine : engines) {
            engine.onStepEvent(StepStatusEvent.started(c, "w"));
            engine.onStepEvent(StepStatusEvent.succeeded(c, out, Map.of(), false, "w"));
        }
    }

    @Test
    void aRunHandedToAnotherEngineMidWayFinishesThereOnce() throws Exception {
        a.handOver(runId -> true);
        b.handOver(runId -> false);
        a.submit(request("run-1"));
        succeed(last(sinkA, "generate"), a, b);
        StepCommand preprocess = last(sinkA, "preprocess");

        // a loses the partition, b gains it; the preprocess result arrives after the change
        a.handOver(runId -> false);
        assertThat(b.handOver(runId -> true)).isEqualTo(1);
        assertThat(sinkB.commands()).as("nothing dispatched again on taking over").isEmpty();
        succeed(preprocess, a, b);
        succeed(last(sinkB, "train"), a, b);
        succeed(last(sinkB, "evaluate"), a, b);

        assertThat(a.find("run-1")).isEmpty();
        assertThat(b.find("run-1").orElseThrow().status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Stream.concat(sinkA.runEvents().stream(), sinkB.runEvents().stream())
                .filter(e -> e.status() == RunStatus.SUCCEEDED)).hasSize(1);
        assertThat(Stream.concat(sinkA.commands().stream(), sinkB.commands().stream()).map(StepCommand::stepId))
                .containsExactly("generate", "preprocess", "train", "evaluate");
        assertThat(sinkA.commands()).extracting(StepCommand::stepId).containsExactly("generate", "preprocess");
    }

    @Test
    void whatAnOldOwnerCouldNotWriteIsNotWrittenOverItsNewOwner() throws Exception {
        a.submit(request("run-3"));
        StepCommand generate = last(sinkA, "generate");
        store.away = true;
        assertThatThrownBy(() -> a.onStepEvent(StepStatusEvent.started(generate, "w")))
                .hasMessageContaining("cannot save run run-3");

        // the partition moves on before a could save: a does not save it later, over what its new owner writes
        a.handOver(runId -> false);
        store.away = false;
        a.tick();
        assertThat(store.load("run-3").orElseThrow().steps.get("generate").phase).isEqualTo(StepPhase.DISPATCHED);

        // b takes over while the broker does not take what it has to send: the runs are b's all the same (not a
        // failed hand-over), and what it could not send goes at a later tick
        b.handOver(runId -> runId.endsWith("-b"));
        sinkB.away = true;
        assertThatThrownBy(() -> b.submit(request("run-b"))).hasMessageContaining("the broker is away");
        assertThat(b.handOver(runId -> true)).isEqualTo(1);
        assertThat(b.find("run-3")).isPresent();
        sinkB.away = false;
        b.tick();
        assertThat(sinkB.commands()).extracting(StepCommand::runId).containsExactly("run-b");
    }

    @Test
    void anEngineRefusesRunsItDoesNotOwnAndSavesNothing() throws Exception {
        a.handOver(runId -> runId.endsWith("-a"));
        assertThatThrownBy(() -> a.submit(request("run-b"))).isInstanceOf(NotOwnerException.class)
                .hasMessageContaining("run-b");
        assertThat(a.owns("run-b")).isFalse();
        assertThat(store.saved).isEmpty();
        assertThat(sinkA.published).isEmpty();
        assertThat(a.cancel("run-b", "no")).isEmpty();
    }

    @Test
    void onlyTheOwnerTimesOutAttempts() throws Exception {
        a.submit(request("run-2"));
        a.handOver(runId -> false);
        b.handOver(runId -> true);
        int before = sinkA.published.size();
        clock.now = clock.now.plus(Duration.ofDays(2));
        a.tick();
        b.tick();
        assertThat(sinkA.published).hasSize(before);
        assertThat(sinkB.runEvents()).isEmpty();
        assertThat(b.find("run-2").orElseThrow().steps.get("generate").error.code()).isEqualTo("timeout");
    }

    @Test
    void handOverLoadsOnlyTheOwnedRunsAndDropsTheOthers() throws Exception {
        a.submit(request("run-x"));
        a.submit(request("run-y"));
        assertThat(a.list()).hasSize(2);

        assertThat(b.handOver("run-y"::equals)).isEqualTo(1);
        assertThat(b.list()).extracting(r -> r.runId).containsExactly("run-y");
        a.handOver("run-x"::equals);
        assertThat(a.list()).extracting(r -> r.runId).containsExactly("run-x");
        assertThat(a.count(RunStatus.RUNNING)).isEqualTo(1);
    }

    @Test
    void snapshotsDoNotMoveWithTheEngine() {
        a.submit(request("run-3"));
        RunState snapshot = a.find("run-3").orElseThrow();
        succeed(last(sinkA, "generate"), a);
        assertThat(snapshot.steps.get("generate").phase).isEqualTo(StepPhase.DISPATCHED);
        assertThat(a.find("run-3").orElseThrow().steps.get("generate").phase).isEqualTo(StepPhase.SUCCEEDED);

        snapshot.status = RunStatus.FAILED;
        snapshot.steps.clear();
        assertThat(a.list().get(0).status).isEqualTo(RunStatus.RUNNING);
        assertThat(a.list().get(0).steps).hasSize(4);
    }
}
