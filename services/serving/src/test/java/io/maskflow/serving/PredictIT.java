package io.maskflow.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Heads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A promotion on Kafka swaps the served model; photos get answers, bad bodies get 4xx with a reason. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PredictIT {

    @Inject
    ArtifactStore store;
    @Inject
    ModelHolder models;

    private static byte[] photo(String format) throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.PINK);
        g.fillOval(90, 100, 200, 280);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void swapsToAPromotedModelAndAnswersPhotos() throws Exception {
        ArtifactRef model = TestModels.untrained(store, 48, Heads.THREE);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.MODELS_PROMOTED)) {
            kafka.send(Topics.MODELS_PROMOTED, "run-x", EventCodec.instance().encode(new ModelPromotedEvent(
                    Event.SCHEMA_VERSION, "run-x", "evaluate", null, "model-48", model, null, Map.of("macroF1", 0.1),
                    null)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "model-48".equals(given().get("/models").then()
                .extract().path("modelId")));
        given().get("/models").then().body("imageSize", equalTo(48));
        given().get("/q/health/ready").then().statusCode(200);

        for (String format : List.of("jpeg", "png")) {
            Map<String, Object> answer = given().contentType("image/" + format).body(photo(format))
                    .post("/predict").then().statusCode(200).body("modelId", equalTo("model-48"))
                    .extract().jsonPath().getMap("");
            assertThat((Integer) answer.get("class")).isBetween(0, 17);
            @SuppressWarnings("unchecked")
            List<Float> p = (List<Float>) answer.get("probabilities");
            assertThat(p).hasSize(18);
            double total = 0;
            for (Float probability : p) {
                total += probability;
            }
            assertThat(total).isBetween(0.999, 1.001);
            assertThat(answer).containsKeys("mask", "gender", "age", "label", "latencyMs");
        }
    }

    @Test
    void refusesBadBodiesWith4xxAndKeepsAnswering() throws Exception {
        if (models.current().isEmpty()) {
            models.load("test-model", TestModels.untrained(store, 32, Heads.THREE));
        }
        given().contentType("image/jpeg").body(new byte[0]).post("/predict").then().statusCode(400)
                .body("error", containsString("empty"));
        given().contentType("image/jpeg").body("not an image at all".getBytes()).post("/predict").then()
                .statusCode(400).body("error", containsString("not a JPEG or PNG"));
        byte[] jpeg = photo("jpeg");
        given().contentType("image/jpeg").body(Arrays.copyOf(jpeg, jpeg.length / 2)).post("/predict").then()
                .statusCode(400).body("error", containsString("truncated"));
        given().contentType("image/png").body(bomb()).post("/predict").then().statusCode(400)
                .body("error", containsString("pixels"));
        given().contentType("application/json").body("{}").post("/predict").then().statusCode(415);
        given().contentType("image/jpeg").body(jpeg).post("/predict").then().statusCode(200);
        given().accept("text/plain").get("/q/metrics").then()
                .body(containsString("maskflow_inference_requests_total{outcome=\"bad-input\""))
                .body(containsString("maskflow_inference_latency_seconds_count"));
    }

    /** A PNG whose header claims 60000 x 60000 pixels. */
    private static byte[] bomb() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, (byte) 0xea, 0x60, 0, 0, (byte) 0xea, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0};
        return Arrays.copyOf(png, 4096);
    }
}
