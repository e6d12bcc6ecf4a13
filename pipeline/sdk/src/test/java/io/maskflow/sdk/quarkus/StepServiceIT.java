package io.maskflow.sdk.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;

    @BeforeEach
    void connect() {
        String bootstrap = LocalStack.shared().kafkaBootstrap();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "it-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.STEPS_EVENTS, Topics.DEAD_LETTER));
    }

    @AfterEach
    void close() {
        producer.close();
        consumer.close();
    }

    private void send(String runId, String payload) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, runId, payload)).get();
    }

    private StepStatusEvent awaitFinal(String runId, int nth) {
        await().atMost(Duration.ofSeconds(60)).until(() -> finals(runId).size() >= nth);
        return finals(runId).get(nth - 1);
    }

    private List<StepStatusEvent> finals(String runId) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> r.topic().equals(Topics.STEPS_EVENTS))
                .map(r -> codec.decode(r.value(), StepStatusEvent.class))
                .filter(e -> e.runId().equals(runId) && e.status().isFinal()).toList();
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
        ArtifactRef echo = done.outputs().get("echo");
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
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            finals(runId);
            return seen.stream().anyMatch(r -> r.topic().equals(Topics.DEAD_LETTER)
                    && r.value().contains("this is not an event"));
        });
        DeadLetterEvent dead = seen.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER))
                .map(r -> codec.decode(r.value(), DeadLetterEvent.class))
                .filter(d -> d.payload().equals("this is not an event")).findFirst().orElseThrow();
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
}
