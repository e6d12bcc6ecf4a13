package io.maskflow.datagen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A generation started over REST runs as a pipeline step through the real broker and lands in the S3 server. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DatagenStepIT {

    @Inject
    ArtifactStore store;

    @Test
    void generatesADataSetIntoTheStoreAndReportsProgress() throws Exception {
        EventCodec codec = EventCodec.instance();
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            String runId = given().contentType("application/json")
                    .body(Map.of("persons", 4, "evalPersons", 1, "seed", 11, "width", 192, "height", 256))
                    .when().post("/datasets").then().statusCode(202).body("stepId", equalTo("datagen"))
                    .extract().path("runId");

            List<StepStatusEvent> events = kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120))
                    .stream().map(json -> codec.decode(json, StepStatusEvent.class)).toList();
            StepStatusEvent done = events.get(0);
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsEntry("images", 35.0);
            assertThat(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId) && json.contains("PROGRESS"),
                    1, Duration.ofSeconds(5))).isNotEmpty();

            ArtifactRef trainCsv = done.outputs().get("trainCsv");
            List<PersonRecord> persons = CompetitionLayout.parseTrainCsv(new String(store.read(trainCsv),
                    StandardCharsets.UTF_8));
            assertThat(persons).hasSize(4);
            String root = trainCsv.key().substring(0, trainCsv.key().length() - CompetitionLayout.TRAIN_CSV.length());
            // the photos are in packs (one here: 35 small photos), read through the data set's files
            assertThat(store.list(root + CompetitionLayout.TRAIN_IMAGES)).isEmpty();
            assertThat(store.list(root + DatasetPacks.FOLDER)).hasSize(1);
            DatasetFiles files = DatasetFiles.open(store, trainCsv);
            assertThat(files.list(CompetitionLayout.TRAIN_IMAGES)).hasSize(28);
            assertThat(files.list(CompetitionLayout.EVAL_IMAGES)).hasSize(7);
            for (String photo : files.list(CompetitionLayout.TRAIN_IMAGES)) {
                assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(files.read(photo))))
                        .as(photo).isNotNull();
            }
            assertThat(done.outputs()).containsKeys("dataset", "evalInfo", "evalAnswers", "preview");

            // the contact sheet: a column of photos for each gender x age group the data set has, grey elsewhere
            java.awt.image.BufferedImage sheet = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    store.read(done.outputs().get("preview"))));
            assertThat(sheet.getWidth()).isEqualTo(6 * 120);
            long groups = persons.stream().map(p -> 3 * p.gender().value()
                    + io.maskflow.contracts.labels.AgeBands.COMPETITION.groupOf(p.age()).value()).distinct().count();
            int drawn = 0;
            for (int column = 0; column < 6; column++) {
                drawn += sheet.getRGB(column * 120 + 60, 16 + 80) != new java.awt.Color(235, 235, 235).getRGB() ? 1 : 0;
            }
            assertThat(drawn).as("columns with photos").isEqualTo((int) groups);
        }
    }

    /** A command that skipped the REST check (sent to the topic directly) with an unknown style fails, naming it. */
    @Test
    void aCommandWithAnUnknownStyleFailsWithTheReason() throws Exception {
        EventCodec codec = EventCodec.instance();
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            String runId = "style-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            kafka.send(StepType.DATAGEN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "generate",
                    StepType.DATAGEN, 1, Map.of("persons", 1, "evalPersons", 0, "style", "watercolour"), Map.of())));
            StepStatusEvent failed = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(60)).get(0),
                    StepStatusEvent.class);
            assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
            assertThat(failed.error().code()).isEqualTo("invalid-parameters");
            assertThat(failed.error().message()).contains("style must be one of [classic, inked, mixed, painted, "
                    + "sculpted, snapshot, studio], got 'watercolour'");
            assertThat(failed.error().retryable()).isFalse();
        }
    }
}
