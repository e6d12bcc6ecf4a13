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
import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A promotion on Kafka swaps the served model; photos get answers, bad bodies get 4xx with a reason. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PredictIT {

    @Inject
    ArtifactStore store;
    @Inject
    ModelHolder models;

    @Test
    void swapsToAPromotedModelAndAnswersPhotos() throws Exception {
        ArtifactRef model = TestModels.untrained(store, 48, Heads.THREE);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.MODELS_PROMOTED)) {
            kafka.send(Topics.MODELS_PROMOTED, "run-x", EventCodec.instance().encode(new ModelPromotedEvent(
                    Event.SCHEMA_VERSION, "run-x", "evaluate", null, "model-48", model, null, Map.of("macroF1", 0.1),
                    null, null)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "model-48".equals(given().get("/models").then()
                .extract().path("modelId")));
        given().get("/models").then().body("imageSize", equalTo(48));
        given().get("/q/health/ready").then().statusCode(200);

        for (String format : List.of("jpeg", "png")) {
            Map<String, Object> answer = given().contentType("image/" + format).body(TestModels.photo(format))
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
        // each worker's forward pass runs on one PyTorch thread (maskflow.serving.intra-op-threads), not on every
        // core: the workers run side by side
        assertThat(ai.djl.pytorch.jni.JniUtils.getNumThreads()).isEqualTo(1);
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
        byte[] jpeg = TestModels.photo("jpeg");
        given().contentType("image/jpeg").body(Arrays.copyOf(jpeg, jpeg.length / 2)).post("/predict").then()
                .statusCode(400).body("error", containsString("truncated"));
        given().contentType("image/png").body(TestModels.bomb()).post("/predict").then().statusCode(400)
                .body("error", containsString("pixels"));
        given().contentType("application/json").body("{}").post("/predict").then().statusCode(415);
        given().contentType("image/jpeg").body(jpeg).post("/predict").then().statusCode(200);
        // an answer the client does not take is a 406, as on every other endpoint (it was 200 with JSON)
        given().contentType("image/jpeg").accept("text/csv").body(jpeg).post("/predict").then().statusCode(406)
                .body("error", containsString("'text/csv'"));
        given().multiPart("image", "a.jpg", jpeg, "image/jpeg").accept("text/csv").post("/predict").then()
                .statusCode(406);
        given().contentType("image/jpeg").accept("text/csv;q=0.9, application/*").body(jpeg).post("/predict")
                .then().statusCode(200);
        // two Accept headers, JSON in the second: taken, as on every other endpoint (only the first was read: 406)
        RestAssuredConfig twoAccepts = RestAssured.config().headerConfig(HeaderConfig.headerConfig()
                .mergeHeadersWithName("Accept"));
        given().config(twoAccepts).contentType("image/jpeg").header("Accept", "text/csv")
                .header("Accept", "application/json").body(jpeg).post("/predict").then().statusCode(200);
        given().config(twoAccepts).multiPart("image", "a.jpg", jpeg, "image/jpeg").header("Accept", "text/csv")
                .header("Accept", "application/json").post("/predict").then().statusCode(200);
        given().accept("text/plain").get("/q/metrics").then()
                .body(containsString("maskflow_inference_requests_total{outcome=\"bad-input\""))
                .body(containsString("maskflow_inference_latency_seconds_count"));
    }
}
