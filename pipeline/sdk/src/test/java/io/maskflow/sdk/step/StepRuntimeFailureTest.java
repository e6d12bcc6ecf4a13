package io.maskflow.sdk.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Whatever a handler throws, and however it is wrapped, the attempt ends with an event that says why. */
class StepRuntimeFailureTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final CommandSource source = new CommandSource(StepType.DATAGEN.commandTopic(), 0, 7);
    private int runs;

    /** What a step throws when it runs. */
    private interface Thrower {
        Throwable thrown();
    }

    /** A datagen step that throws what {@code thrower} makes. */
    private static StepHandler throwing(Thrower thrower) {
        return new StepHandler() {
            @Override
            public StepType type() {
                return StepType.DATAGEN;
            }

            @Override
            public String codeVersion() {
                return "1";
            }

            @Override
            public StepResult run(StepContext context) throws Exception {
                Throwable t = thrower.thrown();
                if (t instanceof Exception e) {
                    throw e;
                }
                throw (Error) t;
            }
        };
    }

    /** Runs a new command with a step that throws what {@code thrower} makes; returns its last event. */
    private StepStatusEvent run(EventSink events, Thrower thrower) throws IOException {
        runs++;
        new StepRuntime(throwing(thrower), store, events, new SimpleMeterRegistry(), "w")
                .handle(StepCommand.of("run-" + runs, "gen", StepType.DATAGEN, 1, Map.of(), Map.of()));
        List<StepStatusEvent> published = sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class);
        return published.get(published.size() - 1);
    }

    private StepError failure(Thrower thrower) throws IOException {
        StepStatusEvent last = run(sink, thrower);
        assertThat(last.status()).isEqualTo(StepStatus.FAILED);
        return last.error();
    }

    private static StackOverflowError overflow(int depth) {
        return depth < 0 ? new StackOverflowError() : overflow(depth + 1);
    }

    @Test
    void anyThrowableEndsTheAttemptWithAFailedEventThatHasAMessage() throws Exception {
        StepError overflow = failure(() -> overflow(0));
        assertThat(overflow.code()).isEqualTo("internal-error");
        assertThat(overflow.message()).isEqualTo("java.lang.StackOverflowError");

        assertThat(failure(() -> new AssertionError("checked the wrong thing")).message())
                .isEqualTo("checked the wrong thing");
        assertThat(failure(AssertionError::new).message()).isEqualTo("java.lang.AssertionError");
        assertThat(failure(() -> new IllegalStateException("")).message())
                .isEqualTo("java.lang.IllegalStateException");

        StepError blank = failure(() -> new StepFailure("unlucky", "  ", false));
        assertThat(blank.code()).isEqualTo("unlucky");
        assertThat(blank.message()).isEqualTo(StepFailure.class.getName());
        assertThat(blank.retryable()).isFalse();
        assertThat(failure(() -> new StepFailure(null, "no code", true)).code()).isEqualTo("internal-error");

        assertThat(run(sink, () -> new StepStopped("")).error().message()).isEqualTo("stopped");
    }

    /** A handler that was interrupted still reports; the interrupt is handed back once the outcome is out. */
    @Test
    void anInterruptedStepReportsItsFailureAndKeepsTheInterrupt() throws Exception {
        EventSink refusingWhenInterrupted = new EventSink() {
            @Override
            public void publish(String topic, Event event) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while publishing to " + topic);
                }
                sink.publish(topic, event);
            }
        };
        try {
            StepStatusEvent last = run(refusingWhenInterrupted, () -> new InterruptedException("shutting down"));
            assertThat(last.status()).isEqualTo(StepStatus.FAILED);
            assertThat(last.error().message()).isEqualTo("shutting down");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** What is the same on every try fails the step for good also when a library or a thread pool wrapped it. */
    @Test
    void aWrappedUserErrorIsFoundInTheCausesAndNotRetried() throws Exception {
        StepError missing = failure(() -> new IOException("cannot read the shards",
                new ArtifactNotFoundException("s3://maskflow/shards/index.json")));
        assertThat(missing.code()).isEqualTo("missing-artifact");
        assertThat(missing.message()).contains("s3://maskflow/shards/index.json");
        assertThat(missing.retryable()).isFalse();

        StepError described = failure(() -> new ExecutionException(new StepFailure("no-faces", "no faces", false)));
        assertThat(described.code()).isEqualTo("no-faces");
        assertThat(described.retryable()).isFalse();

        StepError invalid = failure(() -> new UncheckedIOException(new IOException(
                new InvalidParametersException("persons must be positive", null))));
        assertThat(invalid.code()).isEqualTo("invalid-parameters");
        assertThat(invalid.message()).isEqualTo("persons must be positive");

        // the outermost says what happened: the step's own description of a missing input
        StepError outermost = failure(() -> new RuntimeException(new StepFailure("no-model", "train first", false,
                new ArtifactNotFoundException("s3://maskflow/model.zip"))));
        assertThat(outermost.code()).isEqualTo("no-model");

        // a chain of causes that loops back is followed once round
        StepError loop = failure(() -> {
            IOException a = new IOException("a");
            IOException b = new IOException("b", a);
            a.initCause(b);
            return a;
        });
        assertThat(loop.code()).isEqualTo("internal-error");
        assertThat(loop.retryable()).isTrue();
    }

    /**
     * A handler that cannot say whether its command may come from the cache (its parameters do not bind) has the
     * command run and failed with the reason, instead of leaving it with no event at all.
     */
    @Test
    void aCommandWhoseCacheabilityCannotBeToldIsRunAndFailsWithTheReason() throws Exception {
        StepHandler badParameters = new StepHandler() {
            @Override
            public StepType type() {
                return StepType.DATAGEN;
            }

            @Override
            public String codeVersion() {
                return "1";
            }

            @Override
            public boolean cacheable(StepCommand command) {
                throw new InvalidParametersException("unknown parameter 'bogus'", null);
            }

            @Override
            public StepResult run(StepContext context) {
                throw new InvalidParametersException("unknown parameter 'bogus'", null);
            }
        };
        new StepRuntime(badParameters, store, sink, new SimpleMeterRegistry(), "w")
                .handle(StepCommand.of("run-bogus", "gen", StepType.DATAGEN, 1, Map.of("bogus", 1), Map.of()));

        List<StepStatusEvent> published = sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class);
        StepStatusEvent last = published.get(published.size() - 1);
        assertThat(last.status()).isEqualTo(StepStatus.FAILED);
        assertThat(last.error().code()).isEqualTo("invalid-parameters");
        assertThat(last.error().message()).isEqualTo("unknown parameter 'bogus'");
    }

    /** A reason quoting a huge value is cut, or the dead letter would be too large for the broker to take. */
    @Test
    void aDeadLetterReasonIsCutLikeItsPayload() throws Exception {
        String huge = "r".repeat(1_000_000);
        String payload = "{\"schemaVersion\":1,\"runId\":\"" + huge + "\",\"stepId\":\"gen\",\"step\":\"datagen\","
                + "\"attempt\":1,\"cache\":true}";
        new StepRuntime(throwing(AssertionError::new), store, sink, new SimpleMeterRegistry(), "w")
                .handle(payload, source);

        DeadLetterEvent dead = sink.on(Topics.DEAD_LETTER, DeadLetterEvent.class).get(0);
        assertThat(dead.reason()).startsWith("StepCommand: runId must be").hasSizeLessThan(2_100)
                .endsWith("more characters)");
        assertThat(dead.payload()).hasSize(DeadLetterEvent.MAX_PAYLOAD);
    }
}
