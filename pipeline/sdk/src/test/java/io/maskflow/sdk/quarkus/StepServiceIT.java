package io.maskflow.sdk.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.step.EchoHandler;
import io.maskflow.sdk.store.ArtifactStore;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service built on the SDK, against the real broker and S3 server: commands go in through Kafka, outputs land
 * in the store, events come back through Kafka.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StepServiceIT {

    private static final String TOPIC = StepType.DATAGEN.commandTopic();

    @Inject
    EchoHandler handler;
    @Inject
    ArtifactStore store;

    private final EventCodec codec = EventCodec.instance();
    private TopicWatcher kafka;

    @BeforeEach
    void connect() {
        kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS, Topics.DEAD_LETTER);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private void send(String runId, String payload) {
        kafka.send(TOPIC, runId, payload);
    }

    private StepStatusEvent awaitFinal(String runId, int nth) {
        return kafka.await(Topics.STEPS_EVENTS, json -> {
            StepStatusEvent e = codec.decode(json, StepStatusEvent.class);
            return e.runId().equals(runId) && e.status().isFinal();
        }, nth, Duration.ofSeconds(60)).stream().map(json -> codec.decode(json, StepStatusEvent.class))
                .toList().get(nth - 1);
    }

    @Test
    void consumesACommandWritesItsOutputAndDoesNoWorkTwiceOrForGarbage() throws Exception {
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        int seed = (int) (System.nanoTime() % 100_000);
        StepCommand command = StepCommand.of(runId, "gen", StepType.DATAGEN, 1, Map.of("persons", 5, "seed", seed),
                Map.of());
        int runsBefore = handler.runs();

        send(runId, codec.encode(command));
        StepStatusEvent done = awaitFinal(runId, 1);
        assertThat(done.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(done.cached()).isFalse();
        ArtifactRef echo = done.outputs().get("dataset");
        assertThat(store.read(echo)).asString(StandardCharsets.UTF_8).isEqualTo("persons=5 seed=" + seed);

        // Checked with the MinIO client directly too, not only through Maskflow's store.
        MinioClient raw = MinioClient.builder().endpoint(LocalStack.shared().s3Endpoint())
                .credentials(LocalStack.shared().config().accessKey(), LocalStack.shared().config().secretKey())
                .build();
        StatObjectResponse before = raw.statObject(StatObjectArgs.builder().bucket(echo.bucket())
                .object(echo.key()).build());
        assertThat(before.size()).isEqualTo(echo.size());
        assertThat(before.userMetadata()).containsEntry("sha256", echo.sha256());

        // The same command again (a redelivery): the recorded result comes back, no work, no second write.
        send(runId, codec.encode(command));
        StepStatusEvent again = awaitFinal(runId, 2);
        assertThat(again).isEqualTo(done);
        assertThat(handler.runs()).isEqualTo(runsBefore + 1);
        StatObjectResponse after = raw.statObject(StatObjectArgs.builder().bucket(echo.bucket())
                .object(echo.key()).build());
        assertThat(after.lastModified()).isEqualTo(before.lastModified());
        assertThat(after.etag()).isEqualTo(before.etag());

        // Garbage goes to the dead-letter topic with the reason, and the service keeps working.
        send("junk", "this is not an event");
        DeadLetterEvent dead = codec.decode(kafka.await(Topics.DEAD_LETTER,
                json -> json.contains("this is not an event"), 1, Duration.ofSeconds(30)).get(0),
                DeadLetterEvent.class);
        assertThat(dead.reason()).contains("not JSON");
        assertThat(dead.sourceTopic()).isEqualTo(TOPIC);

        String nextRun = runId + "-b";
        send(nextRun, codec.encode(StepCommand.of(nextRun, "gen", StepType.DATAGEN, 1,
                Map.of("persons", 5, "seed", seed), Map.of())));
        StepStatusEvent cached = awaitFinal(nextRun, 1);
        assertThat(cached.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(cached.cached()).as("same inputs and parameters as the first run").isTrue();
        assertThat(cached.outputs()).isEqualTo(done.outputs());
        assertThat(handler.runs()).isEqualTo(runsBefore + 1);

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'artifact-store' }.status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("maskflow_steps_total{outcome=\"succeeded\",step=\"datagen\"}"))
                .body(containsString("maskflow_steps_total{outcome=\"dead-lettered\",step=\"datagen\"}"))
                .body(containsString("maskflow_step_duration_seconds_count"))
                .body(containsString("maskflow_artifact_bytes_total{direction=\"written\"}"));
    }

    @Test
    void everyBodyOverTheLimitGetsItsJson413EvenWhenItIsStillBeingSent() throws Exception {
        // the answer goes out before the body has arrived; closing the connection at once made the client's next
        // write meet a reset that sometimes discarded the answer ("header parser received no bytes")
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            try {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + "/jobs")).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 413 || !response.body().contains("is larger than the 10485760 bytes")) {
                    wrong.add(i + ": " + response.statusCode() + " " + response.body());
                }
            } catch (java.io.IOException e) {
                wrong.add(i + ": no answer: " + e);
            }
        }
        assertThat(wrong).isEmpty();
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
