package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.orchestrator.cli.Cli;
import io.maskflow.orchestrator.retention.RunReferences;
import io.maskflow.sdk.step.CommandSource;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.step.StepRuntime;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run deletion, retention and step logs against the real broker and S3 server. The step services are played by
 * the SDK's own {@link StepRuntime} with small handlers, so caching, output prefixes, idempotency records and
 * step logs are the real ones: each handler writes its named outputs and, like the real services, more files
 * under its prefix that it does not name (a data set's images, shards, every epoch's checkpoint, pseudo-labels).
 * Two runs with the same seed share their generate and preprocess executions through the cache.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RetentionIT {

    private static final Logger LOG = Logger.getLogger("io.maskflow.test.FakeStep");
    private static final int TRAIN_LOG_LINES = 3000;

    @TestHTTPResource
    URL url;
    @Inject
    ArtifactStore store;

    private final EventCodec codec = EventCodec.instance();
    private TopicWatcher kafka;
    private final Map<StepType, StepRuntime> services = new EnumMap<>(StepType.class);
    private final Set<String> handled = new HashSet<>();
    private final Set<String> mine = new HashSet<>();
    private Optional<byte[]> promotedBefore;

    @BeforeEach
    void connect() throws Exception {
        kafka = new TopicWatcher(LocalStack.shared(), StepType.DATAGEN.commandTopic(),
                StepType.PREPROCESS.commandTopic(), StepType.TRAIN.commandTopic(), StepType.EVALUATE.commandTopic());
        EventSink sink = new EventSink() {
            @Override
            public void publish(String topic, Event event) {
                kafka.send(topic, event.runId(), codec.encode(event));
            }
        };
        for (StepType type : List.of(StepType.DATAGEN, StepType.PREPROCESS, StepType.TRAIN, StepType.EVALUATE)) {
            services.put(type, new StepRuntime(new FakeStep(type), store, sink, new SimpleMeterRegistry(), "it"));
        }
        promotedBefore = store.stat(ArtifactKeys.promotedModel()).map(ref -> read(ref));
    }

    @AfterEach
    void close() throws Exception {
        kafka.close();
        if (promotedBefore.isPresent()) {
            store.put(ArtifactKeys.promotedModel(), promotedBefore.get(), "application/json");
        } else {
            store.delete(List.of(ArtifactKeys.promotedModel()));
        }
    }

    private byte[] read(ArtifactRef ref) {
        try {
            return store.read(ref);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A step of the pipeline played with the SDK's runtime: named outputs, unnamed files and log lines. */
    private static final class FakeStep implements StepHandler {

        private final StepType type;

        FakeStep(StepType type) {
            this.type = type;
        }

        @Override
        public StepType type() {
            return type;
        }

        @Override
        public String codeVersion() {
            return "retention-it-1";
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            String params = context.command().parameters().toString() + context.command().inputs().keySet();
            byte[] content = (type.id() + " " + params).getBytes(StandardCharsets.UTF_8);
            Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
            switch (type) {
                case DATAGEN -> {
                    context.writeOutput("train/images/000001_female_Asian_45/mask1.jpg", content, "image/jpeg");
                    context.writeOutput("eval/images/e1.jpg", content, "image/jpeg");
                    outputs.put("dataset", context.writeOutput("maskflow-dataset.json", content, "application/json"));
                }
                case PREPROCESS -> {
                    context.writeOutput("shards/train-00000.bin", content, "application/octet-stream");
                    outputs.put("shards", context.writeOutput("shards/index.json", content, "application/json"));
                }
                case TRAIN -> {
                    for (int i = 1; i <= TRAIN_LOG_LINES; i++) {
                        LOG.infof("batch %d of %d loss %.3f", i, TRAIN_LOG_LINES, 1.0 / i);
                    }
                    context.writeOutput("epoch-1.zip", content, "application/zip");
                    context.writeOutput("epoch-2.zip", content, "application/zip");
                    outputs.put("model", context.writeOutput("model.zip", content, "application/zip"));
                }
                case EVALUATE -> {
                    context.writeOutput("pseudo-labels/eval-1.jpg", content, "image/jpeg");
                    outputs.put("report", context.writeOutput("report.json", content, "application/json"));
                    outputs.put("submission", context.writeOutput("submission.csv", content, "text/csv"));
                }
                default -> throw new IllegalStateException(type.id());
            }
            LOG.infof("%s wrote %s", type.id(), outputs.keySet());
            return new StepResult(outputs, Map.of());
        }
    }

    /** Starts a train-and-serve run and plays its steps until it ends; returns the run as the API shows it. */
    private JsonPath runToTheEnd(int seed, int epochs) {
        String runId = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        mine.add(runId);
        given().contentType("application/json").body(Map.of("pipeline", "train-and-serve", "runId", runId,
                "parameters", Map.of("seed", seed, "epochs", epochs, "persons", 7)))
                .post("/runs").then().statusCode(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            play();
            JsonPath run = given().get("/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (RunStatus.valueOf(run.getString("status")).isFinal()) {
                assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
                return run;
            }
        }
        throw new AssertionError("run " + runId + " did not finish: " + given().get("/runs/" + runId).asString());
    }

    private void play() {
        for (ConsumerRecord<String, String> r : kafka.seen()) {
            String position = r.topic() + "-" + r.partition() + "@" + r.offset();
            if (!handled.add(position)) {
                continue;
            }
            StepCommand command = codec.decode(r.value(), StepCommand.class);
            if (!mine.contains(command.runId())) {
                continue;
            }
            try {
                services.get(command.step()).handle(r.value(), new CommandSource(r.topic(), r.partition(),
                        r.offset()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String prefix(JsonPath run, String step, String output) {
        return RunReferences.prefixOf(run.getString("steps." + step + ".outputs." + output + ".key")).orElseThrow();
    }

    private List<String> keysUnder(String prefix) throws Exception {
        return store.listObjects(store.bucket(), prefix).stream().map(ArtifactStore.StoredObject::key).toList();
    }

    private String cli(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(url.toString(), url.toString(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(args);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println("$ maskflow " + String.join(" ", args) + "\n" + printed);
        assertThat(code).as(printed).isEqualTo(expectedCode);
        return printed;
    }

    @Test
    void deletingOneOfTwoRunsThatShareCachedStepsKeepsWhatTheOtherUses() throws Exception {
        int seed = 1000 + (int) (Math.random() * 1_000_000);
        JsonPath a = runToTheEnd(seed, 1);
        JsonPath b = runToTheEnd(seed, 2);
        String runA = a.getString("runId");
        String runB = b.getString("runId");
        assertThat(b.getBoolean("steps.generate.cached")).isTrue();
        assertThat(b.getBoolean("steps.preprocess.cached")).isTrue();
        String generate = prefix(a, "generate", "dataset");
        String preprocess = prefix(a, "preprocess", "shards");
        String trainA = prefix(a, "train", "model");
        String evaluateA = prefix(a, "evaluate", "report");
        String trainB = prefix(b, "train", "model");
        assertThat(prefix(b, "generate", "dataset")).isEqualTo(generate);
        assertThat(trainB).isNotEqualTo(trainA);
        assertThat(keysUnder(generate)).hasSize(4); // the data set, two images, the manifest
        assertThat(keysUnder(trainA)).hasSize(4); // model, two checkpoints, manifest
        List<String> idempotencyA = new ArrayList<>();
        for (String step : List.of("generate", "preprocess", "train", "evaluate")) {
            idempotencyA.add(ArtifactKeys.idempotencyRecord(runA + "/" + step + "/1"));
        }
        for (String key : idempotencyA) {
            assertThat(store.exists(key)).as(key).isTrue();
        }

        // the logs of a step are kept with the run, bounded: the first and the last lines, and what was skipped
        String trainLog = given().accept("text/plain").get("/runs/" + runA + "/logs/train").then().statusCode(200)
                .extract().asString();
        assertThat(trainLog).startsWith("=== train, attempt 1 ===\n").contains("step train (train) attempt 1 of run "
                + runA).contains("batch 1 of 3000").contains("batch 3000 of 3000").contains("train wrote [model]")
                .containsPattern("… \\d+ lines skipped …").doesNotContain("batch 1500 of 3000");
        assertThat(trainLog.lines().count()).isLessThanOrEqualTo(1 + 200 + 1 + 800);
        // a client that asks for JSON gets the same text in JSON (it got text/plain whatever it asked)
        given().accept("application/json").get("/runs/" + runA + "/logs/train").then().statusCode(200)
                .contentType("application/json").body("runId", equalTo(runA)).body("stepId", equalTo("train"))
                .body("logs[0].attempt", equalTo(1)).body("logs[0].text", containsString("batch 3000 of 3000"));
        given().accept("application/json;q=0.5, text/plain").get("/runs/" + runA + "/logs/train").then()
                .statusCode(200).contentType(containsString("text/plain"));
        given().get("/runs/" + runA + "/logs").then().statusCode(200).body("logs.step", org.hamcrest.Matchers
                .hasItems("generate", "preprocess", "train", "evaluate"));
        given().get("/runs/" + runB + "/logs/generate").then().statusCode(404)
                .body("error", containsString("answered from the cache"));
        assertThat(cli(0, "logs", runA, "train")).contains("batch 3000 of 3000").contains("lines skipped");
        assertThat(cli(0, "logs", runA)).contains("=== generate, attempt 1 ===")
                .contains("=== evaluate, attempt 1 ===");

        // the dry run names what goes and what stays, and why
        JsonPath plan = given().post("/runs/" + runA + "/delete?dryRun=true").then().statusCode(200).extract()
                .jsonPath();
        assertThat(plan.getList("runs[0].prefixes", String.class)).containsExactlyInAnyOrder(trainA, evaluateA,
                "runs/" + runA + "/");
        assertThat(plan.getList("runs[0].kept.prefix", String.class)).containsExactlyInAnyOrder(generate, preprocess);
        assertThat(plan.getList("runs[0].kept.reason", String.class)).allMatch(r -> r.startsWith("used by run "
                + runB));
        // 4 objects under train and 4 under evaluate (with their manifests), 4 idempotency records, the state and
        // 4 logs under runs/<id>/
        assertThat(plan.getLong("objects")).isEqualTo(4 + 4 + 4 + 5);

        assertThat(cli(0, "delete", runA)).contains("deleted " + runA).contains("kept " + generate);

        given().get("/runs/" + runA).then().statusCode(404);
        assertThat(keysUnder(trainA)).isEmpty();
        assertThat(keysUnder(evaluateA)).isEmpty();
        assertThat(keysUnder("runs/" + runA + "/")).isEmpty();
        for (String key : idempotencyA) {
            assertThat(store.exists(key)).as(key).isFalse();
        }
        assertThat(keysUnder(generate)).hasSize(4);
        assertThat(keysUnder(preprocess)).hasSize(3);
        assertThat(keysUnder(trainB)).hasSize(4);
        given().get("/runs/" + runB + "/artifacts/train/model").then().statusCode(200);
        given().get("/runs/" + runB + "/artifacts/generate/dataset").then().statusCode(200);

        // the promoted model stays: deleting the run that made it is refused
        store.put(ArtifactKeys.promotedModel(), codec.mapper().writeValueAsBytes(Map.of("modelId", "model-x",
                "model", codec.mapper().convertValue(b.get("steps.train.outputs.model"), ArtifactRef.class),
                "runId", runB)), "application/json");
        given().post("/runs/" + runB + "/delete").then().statusCode(409)
                .body("error", containsString("promoted model")).body("error", containsString(trainB));
        assertThat(keysUnder(trainB)).hasSize(4);

        // an output whose object is gone from the store is not found, by HEAD as by GET (HEAD said 200)
        given().head("/runs/" + runB + "/artifacts/evaluate/report").then().statusCode(200);
        store.delete(List.of(b.getString("steps.evaluate.outputs.report.key")));
        given().get("/runs/" + runB + "/artifacts/evaluate/report").then().statusCode(404);
        given().head("/runs/" + runB + "/artifacts/evaluate/report").then().statusCode(404);
    }

    @Test
    void anUnfinishedRunIsNotDeleted() throws InterruptedException {
        String runId = "ret-running-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(Map.of("pipeline", "train-and-serve", "runId", runId))
                .post("/runs").then().statusCode(201);
        given().post("/runs/" + runId + "/delete").then().statusCode(409)
                .body("error", containsString("cancel it first"));
        given().get("/runs/" + runId).then().statusCode(200);
        given().delete("/runs/" + runId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        // its generate attempt was sent and has not said it stopped: it could still write under the run
        given().post("/runs/" + runId + "/delete").then().statusCode(409)
                .body("error", containsString("is stopping: attempt 1 of step generate has not ended yet"));
        mine.add(runId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        io.restassured.response.Response deleted = given().post("/runs/" + runId + "/delete");
        while (deleted.statusCode() == 409 && System.nanoTime() < deadline) {
            play(); // the step service finds the stop request and says the attempt was cancelled
            Thread.sleep(200);
            deleted = given().post("/runs/" + runId + "/delete");
        }
        deleted.then().statusCode(200).body("runs[0].runId", equalTo(runId));
        given().get("/runs/" + runId).then().statusCode(404);
        given().post("/runs/no-such-run/delete").then().statusCode(404);
        given().post("/runs/" + runId + "/delete?dryRun=yes").then().statusCode(400)
                .body("error", containsString("dryRun must be true or false"));
        for (String bare : List.of("?dryRun", "?dryRun=")) { // deleted for real until 2026-12-07
            given().post("/runs/" + runId + "/delete" + bare).then().statusCode(400)
                    .body("error", containsString("dryRun needs a value"));
        }
        given().post("/runs/" + runId + "/delete?dryRun=true&dryRun=false").then().statusCode(400)
                .body("error", containsString("dryRun is given 2 times"));
        given().get("/runs/" + runId + "/logs/generate?attempt=first").then().statusCode(400);
        given().post("/runs/" + runId + "/delete").then().statusCode(404);
    }

    @Test
    void theRetentionDryRunListsWhatApplyThenDeletes() throws Exception {
        int seed = 1000 + (int) (Math.random() * 1_000_000);
        JsonPath older = runToTheEnd(seed, 1);
        JsonPath old = runToTheEnd(seed, 2);
        JsonPath newest = runToTheEnd(seed, 3);
        String query = "?keepLast=1&pipeline=train-and-serve";

        JsonPath dryRun = given().get("/retention" + query).then().statusCode(200).extract().jsonPath();
        List<String> listed = dryRun.getList("runs.runId", String.class);
        assertThat(listed).contains(older.getString("runId"), old.getString("runId"))
                .doesNotContain(newest.getString("runId"));
        assertThat(dryRun.getList("runs.why", String.class)).allMatch(why -> why.equals(
                "not among the newest 1 finished run(s) of train-and-serve"));
        assertThat(cli(0, "retention", "--keep-last", "1", "--pipeline", "train-and-serve"))
                .contains("would delete " + older.getString("runId"))
                .contains("would delete " + listed.size() + " run(s), " + dryRun.getLong("objects") + " object(s)");
        for (String runId : listed) {
            given().get("/runs/" + runId).then().statusCode(200);
        }

        JsonPath applied = given().post("/retention" + query).then().statusCode(200).extract().jsonPath();
        assertThat(applied.getBoolean("dryRun")).isFalse();
        assertThat(applied.getList("runs.runId", String.class)).isEqualTo(listed);
        assertThat(applied.getLong("objects")).isEqualTo(dryRun.getLong("objects"));
        assertThat(applied.getLong("bytes")).isEqualTo(dryRun.getLong("bytes"));
        for (String runId : listed) {
            given().get("/runs/" + runId).then().statusCode(404);
            assertThat(keysUnder("runs/" + runId + "/")).isEmpty();
        }
        assertThat(keysUnder(prefix(older, "train", "model"))).isEmpty();
        assertThat(keysUnder(prefix(old, "evaluate", "report"))).isEmpty();
        assertThat(keysUnder(prefix(newest, "train", "model"))).hasSize(4);
        assertThat(keysUnder(prefix(newest, "generate", "dataset"))).hasSize(4);
        given().get("/runs/" + newest.getString("runId") + "/logs/train").then().statusCode(200);
        assertThat(given().get("/retention" + query).then().statusCode(200).extract().jsonPath()
                .getList("runs")).isEmpty();
        given().get("/retention?keepLast=lots").then().statusCode(400).body("error", containsString("keepLast"));
        given().get("/retention?pipeline=trian-and-serve").then().statusCode(400)
                .body("error", containsString("'trian-and-serve' is neither defined"));
        given().post("/retention?pipeline=trian-and-serve&keepLast=0").then().statusCode(400);
        // a blank name covered every pipeline while the answer said it covered one (a probe, 2026-12-07, night)
        for (String blank : new String[] {"%20", "%09", "%20%20"}) {
            given().urlEncodingEnabled(false).get("/retention?keepLast=1&pipeline=" + blank).then().statusCode(400)
                    .body("error", containsString("pipeline is blank"));
            given().urlEncodingEnabled(false).post("/retention?keepLast=0&pipeline=" + blank).then().statusCode(400);
        }
        given().get("/retention?maxAge=soon").then().statusCode(400).body("error", containsString("maxAge"));
    }
}
