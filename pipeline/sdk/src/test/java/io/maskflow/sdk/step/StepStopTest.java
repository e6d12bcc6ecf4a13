package io.maskflow.sdk.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A step attempt the orchestrator asks to stop stops, says when, and leaves nothing for the cache to reuse. */
class StepStopTest {

    private static final Duration POLL = Duration.ofMillis(50);

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEventSink sink = new RecordingEventSink();

    /** Writes "images" one at a time for ever, asking for its own stop after {@code stopAfter} of them. */
    private static final class EndlessWriter implements StepHandler {
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger writtenAfterStop = new AtomicInteger();
        private final InMemoryArtifactStore raw;
        private final int stopAfter;
        private volatile boolean asked;

        EndlessWriter(InMemoryArtifactStore raw, int stopAfter) {
            this.raw = raw;
            this.stopAfter = stopAfter;
        }

        @Override
        public StepType type() {
            return StepType.PREPROCESS;
        }

        @Override
        public String codeVersion() {
            return "1";
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            for (int i = 0; ; i++) {
                context.writeOutput("images/" + i + ".jpg", new byte[] {1, 2, 3}, "image/jpeg");
                written.incrementAndGet();
                if (asked) {
                    writtenAfterStop.incrementAndGet();
                }
                if (i + 1 == stopAfter) {
                    StepCommand c = context.command();
                    StopRequest stop = new StopRequest(c.runId(), c.stepId(), c.attempt(), "the run was cancelled",
                            Instant.now());
                    raw.put(stop.key(), EventCodec.instance().mapper().writeValueAsBytes(stop), "application/json");
                    asked = true;
                }
                Thread.sleep(2);
            }
        }
    }

    /** What a step does when it runs. */
    private interface StepBody {
        StepResult run(StepContext context) throws Exception;
    }

    /** A step of the given type, code version 1, that runs {@code body}. */
    private static StepHandler handler(StepType type, StepBody body) {
        return new StepHandler() {
            @Override
            public StepType type() {
                return type;
            }

            @Override
            public String codeVersion() {
                return "1";
            }

            @Override
            public StepResult run(StepContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    /** Writes the stop request of the context's own attempt, as the orchestrator would. */
    private void askToStop(StepContext context, String reason) throws Exception {
        StepCommand c = context.command();
        StopRequest stop = new StopRequest(c.runId(), c.stepId(), c.attempt(), reason, null);
        store.put(stop.key(), EventCodec.instance().mapper().writeValueAsBytes(stop), "application/json");
    }

    private StepRuntime runtime(StepHandler handler) {
        return new StepRuntime(handler, store, sink, new SimpleMeterRegistry(), "w", POLL);
    }

    private List<StepStatusEvent> events() {
        return sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class);
    }

    private static StepCommand command(String runId, int attempt) {
        return StepCommand.of(runId, "prep", StepType.PREPROCESS, attempt, Map.of(), Map.of());
    }

    @Test
    @Timeout(10)
    void aRunningAttemptStopsAtItsNextWriteOnceAStopIsRequested() throws Exception {
        EndlessWriter handler = new EndlessWriter(store, 5);
        runtime(handler).handle(command("run-1", 1));

        assertThat(events()).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.STARTED, StepStatus.CANCELLED);
        StepStatusEvent stopped = events().get(1);
        assertThat(stopped.error().code()).isEqualTo(StepStatusEvent.STOPPED);
        assertThat(stopped.error().message()).isEqualTo("the run was cancelled");
        // the poll runs every 50 ms and an image takes about 2 ms: a few dozen writes at most after the request
        assertThat(handler.writtenAfterStop.get()).isLessThan(60);
        String manifest = ArtifactKeys.manifest(ArtifactKeys.stepOutputPrefix(StepType.PREPROCESS,
                ArtifactKeys.cacheKey(StepType.PREPROCESS, "1", Map.of(), Map.of())));
        assertThat(store.exists(manifest)).as("a stopped attempt leaves no manifest to reuse").isFalse();
    }

    @Test
    @Timeout(10)
    void progressOfWorkDoneBeforeTheStopIsStillPublished() throws Exception {
        // a step that finishes a unit of work (e.g. an epoch, already checkpointed) after the stop was requested:
        // its progress is told before the step stops, so a later attempt that resumes after it leaves no gap
        StepHandler epochs = handler(StepType.TRAIN, context -> {
            askToStop(context, "waiting at epoch 1");
            while (!context.stopRequested()) {
                Thread.sleep(5);
            }
            context.progress(Progress.of("epoch", 2, 6));
            throw new AssertionError("progress after a stop request should stop the step once it is published");
        });
        runtime(epochs).handle(StepCommand.of("run-6", "trial-0", StepType.TRAIN, 1, Map.of(), Map.of()));

        assertThat(events()).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.STARTED, StepStatus.PROGRESS, StepStatus.CANCELLED);
        assertThat(events().get(1).progress().done()).isEqualTo(2);
    }

    @Test
    void anAttemptAskedToStopBeforeItBeganIsNotBegun() throws Exception {
        StopRequest stop = new StopRequest("run-2", "prep", 1, "the run was cancelled", null);
        store.put(stop.key(), EventCodec.instance().mapper().writeValueAsBytes(stop), "application/json");
        EndlessWriter handler = new EndlessWriter(store, 1000);

        runtime(handler).handle(command("run-2", 1));

        assertThat(handler.written.get()).isZero();
        assertThat(events()).extracting(StepStatusEvent::status).containsExactly(StepStatus.CANCELLED);
    }

    @Test
    void aStopRequestedWhileAStepThatNeverLooksFinishesStillCancelsItsResult() throws Exception {
        StepHandler deaf = handler(StepType.PREPROCESS, context -> {
            askToStop(context, "attempt 1 timed out");
            return StepResult.of(Map.of());
        });
        runtime(deaf).handle(command("run-3", 1));

        assertThat(events()).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.STARTED, StepStatus.CANCELLED);
        assertThat(store.list("steps/")).extracting(ArtifactRef::key).noneMatch(k -> k.endsWith("manifest.json"));
    }

    @Test
    void eachAttemptWritesInAFolderOfItsOwnAndOnlyTheStoppedOneIsStopped() throws Exception {
        EchoHandler echo = new EchoHandler();
        StopRequest stop = new StopRequest("run-4", "gen", 1, "attempt 1 timed out", null);
        store.put(stop.key(), EventCodec.instance().mapper().writeValueAsBytes(stop), "application/json");
        StepRuntime runtime = new StepRuntime(echo, store, sink, new SimpleMeterRegistry(), "w", POLL);

        runtime.handle(StepCommand.of("run-4", "gen", StepType.DATAGEN, 1, Map.of("persons", 2), Map.of()));
        runtime.handle(StepCommand.of("run-4", "gen", StepType.DATAGEN, 2, Map.of("persons", 2), Map.of()));
        runtime.handle(StepCommand.of("run-5", "gen", StepType.DATAGEN, 1, Map.of("persons", 2), Map.of())
                .withoutCache());

        List<StepStatusEvent> done = events().stream().filter(e -> e.status().isFinal()).toList();
        assertThat(done).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.CANCELLED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED);
        String second = done.get(1).outputs().get("dataset").key();
        String other = done.get(2).outputs().get("dataset").key();
        assertThat(second).endsWith("/run-4.2/echo.txt");
        assertThat(other).endsWith("/run-5.1/echo.txt");
        assertThat(second.substring(0, second.indexOf("run-4.2"))).isEqualTo(other.substring(0,
                other.indexOf("run-5.1")));
        assertThat(new String(store.read(done.get(1).outputs().get("dataset")), StandardCharsets.UTF_8))
                .isEqualTo("persons=2 seed=42");
    }
}
