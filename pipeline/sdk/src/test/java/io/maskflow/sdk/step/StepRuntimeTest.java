package io.maskflow.sdk.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.metrics.MetricNames;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRuntimeTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CommandSource source = new CommandSource(StepType.DATAGEN.commandTopic(), 0, 7);
    private final EchoHandler handler = new EchoHandler();

    private final StepRuntime runtime = new StepRuntime(handler, store, sink, registry, "test-worker");

    private String command(String runId, int attempt, Map<String, Object> params) {
        return command(runId, attempt, params, Map.of());
    }

    private String command(String runId, int attempt, Map<String, Object> params, Map<String, ArtifactRef> inputs) {
        return EventCodec.instance().encode(StepCommand.of(runId, "gen", StepType.DATAGEN, attempt, params, inputs));
    }

    private StepStatusEvent last() {
        var events = sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class);
        return events.get(events.size() - 1);
    }

    private double count(String outcome) {
        var counter = registry.find(MetricNames.STEPS).tags(MetricNames.TAG_OUTCOME, outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void runsANewCommandAndPublishesStartedProgressAndSucceeded() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("persons", 3)), source);

        assertThat(sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class)).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.STARTED, StepStatus.PROGRESS, StepStatus.SUCCEEDED);
        StepStatusEvent done = last();
        assertThat(done.cached()).isFalse();
        assertThat(done.metrics()).containsEntry("persons", 3.0);
        ArtifactRef echo = done.outputs().get("dataset");
        assertThat(new String(store.read(echo), StandardCharsets.UTF_8)).isEqualTo("persons=3 seed=42");
        assertThat(echo.key()).startsWith("steps/datagen/").endsWith("/run-1.1/echo.txt");
        assertThat(store.exists(echo.key().replace("run-1.1/echo.txt", "manifest.json"))).isTrue();
        assertThat(count("succeeded")).isEqualTo(1);
        assertThat(registry.find(MetricNames.STEP_DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void anOutputTheStepTypeDoesNotDeclareFailsTheStepInsteadOfReachingTheNextStep() throws Exception {
        StepHandler misspelt = new StepHandler() {
            @Override
            public StepType type() {
                return StepType.DATAGEN;
            }

            @Override
            public String codeVersion() {
                return "misspelt-1";
            }

            @Override
            public StepResult run(StepContext context) throws Exception {
                return new StepResult(Map.of("datset", context.writeOutput("x.txt", new byte[] {1}, "text/plain")),
                        Map.of());
            }
        };
        new StepRuntime(misspelt, store, sink, registry, "test-worker").handle(command("run-9", 1, Map.of()), source);
        StepStatusEvent failed = last();
        assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("undeclared-output");
        assertThat(failed.error().message()).contains("output 'datset'", "[dataset, trainCsv, evalInfo, evalAnswers, "
                + "preview]");
        assertThat(failed.error().retryable()).isFalse();
    }

    @Test
    void aRedeliveredCommandRepublishesItsResultWithoutWorkOrWrites() throws Exception {
        String payload = command("run-1", 1, Map.of("persons", 3));
        runtime.handle(payload, source);
        int writes = store.writes();
        StepStatusEvent first = last();

        runtime.handle(payload, source);

        assertThat(handler.runs()).isEqualTo(1);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(last()).isEqualTo(first);
        assertThat(count("duplicate")).isEqualTo(1);
    }

    /**
     * A command whose idempotency key another command used is not answered with that one's outcome (it was: the
     * other run's event went out again, and the command itself got nothing) but dead-lettered with the reason.
     */
    @Test
    void aCommandUnderAKeyAnotherCommandUsedIsDeadLetteredNotAnsweredWithTheOthersOutcome() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("persons", 3)), source);
        int published = sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class).size();
        StepCommand borrowed = new StepCommand(io.maskflow.contracts.events.Event.SCHEMA_VERSION, "run-2", "gen",
                "run-1/gen/1", StepType.DATAGEN, 1, Map.of("persons", 3), Map.of(), false, null);

        runtime.handle(EventCodec.instance().encode(borrowed), source);

        assertThat(sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class)).hasSize(published);
        var dead = sink.on(Topics.DEAD_LETTER, DeadLetterEvent.class);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).runId()).isEqualTo("run-2");
        assertThat(dead.get(0).reason()).contains("idempotency key 'run-1/gen/1' is taken",
                "attempt 1 of step 'gen' (datagen) of run 'run-1'");
        assertThat(handler.runs()).isEqualTo(1);
    }

    /** An input in another bucket was read file by file and failed late, for another reason ("no usable image"). */
    @Test
    void anInputOutsideThisStoresBucketFailsAtOnceAndIsNotRetried() throws Exception {
        ArtifactRef elsewhere = new ArtifactRef("otherbucket", "steps/datagen/x/dataset.json", 10, "0".repeat(64));
        runtime.handle(command("run-7", 1, Map.of(), Map.of("photos", elsewhere)), source);

        StepStatusEvent failed = last();
        assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("missing-artifact");
        assertThat(failed.error().retryable()).isFalse();
        assertThat(failed.error().message()).contains(
                "input 'photos' is s3://otherbucket/steps/datagen/x/dataset.json",
                "outside this store's bucket '" + store.bucket() + "'");
        assertThat(handler.runs()).isZero();
    }

    /** An input the step type does not take was ignored (datagen) or taken for another data set (preprocess). */
    @Test
    void anInputTheStepTypeDoesNotTakeIsRefusedLikeAMisspeltParameter() throws Exception {
        ArtifactRef some = store.put("x/dataset.json", new byte[] {1}, "application/json");
        runtime.handle(command("run-8", 1, Map.of(), Map.of("dataset", some)), source);

        StepStatusEvent failed = last();
        assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("invalid-parameters");
        assertThat(failed.error().message()).isEqualTo("step type datagen takes no input 'dataset'; it takes [photos]");
        assertThat(handler.runs()).isZero();
    }

    @Test
    void anIdenticalStepOfAnotherRunHitsTheCache() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("persons", 3)), source);
        StepStatusEvent first = last();
        runtime.handle(command("run-2", 1, Map.of("persons", 3)), source);

        assertThat(handler.runs()).isEqualTo(1);
        StepStatusEvent second = last();
        assertThat(second.runId()).isEqualTo("run-2");
        assertThat(second.cached()).isTrue();
        assertThat(second.outputs()).isEqualTo(first.outputs());
        assertThat(count("cached")).isEqualTo(1);

        runtime.handle(command("run-3", 1, Map.of("persons", 4)), source);
        assertThat(handler.runs()).as("other parameters, other key").isEqualTo(2);
        assertThat(last().outputs().get("dataset").key()).isNotEqualTo(first.outputs().get("dataset").key());
    }

    @Test
    void cachingCanBeTurnedOffPerCommand() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("persons", 3)), source);
        StepCommand again = StepCommand.of("run-2", "gen", StepType.DATAGEN, 1, Map.of("persons", 3), Map.of())
                .withoutCache();
        runtime.handle(again);
        assertThat(handler.runs()).isEqualTo(2);
        assertThat(last().cached()).isFalse();
    }

    @Test
    void failuresBecomeFailedEventsThatNameTheCause() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("seed", EchoHandler.USER_ERROR_SEED)), source);
        assertThat(last().status()).isEqualTo(StepStatus.FAILED);
        assertThat(last().error().code()).isEqualTo("unlucky");
        assertThat(last().error().retryable()).isFalse();

        runtime.handle(command("run-2", 1, Map.of("persons", "many")), source);
        assertThat(last().error().code()).isEqualTo("invalid-parameters");
        assertThat(last().error().message()).isEqualTo("persons must be a number, not the string 'many'");

        runtime.handle(command("run-3", 1, Map.of("seed", EchoHandler.INTERNAL_ERROR_SEED)), source);
        assertThat(last().error().code()).isEqualTo("internal-error");
        assertThat(last().error().message()).isEqualTo("disk full");
        assertThat(last().error().retryable()).isTrue();

        // a broken installation (a native library or class missing) is reported too, not lost with the message
        runtime.handle(command("run-4", 1, Map.of("seed", EchoHandler.MISSING_LIBRARY_SEED)), source);
        assertThat(last().error().code()).isEqualTo("broken-installation");
        assertThat(last().error().message()).contains("libtorch_cpu.so");
        assertThat(last().error().retryable()).isFalse();

        // so is a job too large for the heap: the step fails with advice instead of staying RUNNING until its deadline
        runtime.handle(command("run-5", 1, Map.of("seed", EchoHandler.OUT_OF_MEMORY_SEED)), source);
        assertThat(last().status()).isEqualTo(StepStatus.FAILED);
        assertThat(last().error().code()).isEqualTo("out-of-memory");
        assertThat(last().error().message()).contains("datagen step ran out of memory", "Java heap space",
                "MiB heap", "-Xmx");
        assertThat(last().error().retryable()).isFalse();
        // also when a worker thread of the step ran out and its pool handed the error on
        runtime.handle(command("run-6", 1, Map.of("seed", EchoHandler.OUT_OF_MEMORY_IN_A_POOL_SEED)), source);
        assertThat(last().error().code()).isEqualTo("out-of-memory");
        assertThat(last().error().retryable()).isFalse();
        assertThat(count("failed")).isEqualTo(6);
    }

    /**
     * An input whose bytes are not what its reference says (another size) or not of its kind (a CSV given as the
     * shard index) fails the step for good, naming the artifact: reading it again would read the same bytes.
     */
    @Test
    void anInputOfTheWrongSizeOrKindIsNotRetried() throws Exception {
        ArtifactRef csv = store.put("data/train.csv", "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        ArtifactRef wrongSize = new ArtifactRef(csv.bucket(), csv.key(), csv.size() + 7, csv.sha256());
        Map<String, Object> readShards = Map.of("seed", EchoHandler.READ_SHARDS_SEED);

        runtime.handle(command("run-1", 1, readShards, Map.of("photos", wrongSize)), source);
        assertThat(last().status()).isEqualTo(StepStatus.FAILED);
        assertThat(last().error().code()).isEqualTo("corrupt-artifact");
        assertThat(last().error().message()).contains("data/train.csv", "expected " + wrongSize.size());
        assertThat(last().error().retryable()).isFalse();

        runtime.handle(command("run-2", 1, readShards, Map.of("photos", csv)), source);
        assertThat(last().error().code()).isEqualTo("unreadable-artifact");
        assertThat(last().error().message()).contains("data/train.csv is not a shard index");
        assertThat(last().error().retryable()).isFalse();

        String noShards = "{\"imageSize\": 64, \"channels\": 3, \"count\": 3, \"folds\": 5, \"persons\": 1}";
        ArtifactRef notAnIndex = store.put("data/other.json", noShards.getBytes(StandardCharsets.UTF_8),
                "application/json");
        runtime.handle(command("run-3", 1, readShards, Map.of("photos", notAnIndex)), source);
        assertThat(last().error().code()).isEqualTo("unreadable-artifact");
        assertThat(last().error().message()).contains("no image size or no shards");

        // state under the step's own prefix can be rewritten by another attempt while this one reads it: retried
        runtime.handle(command("run-4", 1, Map.of("seed", EchoHandler.READ_REWRITTEN_STATE_SEED)), source);
        assertThat(last().error().code()).isEqualTo("corrupt-artifact");
        assertThat(last().error().message()).contains("checkpoint/state.json");
        assertThat(last().error().retryable()).isTrue();
    }

    @Test
    void aRetryWithTheNextAttemptRunsAgainAfterAFailure() throws Exception {
        runtime.handle(command("run-1", 1, Map.of("seed", EchoHandler.INTERNAL_ERROR_SEED)), source);
        runtime.handle(command("run-1", 2, Map.of("seed", EchoHandler.INTERNAL_ERROR_SEED)), source);
        assertThat(handler.runs()).isEqualTo(2);
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterTopicWithTheReason() throws Exception {
        runtime.handle("{not json", source);
        runtime.handle("{\"schemaVersion\":9,\"runId\":\"run-9\",\"stepId\":\"gen\"}", source);
        runtime.handle(EventCodec.instance().encode(StepCommand.of("run-4", "t", StepType.TRAIN, 1, Map.of(),
                Map.of())), source);

        var dead = sink.on(Topics.DEAD_LETTER, DeadLetterEvent.class);
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).reason()).contains("not JSON");
        assertThat(dead.get(0).payload()).isEqualTo("{not json");
        assertThat(dead.get(0).offset()).isEqualTo(7);
        assertThat(dead.get(1).reason()).contains("schema version 9");
        assertThat(dead.get(1).runId()).isEqualTo("run-9");
        assertThat(dead.get(2).reason()).contains("'train' on the topic of 'datagen'");
        assertThat(handler.runs()).isEqualTo(0);
        assertThat(count("dead-lettered")).isEqualTo(3);

        runtime.handle(command("run-5", 1, Map.of()), source);
        assertThat(last().status()).as("still working after bad messages").isEqualTo(StepStatus.SUCCEEDED);
    }
}
