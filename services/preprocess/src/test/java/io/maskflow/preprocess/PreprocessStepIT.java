package io.maskflow.preprocess;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A preprocess command through the real broker turns a data set in the S3 server into shards there. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PreprocessStepIT {

    @Inject
    ArtifactStore store;

    @Test
    void preprocessesADataSetFromTheStoreIntoShards() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        byte[] jpeg = TestData.jpeg(384, 512, Color.GREEN);
        for (int i = 1; i <= 6; i++) {
            String folder = String.format("%06d_%s_Asian_%d", i, i % 2 == 0 ? "male" : "female", 20 + i * 7);
            csv.append(String.format("%06d,%s,Asian,%d,%s%n", i, i % 2 == 0 ? "male" : "female", 20 + i * 7, folder));
            for (String stem : Mask.fileStems()) {
                store.put(root + "train/images/" + folder + "/" + stem + ".jpg", jpeg, "image/jpeg");
            }
        }
        ArtifactRef trainCsv = store.put(root + "train/train.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
        EventCodec codec = EventCodec.instance();
        String runId = "pre-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            kafka.send(StepType.PREPROCESS.commandTopic(), runId, codec.encode(StepCommand.of(runId, "preprocess",
                    StepType.PREPROCESS, 1, Map.of("imageSize", 24, "folds", 3), Map.of("dataset", trainCsv))));
            StepStatusEvent done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(90)).get(0),
                    StepStatusEvent.class);
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsEntry("images", 42.0).containsEntry("excludedImages", 0.0);
            String index = new String(store.read(done.outputs().get("shards")), StandardCharsets.UTF_8);
            assertThat(index).contains("\"count\" : 42", "\"imageSize\" : 24");
            ArtifactRef shard = store.list(done.outputs().get("shards").key().replace("index.json", "shards/"))
                    .get(0);
            try (InputStream in = store.open(shard); ShardReader reader = new ShardReader(in)) {
                assertThat(reader.count()).isEqualTo(42);
                assertThat(reader.next().pixels()).hasSize(24 * 24 * 3);
            }
            assertThat(new String(store.read(done.outputs().get("reportText")), StandardCharsets.UTF_8))
                    .contains("no problems found");
            given().queryParam("key", done.outputs().get("reportText").key()).get("/jobs/report").then()
                    .statusCode(200).body(containsString("persons used 6, images used 42"));
        }
    }

    @Test
    void aZipUploadedOverRestBecomesADataSetAJobCanUse() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        byte[] jpeg = TestData.jpeg(384, 512, Color.ORANGE);
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("mydata/train/train.csv"));
            out.write("id,gender,race,age,path\n000001,male,Asian,33,000001_male_Asian_33\n"
                    .getBytes(StandardCharsets.UTF_8));
            for (String stem : Mask.fileStems()) {
                out.putNextEntry(new ZipEntry("mydata/train/images/000001_male_Asian_33/" + stem + ".jpg"));
                out.write(jpeg);
            }
        }
        String dataset = given().contentType("application/zip").body(zip.toByteArray()).post("/jobs/uploads")
                .then().statusCode(201).body("files", equalTo(8)).extract().path("dataset");
        assertThat(dataset).matches("blobs/sha256/[0-9a-f]{2}/[0-9a-f]{64}/dataset/train/train.csv");
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            String runId = given().contentType("application/json").body(Map.of("dataset", dataset,
                    "parameters", Map.of("imageSize", 16))).post("/jobs").then().statusCode(202).extract()
                    .path("runId");
            StepStatusEvent done = EventCodec.instance().decode(kafka.await(Topics.STEPS_EVENTS,
                    json -> json.contains(runId) && json.contains("SUCCEEDED"), 1, Duration.ofSeconds(60)).get(0),
                    StepStatusEvent.class);
            assertThat(done.metrics()).containsEntry("images", 7.0);
        }
        given().contentType("application/zip").body("not a zip".getBytes()).post("/jobs/uploads").then()
                .statusCode(400).body("error", containsString("not a readable zip"));
    }

    @Test
    void startsAJobOverRestAndRefusesBadOnes() throws Exception {
        ArtifactRef csv = store.put("it/" + UUID.randomUUID() + "/train/train.csv",
                "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            String runId = given().contentType("application/json").body(Map.of("dataset", csv.key()))
                    .post("/jobs").then().statusCode(202).extract().path("runId");
            String failed = kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && json.contains("FAILED"), 1, Duration.ofSeconds(60)).get(0);
            assertThat(EventCodec.instance().decode(failed, StepStatusEvent.class).error().code())
                    .isEqualTo("empty-dataset");
        }
        given().contentType("application/json").body(Map.of("dataset", "no/such/train.csv")).post("/jobs").then()
                .statusCode(404).body("error", containsString("no object"));
        given().contentType("application/json").body(Map.of("dataset", csv.key(), "parameters",
                Map.of("folds", 1))).post("/jobs").then().statusCode(400).body("error", containsString("folds"));
        given().queryParam("key", "../../etc/passwd").get("/jobs/report").then().statusCode(400);
        given().contentType("application/json").body(Map.of("dataset", "../../etc/passwd")).post("/jobs").then()
                .statusCode(400).body("error", containsString("'../../etc/passwd'"));
        given().contentType("application/json").body("{\"dataset\":\"" + csv.key() + "\",\"paramters\":{}}")
                .post("/jobs").then().statusCode(400).body("error", containsString("paramters"));
    }
}
