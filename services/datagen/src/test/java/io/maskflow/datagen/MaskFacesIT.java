package io.maskflow.datagen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.dataset.CompetitionLayout;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The {@code mask-faces} step through the real broker and S3 server: face-api's six demo photos and generated bare
 * faces (two in a folder that names gender and age), a photo with no face and a broken one, become masked persons
 * of the competition layout; unknown genders and ages are estimated and marked so; the photos without a face, and a
 * file that is no photo, are reported, not fatal.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MaskFacesIT {

    private static final Path DEMO = Path.of("../vision/target/face-api/package/demo");

    @Inject
    ArtifactStore store;

    private static byte[] bareFace(int person) {
        return given().queryParam("seed", 42).queryParam("person", person).queryParam("photo", "normal").when()
                .get("/datasets/preview").then().statusCode(200).extract().asByteArray();
    }

    @Test
    void masksTheFacesOfRealAndGeneratedPhotosIntoPersonsOfTheCompetitionLayout() throws Exception {
        String root = "it/faces-" + UUID.randomUUID() + "/";
        for (int i = 1; i <= 6; i++) {
            store.put(root + "faces/demo/sample" + i + ".jpg", Files.readAllBytes(DEMO.resolve("sample" + i
                    + ".jpg")), "image/jpeg");
        }
        store.put(root + "faces/generated-1.jpg", bareFace(1), "image/jpeg");
        store.put(root + "faces/generated-3.jpg", bareFace(3), "image/jpeg");
        store.put(root + "faces/000777_female_Asian_61/front.jpg", bareFace(7), "image/jpeg");
        store.put(root + "faces/000778_male_Asian_59/front.jpg", bareFace(12), "image/jpeg");
        BufferedImage grey = new BufferedImage(320, 400, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        store.put(root + "faces/wall.png", png.toByteArray(), "image/png");
        store.put(root + "faces/broken.jpg", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}, "image/jpeg");
        store.put(root + "faces/notes.txt", "not a photo".getBytes(StandardCharsets.UTF_8), "text/plain");
        ArtifactRef photos = store.put(root + "dataset.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        EventCodec codec = EventCodec.instance();
        String runId = "faces-" + UUID.randomUUID().toString().substring(0, 8);
        StepStatusEvent done;
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            kafka.send(StepType.DATAGEN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "mask-faces",
                    StepType.DATAGEN, 1, Map.of("seed", 5, "maskTypes", List.of("surgical", "kn95")),
                    Map.of("photos", photos))));
            done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(180)).get(0),
                    StepStatusEvent.class);
        }
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(done.metrics()).containsEntry("photos", 12.0).containsEntry("skipped", 3.0)
                .containsEntry("persons", 10.0).containsEntry("estimated", 8.0).containsEntry("images", 70.0);

        ArtifactRef trainCsv = done.outputs().get("trainCsv");
        List<PersonRecord> persons = CompetitionLayout.parseTrainCsv(new String(store.read(trainCsv),
                StandardCharsets.UTF_8));
        assertThat(persons).hasSize(10);
        DatasetFiles files = DatasetFiles.open(store, trainCsv);
        assertThat(files.list(CompetitionLayout.TRAIN_IMAGES)).hasSize(70);

        JsonNode manifest = new ObjectMapper().readTree(store.read(done.outputs().get("dataset")));
        JsonNode known = null;
        for (JsonNode p : manifest.path("persons")) {
            if (p.path("photo").asText().equals("faces/000777_female_Asian_61/front.jpg")) {
                known = p;
            }
            if (p.path("photo").asText().startsWith("faces/demo/")) {
                assertThat(p.path("estimated").asBoolean()).isTrue();
                assertThat(p.path("genderProbability").asDouble()).isBetween(0.5, 1.0);
            }
        }
        assertThat(known).isNotNull();
        assertThat(known.path("estimated").asBoolean()).isFalse();
        assertThat(known.path("gender").asText()).isEqualTo("female");
        assertThat(known.path("age").asInt()).isEqualTo(61);
        assertThat(manifest.path("skipped").toString()).contains("faces/wall.png", "no face found",
                "faces/broken.jpg", "faces/notes.txt", "not a photo");

        // the masked photo differs from the bare one around the mouth; the normal photo is the bare face
        String folder = known.path("folder").asText();
        BufferedImage masked = ImageIO.read(new ByteArrayInputStream(files.read(CompetitionLayout.TRAIN_IMAGES
                + folder + "/mask1.jpg")));
        BufferedImage bare = ImageIO.read(new ByteArrayInputStream(files.read(CompetitionLayout.TRAIN_IMAGES
                + folder + "/normal.jpg")));
        assertThat(masked.getWidth()).isEqualTo(384);
        assertThat(bare.getHeight()).as("framed like the competition's photos").isEqualTo(512);
        assertThat(difference(masked, bare)).as("a mask changes the photo").isGreaterThan(2.0);
    }

    private static double difference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * (a.getHeight() / 2) * (a.getWidth() / 2));
    }
}
