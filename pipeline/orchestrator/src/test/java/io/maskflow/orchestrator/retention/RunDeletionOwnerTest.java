package io.maskflow.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.engine.ArtifactRunStore;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run deleted through an orchestrator that does not drive it is dropped by the one that does: the deleting
 * replica tells the owner on the cancel topic, and the owner, finding the run's state gone from the store, forgets
 * it. Before, the owner kept answering for the deleted run, and a new request with its id got the old run back.
 */
class RunDeletionOwnerTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final List<Object[]> published = new ArrayList<>();
    private final EventSink sink = (topic, event) -> published.add(new Object[] {topic, event});

    private final List<StepCommand> commands = new ArrayList<>();

    private RunEngine replica() {
        return new RunEngine(PipelineCatalog.load(Optional.empty()), new ArtifactRunStore(store),
                (topic, event) -> {
                    if (event instanceof StepCommand command) {
                        commands.add(command);
                    }
                }, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /** The worker of the run's first step says it stopped: a run is deleted only once its attempts have ended. */
    private void stopped(RunEngine owner) {
        owner.onStepEvent(StepStatusEvent.cancelled(commands.get(commands.size() - 1), "the run cancelled", "w"));
    }

    @Test
    void theOwnerOfARunDeletedElsewhereIsToldAndForgetsIt() throws Exception {
        RunEngine owner = replica();
        owner.recover(); // owns every run id
        owner.submit(new RunRequestedEvent(1, "run-a", null, null, "train-and-serve", Map.of(), "test", null));
        owner.cancel("run-a", "test");
        stopped(owner);
        assertThat(owner.forgetIfDeleted("run-a")).as("still stored: kept").isFalse();

        RunEngine other = replica();
        other.handOver(runId -> false); // owns none
        new RunDeleter(store, other, sink).apply(Map.of("run-a", "deleted by hand"));

        assertThat(store.keys()).noneMatch(key -> key.startsWith("runs/run-a/"));
        assertThat(published).hasSize(1);
        assertThat(published.get(0)[0]).isEqualTo(Topics.RUNS_CANCEL);
        assertThat(((RunCancelRequestedEvent) published.get(0)[1]).reason()).isEqualTo(RunDeleter.DELETED);

        assertThat(owner.find("run-a")).isPresent();
        assertThat(owner.forgetIfDeleted("run-a")).isTrue();
        assertThat(owner.find("run-a")).isEmpty();
        // the same id again is a new run, not the deleted one
        assertThat(owner.submit(new RunRequestedEvent(1, "run-a", null, null, "train-and-serve", Map.of(), "test",
                null)).status).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aRunDeletedByItsOwnerIsForgottenThereAndNobodyIsTold() throws Exception {
        RunEngine owner = replica();
        owner.recover();
        owner.submit(new RunRequestedEvent(1, "run-b", null, null, "train-and-serve", Map.of(), "test", null));
        owner.cancel("run-b", "test");
        stopped(owner);
        new RunDeleter(store, owner, sink).apply(Map.of("run-b", "deleted by hand"));
        assertThat(owner.find("run-b")).isEmpty();
        assertThat(published).isEmpty();
    }
}
