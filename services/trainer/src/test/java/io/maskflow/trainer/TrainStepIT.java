package io.maskflow.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.ModelArtifact;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A train command through the real broker trains from shards in the real S3 server and stores the model, its
 * curves and its checkpoints; the REST jobs API starts, follows and cancels trainings.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TrainStepIT {

    @Inject
    ArtifactStore store;

    private ArtifactRef shardIndex() throws Exception {
        return shardIndex(null);
    }

    /** 60 learnable persons in the store; {@code ages} for the index, or null for an index without them. */
    private ArtifactRef shardIndex(int[] ages) throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        List<ShardRecord> records = TrainingRunnerTest.learnable(60, 3);
        Path file = Files.createTempFile("shard", ".bin");
        try (ShardWriter writer = new ShardWriter(file, TrainingRunnerTest.SIZE, TrainingRunnerTest.SIZE)) {
            for (ShardRecord r : records) {
                writer.write(r);
            }
        }
        ArtifactRef shard = store.put(root + "shards/shard-00000.bin", file, "application/octet-stream");
        ShardIndex index = new ShardIndex(TrainingRunnerTest.SIZE, 3, records.size(),
                List.of(new ShardIndex.Shard(shard, records.size())), new int[18], new double[18], Map.of(), 3,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 60, Map.of(), Map.of(), ages);
        return store.put(root + "index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }

    private StepStatusEvent train(ArtifactRef indexRef, Map<String, Object> params) {
        EventCodec codec = EventCodec.instance();
        String runId = "train-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            kafka.send(StepType.TRAIN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "train",
                    StepType.TRAIN, 1, params, Map.of("shards", indexRef))));
            return codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                    StepStatusEvent.class);
        }
    }

    /** Moving the 60+ cut in training needs the persons' ages, which shards prepared before version 7 lack. */
    @Test
    void aMovedAgeCutTrainsWithTheAgesTheShardsCarryAndIsRefusedWithout() throws Exception {
        Map<String, Object> params = Map.of("epochs", 1, "batchSize", 16, "trainOldAgeFrom", 58);
        StepStatusEvent refused = train(shardIndex(), params);
        assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
        assertThat(refused.error().code()).isEqualTo("invalid-parameters");
        assertThat(refused.error().message()).contains("trainOldAgeFrom needs each person's age",
                "preprocess the data set again");

        int[] ages = new int[60];
        Arrays.fill(ages, 58);
        StepStatusEvent trained = train(shardIndex(ages), params);
        assertThat(trained.status()).as(String.valueOf(trained.error())).isEqualTo(StepStatus.SUCCEEDED);
        long middleInTraining = TrainingRunnerTest.learnable(60, 3).stream()
                .filter(r -> r.fold() != 0 && r.label() % 3 == 1).count();
        assertThat(middleInTraining).isPositive();
        assertThat(trained.metrics()).containsEntry("imagesTrainedAsOld", (double) middleInTraining);
    }

    @Test
    void trainsFromShardsInTheStoreAndReportsEveryEpoch() throws Exception {
        ArtifactRef indexRef = shardIndex();
        EventCodec codec = EventCodec.instance();
        String runId = "train-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            kafka.send(StepType.TRAIN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "train",
                    StepType.TRAIN, 1, Map.of("epochs", 2, "batchSize", 16, "learningRate", 0.01, "loss", "focal",
                            "sampling", "weighted", "mix", "cutmix"), Map.of("shards", indexRef))));
            StepStatusEvent done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                    StepStatusEvent.class);
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsKeys("valMacroF1", "maskAccuracy", "genderAccuracy", "ageAccuracy");
            List<String> epochs = kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && json.contains("\"phase\":\"epoch\""), 2, Duration.ofSeconds(5));
            assertThat(epochs).hasSize(2);
            assertThat(epochs.get(1)).contains("imagesPerSecond", "etaSeconds");

            ArtifactRef modelRef = done.outputs().get("model");
            Path model = Files.createTempFile("model", ".zip");
            store.download(modelRef, model);
            assertThat(ModelArtifact.describe(model).trainingData()).isEqualTo(indexRef);
            assertThat(ModelArtifact.describe(model).parameters()).containsEntry("loss", "focal");
            byte[] plot = store.read(done.outputs().get("curvePlot"));
            assertThat(new String(plot, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            // the model is in the attempt's own folder; the checkpoints, which a retry resumes from, beside it in the
            // execution's folder
            String attempt = modelRef.key().substring(0, modelRef.key().lastIndexOf('/'));
            assertThat(attempt).endsWith("." + 1);
            String prefix = attempt.substring(0, attempt.lastIndexOf('/') + 1);
            assertThat(store.exists(prefix + "checkpoint/state.json")).as("checkpoint under " + prefix).isTrue();
            // the training has ended: only what a resume needs is left (the state, the last and the best epoch's)
            Checkpoints.State state = codec.mapper().readValue(store.read(store.stat(prefix
                    + "checkpoint/state.json").orElseThrow()), Checkpoints.State.class);
            assertThat(state.epoch()).isEqualTo(2);
            assertThat(store.list(prefix + "checkpoint/").stream().map(ArtifactRef::key)).as("checkpoints left")
                    .containsExactlyInAnyOrder(prefix + "checkpoint/state.json", prefix + "checkpoint/epoch-2.zip",
                            prefix + "checkpoint/best-" + state.bestEpoch() + ".zip");
            Path latest = Files.createTempFile("latest", ".zip");
            Path best = Files.createTempFile("best", ".zip");
            assertThat(new StoreCheckpoints(store, prefix).restore(latest, best)).as("a resume after pruning")
                    .contains(state);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("maskflow_training_val_macro_f1"))
                .body(containsString("maskflow_training_epochs_total"));
    }

    @Test
    void anEmptyPseudoLabelSetSkipsTheRetrainAndSaysSo() throws Exception {
        ArtifactRef indexRef = shardIndex();
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef unchanged = store.put(root + "first/model.zip", "the first model".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "application/zip");
        ArtifactRef empty = store.put(root + "pseudo/train/train.csv", "id,gender,race,age,path\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        ArtifactRef one = store.put(root + "pseudo-one/train/train.csv", ("id,gender,race,age,path\n"
                + "900000,female,Asian,45,900000_female_Asian_45\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv");
        EventCodec codec = EventCodec.instance();
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            String runId = "retrain-" + UUID.randomUUID().toString().substring(0, 8);
            kafka.send(StepType.TRAIN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "retrain",
                    StepType.TRAIN, 1, Map.of("epochs", 1, "batchSize", 16), Map.of("shards", indexRef,
                            "pseudoLabels", empty, "unchanged", unchanged))));
            StepStatusEvent done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                    StepStatusEvent.class);
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.outputs()).containsExactly(Map.entry("model", unchanged));
            assertThat(done.metrics()).containsEntry("pseudoLabels", 0.0).containsEntry("retrainSkipped", 1.0);
            assertThat(kafka.seen().stream().map(r -> r.value()).filter(json -> json.contains(runId)))
                    .anyMatch(json -> json.contains("pseudoLabels=0: retrain skipped"))
                    .noneMatch(json -> json.contains("\"phase\":\"epoch\""));

            // one pseudo-label is something to learn from: it trains
            String trained = "retrain-" + UUID.randomUUID().toString().substring(0, 8);
            kafka.send(StepType.TRAIN.commandTopic(), trained, codec.encode(StepCommand.of(trained, "retrain",
                    StepType.TRAIN, 1, Map.of("epochs", 1, "batchSize", 16), Map.of("shards", indexRef,
                            "pseudoLabels", one, "unchanged", unchanged))));
            StepStatusEvent again = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(trained)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                    StepStatusEvent.class);
            assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(again.outputs().get("model")).isNotEqualTo(unchanged);
            assertThat(again.metrics()).containsKey("valMacroF1").doesNotContainKey("retrainSkipped");
        }
    }

    @Test
    void restStartsFollowsAndCancelsTrainingJobs() throws Exception {
        ArtifactRef indexRef = shardIndex();
        String id = given().contentType(ContentType.JSON).body(Map.of("shards", indexRef.key(), "parameters",
                Map.of("epochs", 2, "batchSize", 16))).post("/jobs").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING")).extract().path("id");
        await().atMost(Duration.ofSeconds(120)).until(() -> !List.of("QUEUED", "RUNNING").contains(
                given().get("/jobs/" + id).then().statusCode(200).extract().path("status")));
        given().get("/jobs/" + id).then().body("status", equalTo("SUCCEEDED")).body("curve.size()", equalTo(2))
                .body("outputs.model.key", equalTo("jobs/train/" + id + "/model.zip"));

        String slow = given().contentType(ContentType.JSON).body(Map.of("shards", indexRef.key(), "parameters",
                Map.of("epochs", 500, "batchSize", 4))).post("/jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(given().get("/jobs/" + slow).then()
                .extract().path("status")));
        given().delete("/jobs/" + slow).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(given().get("/jobs/" + slow)
                .then().extract().path("status")));
        given().delete("/jobs/" + slow).then().statusCode(409);
        given().get("/jobs").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItems(id, slow));
    }

    @Test
    void badJobRequestsGetClearErrors() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("shards", "no/such/index.json")).post("/jobs").then()
                .statusCode(404).body("error", containsString("no/such/index.json"));
        given().contentType(ContentType.JSON).body(Map.of("parameters", Map.of())).post("/jobs").then()
                .statusCode(400).body("error", containsString("shards is missing"));
        given().contentType(ContentType.JSON).body(Map.of("shards", shardIndex().key(), "parameters",
                Map.of("architecture", "vgg"))).post("/jobs").then().statusCode(400)
                .body("error", containsString("architecture"));
        given().delete("/jobs/nope").then().statusCode(404);
    }
}
