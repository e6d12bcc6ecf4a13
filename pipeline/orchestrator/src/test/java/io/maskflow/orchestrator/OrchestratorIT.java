package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.orchestrator.cli.Cli;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator against the real broker and S3 server, with the step services played by the test: it answers
 * each command on the step topics with STARTED and SUCCEEDED events, as a service built on the SDK would.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OrchestratorIT {

    @TestHTTPResource
    URL url;

    private final EventCodec codec = EventCodec.instance();
    private TopicWatcher kafka;
    private StepPlayer steps;

    @BeforeEach
    void connect() {
        kafka = StepPlayer.watch(LocalStack.shared());
        steps = new StepPlayer(kafka);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Plays the step services until the run is final; returns the commands it saw for the run. */
    private List<StepCommand> playStepsUntilFinal(String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            steps.answer(c -> true);
            // until the orchestrator has read the request, the answer is a 404 whose "status" is the HTTP code
            var response = given().get("/runs/" + runId);
            String status = response.statusCode() == 200 ? response.path("status") : null;
            if (status != null && RunStatus.valueOf(status).isFinal()) {
                return steps.commandsOf(runId);
            }
        }
        throw new AssertionError("run " + runId + " did not finish: " + given().get("/runs/" + runId).asString());
    }

    @Test
    void aRunRequestFromKafkasConsoleProducerRunsToTheEnd() {
        String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "{\"schemaVersion\":1,\"runId\":\"" + runId + "\",\"pipeline\":\"train-and-serve\","
                + "\"parameters\":{\"epochs\":3}}";
        LocalStack.shared().consoleProduce(Topics.RUNS_REQUESTED, request);

        List<StepCommand> commands = playStepsUntilFinal(runId);

        given().get("/runs/" + runId).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("outputs.model.key", equalTo("fake/" + runId + "/train"))
                .body("steps.train.spec.parameters.epochs", equalTo(3));
        assertThat(commands).extracting(StepCommand::stepId).containsExactly("generate", "preprocess", "train",
                "evaluate");
        List<String> lifecycle = kafka.await(Topics.RUNS_EVENTS, json -> json.contains(runId)
                && json.contains("\"stepId\":\"run\""), 2, Duration.ofSeconds(10));
        assertThat(lifecycle.stream().map(j -> codec.decode(j, RunStatusEvent.class).status()))
                .contains(RunStatus.ACCEPTED, RunStatus.SUCCEEDED);

        // the same request again starts nothing new, through Kafka or REST; another one under its id is refused
        LocalStack.shared().consoleProduce(Topics.RUNS_REQUESTED, request);
        given().contentType("application/json").body(Map.of("pipeline", "train-and-serve", "runId", runId,
                "parameters", Map.of("epochs", 3))).post("/runs").then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
        given().contentType("application/json").body(Map.of("pipeline", "train-and-serve", "runId", runId))
                .post("/runs").then().statusCode(409).body("error", containsString("is taken by another request"));
        assertThat(steps.commandsOf(runId)).hasSize(4);
    }

    @Test
    void aFailingStepIsRetriedThenFailsTheRunWithItsError() throws Exception {
        String runId = "fail-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(Map.of("pipeline", "train-and-serve", "runId", runId))
                .post("/runs").then().statusCode(201);
        int attempts = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "RUNNING";
        while (!status.equals("FAILED") && System.nanoTime() < deadline) {
            attempts += steps.fail(c -> c.runId().equals(runId), "the disk is full");
            status = given().get("/runs/" + runId).then().extract().path("status");
            Thread.sleep(100);
        }
        assertThat(attempts).as("one try and two retries").isEqualTo(3);
        given().get("/runs/" + runId).then().body("status", equalTo("FAILED"))
                .body("reason", equalTo("step generate failed after 3 attempt(s): internal-error: the disk is full"))
                .body("steps.generate.attempt", equalTo(3))
                .body("steps.preprocess.phase", equalTo("CANCELLED"));
        assertThat(steps.commandsOf(runId)).extracting(StepCommand::attempt).containsExactly(1, 2, 3);
    }

    @Test
    void servesItsOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/runs/{runId}"))
                .body(containsString("/pipelines"));
    }

    @Test
    void invalidRequestsAreRejectedWithTheReasonAndGarbageIsDeadLettered() {
        assertThat(rejectedReason("bad-", "\"pipeline\":\"train-and-serve\",\"parameters\":{\"epochs\":\"many\"}"))
                .isEqualTo("parameter 'epochs' must be int, got 'many'");
        // a bucket name S3 does not allow is the requester's mistake: it was taken for a store outage, and the
        // request was dropped without a word
        assertThat(rejectedReason("bucket-", "\"pipeline\":\"train-on-dataset\",\"parameters\":"
                + "{\"dataset\":\"s3://UPPER_bad!/x\"}")).contains("'UPPER_bad!' is not an S3 bucket name");
        assertThat(rejectedReason("null-", "\"pipeline\":\"train-and-serve\",\"parameters\":"
                + "{\"persons\":null}")).contains("parameters: 'persons' is null; leave it out");

        kafka.send(Topics.RUNS_REQUESTED, "x", "definitely not json");
        assertThat(kafka.await(Topics.DEAD_LETTER, json -> json.contains("definitely not json"), 1,
                Duration.ofSeconds(30))).isNotEmpty();
    }

    /** Sends a run request (its fields after the run id) and returns the reason of the REJECTED event it gets. */
    private String rejectedReason(String prefix, String fields) {
        String runId = prefix + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.RUNS_REQUESTED, runId, "{\"schemaVersion\":1,\"runId\":\"" + runId + "\"," + fields + "}");
        return codec.decode(kafka.await(Topics.RUNS_EVENTS, json -> json.contains(runId)
                && json.contains("REJECTED"), 1, Duration.ofSeconds(30)).get(0), RunStatusEvent.class).reason();
    }

    @Test
    void theCommandLineSubmitsFollowsAndListsRuns() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Cli cli = new Cli(url.toString(), "http://127.0.0.1:1", new PrintStream(text, true, StandardCharsets.UTF_8));
        String runId = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(cli.run("submit", "train-and-serve", "-p", "epochs=2", "-p", "architecture=resnet18",
                "--run-id", runId)).isZero();
        assertThat(text.toString()).contains("run " + runId + " RUNNING");
        playStepsUntilFinal(runId);
        text.reset();
        assertThat(cli.run("run", runId, "--follow")).isZero();
        assertThat(text.toString()).contains("run " + runId + "  train-and-serve  SUCCEEDED", "train", "succeeded",
                "output model");
        text.reset();
        assertThat(cli.run("runs", "--pipeline", "train-and-serve")).isZero();
        assertThat(text.toString()).contains(runId);
        text.reset();
        assertThat(cli.run("submit", "train-and-serve", "-p", "epochs=lots")).isEqualTo(1);
        assertThat(text.toString()).contains("rejected: parameter 'epochs' must be int, got 'lots'");
        assertThat(cli.run("frobnicate")).isEqualTo(2);
    }

    @Test
    void theRestApiStartsListsShowsAndCancelsRuns() {
        given().get("/pipelines").then().statusCode(200)
                .body("name", hasItems("train-and-serve", "kfold-ensemble", "sweep", "pseudo-label"));
        given().get("/pipelines/kfold-ensemble").then().statusCode(200).body("parameters.folds.type", equalTo("int"))
                .body("graph.steps.find { it.id == 'evaluate' }.inputs.find { it.name == 'model' }.from[0].kind",
                        equalTo("model"));
        given().get("/pipelines/nope").then().statusCode(404).body("error", containsString("no pipeline"));
        given().contentType("application/json").body(Map.of("pipeline", "nope")).post("/runs").then()
                .statusCode(400).body("error", containsString("no pipeline 'nope'"));

        String runId = given().contentType("application/json")
                .body(Map.of("pipeline", "kfold-ensemble", "parameters", Map.of("folds", 2)))
                .post("/runs").then().statusCode(201).body("status", equalTo("RUNNING")).extract().path("runId");
        given().queryParam("pipeline", "kfold-ensemble").get("/runs").then().statusCode(200)
                .body("runs.runId", hasItems(runId));
        given().delete("/runs/" + runId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/runs/" + runId).then().body("steps.generate.phase", equalTo("CANCELLED"));
        given().delete("/runs/nothing-here").then().statusCode(404);
        given().queryParam("status", "bogus").get("/runs").then().statusCode(400)
                .body("error", containsString("status must be one of [accepted, rejected, running"));
    }
}
