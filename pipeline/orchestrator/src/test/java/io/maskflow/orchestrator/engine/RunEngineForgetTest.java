package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine forgets a finished run (before it is deleted from the store) and keeps an unfinished one. */
class RunEngineForgetTest {

    private final RunEngineTest.MemoryRunStore store = new RunEngineTest.MemoryRunStore();
    private final RunEngine engine = new RunEngine(PipelineCatalog.load(Optional.empty()), store,
            new RunEngineTest.Sink(), new RunEngineTest.TestClock(), Duration.ofSeconds(1));

    private RunState submit(String runId) {
        return engine.submit(new RunRequestedEvent(1, runId, null, null, "train-and-serve", Map.of(), "test", null));
    }

    @Test
    void forgetsOnlyFinishedRuns() throws Exception {
        RunState running = submit("run-a");
        assertThat(engine.forget("run-a")).isFalse();
        assertThat(engine.find("run-a")).isPresent();

        engine.cancel("run-a", "test");
        assertThat(running.status).isEqualTo(RunStatus.CANCELLED);
        assertThat(engine.forget("run-a")).isTrue();
        assertThat(engine.find("run-a")).isEmpty();
        assertThat(engine.list()).isEmpty();
        assertThat(engine.count(RunStatus.CANCELLED)).isZero();
        assertThat(engine.forget("run-a")).isFalse();
        assertThat(engine.forget("never-was")).isFalse();

        // the same id again is a new run, not the forgotten one
        assertThat(submit("run-a").status).isEqualTo(RunStatus.RUNNING);
    }
}
