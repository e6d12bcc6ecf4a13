package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The same request twice is one run; a different request under the same run id is refused, where it was answered
 * with the old run (or the old run's rejection) and its own pipeline and parameters never looked at.
 */
class RunIdTakenTest {

    private final RunEngineTest.MemoryRunStore store = new RunEngineTest.MemoryRunStore();
    private final RunEngine engine = new RunEngine(PipelineCatalog.load(Optional.empty()), store,
            new RunEngineTest.Sink(), new RunEngineTest.TestClock(), Duration.ofSeconds(1));

    private static RunRequestedEvent request(String pipeline, Map<String, Object> parameters) {
        return new RunRequestedEvent(1, "run-a", null, null, pipeline, parameters, "test", null);
    }

    @Test
    void theSameRequestAgainIsTheSameRunWhateverTheOrderOfItsKeys() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("epochs", 2);
        first.put("persons", 300);
        RunState run = engine.submit(request("train-and-serve", first));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("persons", 300);
        reordered.put("epochs", 2);
        assertThat(engine.submit(request("train-and-serve", reordered))).isSameAs(run);
    }

    /** A retry that wrote 24 as 24.0 (or 0 as 0.0) was refused as "other parameters": every step reads one value. */
    @Test
    void theSameRequestAgainIsTheSameRunWhateverWayItsNumbersAreWritten() {
        RunState run = engine.submit(request("train-and-serve", Map.of("persons", 300, "holdoutFraction", 0,
                "learningRate", 0.003)));
        assertThat(engine.submit(request("train-and-serve", Map.of("persons", 300.0, "holdoutFraction", -0.0,
                "learningRate", 0.003)))).isSameAs(run);
        assertThat(engine.submit(request("train-and-serve", Map.of("persons", 300L, "holdoutFraction",
                new java.math.BigDecimal("0E+2"), "learningRate", 3e-3)))).isSameAs(run);
        assertThatThrownBy(() -> engine.submit(request("train-and-serve", Map.of("persons", 300.5,
                "holdoutFraction", 0, "learningRate", 0.003)))).isInstanceOf(RunIdTakenException.class);
    }

    @Test
    void anotherRequestUnderTheSameIdIsRefused() {
        engine.submit(request("train-and-serve", Map.of("epochs", 2)));
        assertThatThrownBy(() -> engine.submit(request("train-and-serve", Map.of("epochs", 3))))
                .isInstanceOf(RunIdTakenException.class)
                .hasMessageContaining("run id run-a is taken by another request (pipeline 'train-and-serve'");
        assertThatThrownBy(() -> engine.submit(request("mask-faces", Map.of("epochs", 2))))
                .isInstanceOf(RunIdTakenException.class);
    }

    @Test
    void aRejectedRunKeepsItsIdFromADifferentRequestWithAReasonThatSaysSo() {
        RunState rejected = engine.submit(request("train-and-serve", Map.of("epochs", -5)));
        assertThat(rejected.status).isEqualTo(RunStatus.REJECTED);
        assertThatThrownBy(() -> engine.submit(request("train-and-serve", Map.of("epochs", 2))))
                .isInstanceOf(RunIdTakenException.class).hasMessageContaining("rejected");
    }

    @Test
    void aRunSavedBeforeRequestsWereFingerprintedIsAnsweredAsBefore() {
        RunState run = engine.submit(request("train-and-serve", Map.of("epochs", 2)));
        run.requestDigest = null;
        assertThat(engine.submit(request("train-and-serve", Map.of("epochs", 3)))).isSameAs(run);
    }
}
