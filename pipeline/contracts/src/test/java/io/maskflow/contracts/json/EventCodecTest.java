package io.maskflow.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatusEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final String SHA = "ab".repeat(32);
    private static final ArtifactRef MODEL = new ArtifactRef("maskflow", "artifacts/train/abc/model.zip", 1234, SHA);
    private static final Instant T = Instant.parse("2026-11-28T10:15:30.123Z");

    private final EventCodec codec = EventCodec.instance();

    static Stream<Event> everyEventType() {
        StepCommand command = new StepCommand(1, "run-1", "train", null, StepType.TRAIN, 2,
                Map.of("epochs", 3, "learningRate", 0.01, "heads", "three", "nested", Map.of("a", List.of(1, 2))),
                Map.of("shards", MODEL), false, T);
        return Stream.of(
                new RunRequestedEvent(1, "run-1", null, "req-7", "train-and-serve", Map.of("persons", 40), "cli", T),
                new RunCancelRequestedEvent(1, "run-1", null, null, "changed my mind", "rest", T),
                new RunStatusEvent(1, "run-1", null, null, RunStatus.SUCCEEDED, "train-and-serve", null,
                        Map.of("model", MODEL), T),
                command,
                StepStatusEvent.started(command, "trainer-1"),
                StepStatusEvent.progress(command, new Progress("epoch", 2, 5, "epoch 2", Map.of("loss", 0.5)), "w"),
                StepStatusEvent.succeeded(command, Map.of("model", MODEL), Map.of("macroF1", 0.71), true, "w"),
                StepStatusEvent.failed(command, new StepError("missing-artifact", "no shards", false), "w"),
                new ModelPromotedEvent(1, "run-1", "evaluate", null, "model-abc", MODEL, MODEL,
                        Map.of("macroF1", 0.7), T, "v1:c2lnbmF0dXJl"),
                new DeadLetterEvent(1, null, null, null, "maskflow.steps.train", 0, 42, "trainer", "not JSON",
                        "{oops", T));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventRoundTripsThroughJson(Event event) {
        String json = codec.encode(event);
        Event back = codec.decode(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(json).contains("\"schemaVersion\":1", "\"runId\":", "\"stepId\":", "\"idempotencyKey\":");
    }

    @Test
    void everyTopicNamesTheTypeItCarries() {
        assertThat(EventCodec.typeOfTopic(Topics.RUNS_REQUESTED)).isEqualTo(RunRequestedEvent.class);
        assertThat(EventCodec.typeOfTopic(Topics.RUNS_CANCEL)).isEqualTo(RunCancelRequestedEvent.class);
        assertThat(EventCodec.typeOfTopic(Topics.RUNS_EVENTS)).isEqualTo(RunStatusEvent.class);
        assertThat(EventCodec.typeOfTopic(Topics.STEPS_EVENTS)).isEqualTo(StepStatusEvent.class);
        assertThat(EventCodec.typeOfTopic(Topics.MODELS_PROMOTED)).isEqualTo(ModelPromotedEvent.class);
        assertThat(EventCodec.typeOfTopic(Topics.DEAD_LETTER)).isEqualTo(DeadLetterEvent.class);
        for (StepType step : StepType.values()) {
            assertThat(EventCodec.typeOfTopic(step.commandTopic())).isEqualTo(StepCommand.class);
        }
        assertThatThrownBy(() -> EventCodec.typeOfTopic("orders")).hasMessageContaining("not a Maskflow topic");
    }

    @Test
    void aHandWrittenRunRequestNeedsOnlyVersionAndPipeline() {
        RunRequestedEvent event = codec.decode("{\"schemaVersion\":1,\"pipeline\":\"train-and-serve\"}",
                RunRequestedEvent.class);
        assertThat(event.runId()).startsWith("run-");
        assertThat(event.idempotencyKey()).isEqualTo(event.runId());
        assertThat(event.stepId()).isEqualTo(Event.RUN_STEP_ID);
        assertThat(event.parameters()).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyNamesTheSameRun() {
        String json = "{\"schemaVersion\":1,\"pipeline\":\"p\",\"idempotencyKey\":\"nightly-2026-11-28\"}";
        RunRequestedEvent first = codec.decode(json, RunRequestedEvent.class);
        RunRequestedEvent second = codec.decode(json, RunRequestedEvent.class);
        assertThat(first.runId()).isEqualTo(second.runId()).matches("run-[0-9a-f]{12}");
    }

    @Test
    void refusesAnUnknownSchemaVersionByName() {
        assertThatThrownBy(() -> codec.decode("{\"schemaVersion\":2,\"pipeline\":\"p\"}", RunRequestedEvent.class))
                .isInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessage("RunRequestedEvent has schema version 2; this service reads version 1");
        assertThatThrownBy(() -> codec.decode("{\"pipeline\":\"p\"}", RunRequestedEvent.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("schemaVersion is missing");
    }

    /** A REST body's unknown field was "Unrecognized field ... (class io.maskflow...), not marked as ignorable". */
    @Test
    void anUnknownFieldOfABodyIsNamedWithTheFieldsTaken() {
        record Body(String pipeline, Integer epochs) {
        }
        com.fasterxml.jackson.databind.ObjectMapper strict = codec.mapper().copy()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertThatThrownBy(() -> strict.readValue("{\"bogusfield\":1}", Body.class))
                .isInstanceOfSatisfying(com.fasterxml.jackson.core.JacksonException.class, e -> assertThat(
                        EventCodec.reason(e)).isEqualTo("unknown field 'bogusfield': it takes [epochs, pipeline]"));
    }

    @Test
    void explainsWhatIsWrongWithAMalformedEvent() {
        assertThatThrownBy(() -> codec.decode("{oops", StepCommand.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("StepCommand: not JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> codec.decode("", StepCommand.class)).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("[1,2]", StepCommand.class)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> codec.decode("{\"schemaVersion\":1,\"pipline\":\"p\"}", RunRequestedEvent.class))
                .hasMessageContaining("unknown field 'pipline'");
        assertThatThrownBy(() -> codec.decode("{\"schemaVersion\":1}", RunRequestedEvent.class))
                .hasMessageContaining("pipeline is missing");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"bake\",\"attempt\":1,"
                        + "\"cache\":true}",
                StepCommand.class)).hasMessageContaining("'step'").hasMessageContaining("bake");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"../etc\",\"stepId\":\"s\",\"step\":\"train\",\"attempt\":1,"
                        + "\"cache\":true}",
                StepCommand.class)).hasMessageContaining("runId must be");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"train\","
                        + "\"attempt\":\"x\",\"cache\":true}",
                StepCommand.class)).hasMessageContaining("'attempt'");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"train\",\"attempt\":1}",
                StepCommand.class)).hasMessage("StepCommand: field 'cache' is missing");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"pipeline\":\"p\",\"parameters\":{\"persons\":null}}",
                RunRequestedEvent.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("parameters: 'persons' is null; leave it out");
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"train\",\"attempt\":1,"
                        + "\"cache\":true,\"parameters\":{\"epochs\":null}}",
                StepCommand.class)).hasMessageContaining("parameters: 'epochs' is null");
    }

    @Test
    void aBlankIdempotencyKeyIsRefusedButALeftOutOneNamesTheAttempt() {
        assertThatThrownBy(() -> codec.decode(
                "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"idempotencyKey\":\" \","
                        + "\"step\":\"train\",\"attempt\":1,\"cache\":true}",
                StepCommand.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("StepCommand: idempotencyKey is blank");
        assertThatThrownBy(() -> new StepCommand(1, "r", "s", "", StepType.TRAIN, 1, Map.of(), Map.of(), true, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey is blank");
        StepCommand leftOut = codec.decode("{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\","
                + "\"step\":\"train\",\"attempt\":2,\"cache\":true}", StepCommand.class);
        assertThat(leftOut.idempotencyKey()).isEqualTo("r/s/2");
    }

    @Test
    void peeksIdsOfMessagesThatDoNotDecode() {
        assertThat(codec.peekIds("{\"runId\":\"r1\",\"stepId\":\"s1\",\"step\":\"bake\"}"))
                .containsExactly("r1", "s1");
        assertThat(codec.peekIds("garbage")).containsExactly(null, null);
    }

    @Test
    void stepEventKeysDifferByStatusAndProgress() {
        StepCommand command = StepCommand.of("run-1", "prep", StepType.PREPROCESS, 1, Map.of(), Map.of());
        assertThat(command.idempotencyKey()).isEqualTo("run-1/prep/1");
        assertThat(StepStatusEvent.started(command, "w").idempotencyKey()).isEqualTo("run-1/prep/1/started");
        assertThat(StepStatusEvent.progress(command, Progress.of("shards", 3, 9), "w").idempotencyKey())
                .isEqualTo("run-1/prep/1/progress/shards/3");
    }

    @Test
    void artifactRefsMustBeWellFormed() {
        assertThatThrownBy(() -> new ArtifactRef("b", "/k", 1, SHA)).hasMessageContaining("must not start");
        assertThatThrownBy(() -> new ArtifactRef("b", "k", -1, SHA)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new ArtifactRef("b", "k", 1, "XYZ")).hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> new ArtifactRef(" ", "k", 1, SHA)).hasMessageContaining("bucket is missing");
        // a key climbing out of its prefix, one no store takes, a bucket that is no bucket: a command naming them
        // failed late as a retryable internal error (the store's own refusal, an HTML page) or read file by file
        assertThatThrownBy(() -> new ArtifactRef("b", "../../etc/passwd", 1, SHA)).hasMessageContaining("'..' parts");
        assertThatThrownBy(() -> new ArtifactRef("b", "a/./k", 1, SHA)).hasMessageContaining("'..' parts");
        assertThatThrownBy(() -> new ArtifactRef("b", "k".repeat(1025), 1, SHA)).hasMessageContaining("1024 bytes");
        assertThatThrownBy(() -> new ArtifactRef("maskflow/../x", "k", 1, SHA)).hasMessageContaining("no bucket");
        assertThatThrownBy(() -> new ArtifactRef("Other", "k", 1, SHA)).hasMessageContaining("no bucket");
        assertThat(new ArtifactRef("b", "a..b/k..", 1, SHA).key()).isEqualTo("a..b/k..");
        String command = "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"PREPROCESS\","
                + "\"attempt\":1,\"parameters\":{},\"inputs\":{\"dataset\":{\"bucket\":\"maskflow\","
                + "\"key\":\"../etc/passwd\",\"size\":1,\"sha256\":\"" + SHA + "\"}},\"cache\":false}";
        assertThatThrownBy(() -> codec.decode(command, StepCommand.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'..' parts");
        assertThat(MODEL.uri()).isEqualTo("s3://maskflow/artifacts/train/abc/model.zip");
    }

    @Test
    void deadLettersKeepTheReasonAndCutHugePayloads() {
        DeadLetterEvent event = new DeadLetterEvent(1, null, null, null, "t", 1, 2, "svc", "why",
                "x".repeat(DeadLetterEvent.MAX_PAYLOAD + 10), null);
        assertThat(event.payload()).hasSize(DeadLetterEvent.MAX_PAYLOAD);
        assertThat(event.runId()).isEqualTo(DeadLetterEvent.UNKNOWN);
        assertThat(event.idempotencyKey()).isEqualTo("t/1/2");
    }

    record Sized(List<Part> parts) {
    }

    record Part(int size) {
    }

    /**
     * A JSON document that is not what it was read as says which field is wrong and nothing of the parser's own
     * settings (a promotion of a {@code .json} that is no ensemble ended in "(set DeserializationConfig...
     * FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)").
     */
    @Test
    void aReaderFailureNamesTheFieldWithoutTheParsersAdvice() {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> codec.mapper().readValue("{\"parts\": [{\"size\": 2}, {\"size\": null}]}", Sized.class));
        String reason = EventCodec.reason((com.fasterxml.jackson.core.JsonProcessingException) e);
        assertThat(reason).startsWith("field 'parts[1].size': Cannot map `null` into type `int`")
                .doesNotContain("DeserializationFeature").doesNotContain("to allow");
    }

    /** A NaN in a body said "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow". */
    @Test
    void aNanSaysWhatItIsWithoutTheParsersAdvice() {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> codec.mapper().readTree("{\"size\": NaN}"));
        String reason = EventCodec.reason((com.fasterxml.jackson.core.JsonProcessingException) e);
        assertThat(reason).startsWith("Non-standard token 'NaN'").doesNotContain("JsonReadFeature")
                .doesNotContain("to allow");
    }

    /**
     * A request with a 900 KB pipeline name was stored as rejected, but its REJECTED event (the name, and a reason
     * quoting it) was 1.8 MB, over the broker's limit, and was dropped: the requester never heard.
     */
    @Test
    void aRunEventStaysUnderTheBrokersLimitWhateverTheRequestHeld() {
        String huge = "p".repeat(900_000);
        assertThatThrownBy(() -> RunRequestedEvent.of(huge, Map.of())).hasMessageContaining("pipeline names no "
                + "pipeline: 900000 characters, at most 128");
        RunStatusEvent rejected = RunStatusEvent.of("run-1", "train-and-serve", RunStatus.REJECTED,
                "parameter 'persons' must be int, got '" + huge + "'", Map.of());
        assertThat(rejected.reason()).hasSizeLessThan(RunStatusEvent.MAX_REASON + 40)
                .startsWith("parameter 'persons' must be int, got 'ppp").endsWith("more characters)");
        assertThat(codec.encode(rejected).length()).isLessThan(5_000);
    }

    /**
     * What a cancel request took without a word (a second probe): a fractional schema version read as 1, a step id
     * climbing out of its folder, a 3,000-character key, a key with a line break, two values for one field (the
     * last one won).
     */
    @Test
    void ambiguousOrHostileFieldsAreRefusedNotTakenOneWay() {
        String cancel = "{\"schemaVersion\":%s,\"runId\":\"run-1\"%s}";
        assertThatThrownBy(() -> codec.decode(cancel.formatted("1.5", ""), RunCancelRequestedEvent.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> codec.decode(cancel.formatted("1", ",\"stepId\":\"../..\""),
                RunCancelRequestedEvent.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("stepId");
        assertThatThrownBy(() -> codec.decode(cancel.formatted("1", ",\"idempotencyKey\":\"" + "k".repeat(3_000)
                + "\""), RunCancelRequestedEvent.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("idempotencyKey must be 1 to 512 characters");
        assertThatThrownBy(() -> codec.decode(cancel.formatted("1", ",\"idempotencyKey\":\"a\\nb\""),
                RunCancelRequestedEvent.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("without control or format characters");
        assertThatThrownBy(() -> codec.decode(cancel.formatted("1", ",\"runId\":\"run-2\""),
                RunCancelRequestedEvent.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Duplicate field 'runId'");
        assertThat(codec.decode(cancel.formatted("1", ",\"stepId\":\"run\""), RunCancelRequestedEvent.class)
                .stepId()).isEqualTo("run");
        // a step command's attempt given as a string or with a fraction was read as 2 and cut to 1
        String command = "{\"schemaVersion\":1,\"runId\":\"r\",\"stepId\":\"s\",\"step\":\"TRAIN\","
                + "\"attempt\":%s,\"parameters\":{},\"inputs\":{},\"cache\":false}";
        assertThatThrownBy(() -> codec.decode(command.formatted("\"2\""), StepCommand.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("field 'attempt'");
        assertThatThrownBy(() -> codec.decode(command.formatted("1.5"), StepCommand.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("field 'attempt'");
        assertThat(codec.decode(command.formatted("2"), StepCommand.class).attempt()).isEqualTo(2);
    }

    /**
     * Who asked for a run is shown in the run list and copied into log lines: a line break (a forged log line), a
     * right-to-left override or 100,000 characters were taken until 2026-12-07.
     */
    @Test
    void requestedByIsOneLineOfAtMost200VisibleCharacters() {
        String request = "{\"schemaVersion\":1,\"pipeline\":\"train-and-serve\",\"requestedBy\":\"%s\"}";
        for (String hostile : new String[] {"me\\nINFO run x succeeded", "\\u202Eevil", "w".repeat(201)}) {
            assertThatThrownBy(() -> codec.decode(request.formatted(hostile), RunRequestedEvent.class))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("requestedBy must be 1 to 200 characters without control or format "
                            + "characters");
        }
        assertThat(codec.decode(request.formatted("w".repeat(200)), RunRequestedEvent.class).requestedBy())
                .hasSize(200);
        assertThat(codec.decode(request.formatted("Jürgen (ops), 夜間"), RunRequestedEvent.class).requestedBy())
                .isEqualTo("Jürgen (ops), 夜間");
    }

    /**
     * A cancel request's reason becomes the run's reason and a log line: a line break in it forged a log line, and a
     * step id in it was taken and the whole run cancelled (a probe of 2026-12-08).
     */
    @Test
    void aCancelRequestIsForTheWholeRunWithOneLineOfReason() {
        String cancel = "{\"schemaVersion\":1,\"runId\":\"run-1\",%s}";
        for (String[] hostile : new String[][] {
                {"\"reason\":\"ok\\n2026-12-08 ERROR forged\"", "reason must be 1 to 1000 characters"},
                {"\"reason\":\"\\u202Eevil\"", "reason must be 1 to 1000 characters"},
                {"\"reason\":\"" + "r".repeat(1001) + "\"", "reason must be 1 to 1000 characters"},
                {"\"requestedBy\":\"" + "w".repeat(201) + "\"", "requestedBy must be 1 to 200 characters"},
                {"\"stepId\":\"train\"", "stepId of a cancel request is 'run' or left out (a run is cancelled as a "
                        + "whole), got 'train'"}}) {
            assertThatThrownBy(() -> codec.decode(cancel.formatted(hostile[0]), RunCancelRequestedEvent.class))
                    .as(hostile[0]).isInstanceOf(MalformedEventException.class).hasMessageContaining(hostile[1]);
        }
        RunCancelRequestedEvent plain = codec.decode(cancel.formatted("\"stepId\":\"run\",\"reason\":\"Jürgen: "
                + "wrong data\""), RunCancelRequestedEvent.class);
        assertThat(plain.stepId()).isEqualTo("run");
        assertThat(plain.reason()).isEqualTo("Jürgen: wrong data");
        assertThat(codec.decode(cancel.formatted("\"reason\":\" \""), RunCancelRequestedEvent.class).reason())
                .isEqualTo("cancelled");
    }

    /** A pipeline's name is shown in the run list of the page and the CLI; ESC sequences there drove the terminal. */
    @Test
    void aPipelineNameWithControlOrFormatCharactersNamesNoPipeline() {
        String request = "{\"schemaVersion\":1,\"pipeline\":\"%s\"}";
        for (String hostile : new String[] {"\\u001b[41mRED\\u001b]0;PWNED\\u0007", "train-and-serve\\u202e",
                "train\\nserve"}) {
            assertThatThrownBy(() -> codec.decode(request.formatted(hostile), RunRequestedEvent.class))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("pipeline names no pipeline: it has control or format characters");
        }
        assertThat(codec.decode(request.formatted("no-such-pipeline"), RunRequestedEvent.class).pipeline())
                .isEqualTo("no-such-pipeline");
    }

    /**
     * A run request's step is the run itself; any other one was taken and kept without a word (a probe of the running
     * stack, 2026-12-07, sent "../../x"), as a cancel request's is refused.
     */
    @Test
    void aRunRequestNamesNoStepButTheRun() {
        String request = "{\"schemaVersion\":1,\"pipeline\":\"train-and-serve\"%s}";
        assertThatThrownBy(() -> codec.decode(request.formatted(",\"stepId\":\"../../x\""), RunRequestedEvent.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("stepId of a run request is 'run' or left out, got '../../x'");
        assertThat(codec.decode(request.formatted(",\"stepId\":\"run\""), RunRequestedEvent.class).stepId())
                .isEqualTo("run");
        assertThat(codec.decode(request.formatted(""), RunRequestedEvent.class).stepId()).isEqualTo("run");
    }

    /**
     * A byte order mark before a message (what some Windows tools write first) is read past, as the REST API reads
     * one: a run request sent through Kafka that way was dead-lettered as "not JSON" (a probe of the running stack,
     * 2026-12-07, evening).
     */
    @Test
    void aByteOrderMarkBeforeTheMessageIsReadPast() {
        String request = "\uFEFF{\"schemaVersion\":1,\"runId\":\"bom-1\",\"pipeline\":\"train-and-serve\"}";
        assertThat(codec.decode(request, RunRequestedEvent.class).runId()).isEqualTo("bom-1");
        assertThat(codec.peekIds(request)).containsExactly("bom-1", null);
    }

    /**
     * A time is ISO-8601 text: a number was read as seconds since 1970, and {@code 1e300} was taken and read as some
     * other time without a word, while a time string that does not parse was refused (same probe).
     */
    @Test
    void aTimeIsTextNotANumber() {
        String request = "{\"schemaVersion\":1,\"pipeline\":\"train-and-serve\",\"time\":%s}";
        for (String number : List.of("1e300", "1733600000", "-1.5")) {
            assertThatThrownBy(() -> codec.decode(request.formatted(number), RunRequestedEvent.class))
                    .as(number).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("field 'time': a time is an ISO-8601 instant in a string, like "
                            + "\"2026-12-07T20:00:00Z\", got a number (");
        }
        assertThat(codec.decode(request.formatted("\"2026-12-07T20:00:00Z\""), RunRequestedEvent.class).time())
                .isEqualTo(Instant.parse("2026-12-07T20:00:00Z"));
    }
}
