package io.maskflow.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.maskflow.dev.LocalStackResource;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Heads;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A photo sent as the raw body of {@code POST /predict} is answered by {@link PredictRoute} on the event loop, with
 * what RESTEasy answers for the same photo sent as a form; every request that is not plain goes on to RESTEasy.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PredictRouteTest {

    private static final int SIZE = 32;

    @Inject
    ArtifactStore store;
    @Inject
    ModelHolder models;
    @Inject
    PredictRoute route;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void loadAModel() throws Exception {
        if (models.current().isEmpty() || models.current().get().descriptor().imageSize() != SIZE
                || models.current().get().members() != 1) {
            models.load("route-model", TestModels.untrained(store, SIZE, Heads.THREE));
        }
    }

    private double requests(String outcome) {
        var counter = registry.find("maskflow.inference.requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRawPhotoIsAnsweredOnTheEventLoopWithWhatTheFormAnswers() throws Exception {
        byte[] jpeg = TestModels.photo("jpeg");
        long before = route.answered();
        double ok = requests("ok");
        Response raw = given().contentType("image/jpeg").body(jpeg).post("/predict");
        raw.then().statusCode(200).contentType("application/json").body("modelId", equalTo("route-model"))
                .body("probabilities", hasSize(18)).body("modelVersion", equalTo(models.current().orElseThrow().ref()
                        .sha256().substring(0, 12)));
        assertThat(route.answered()).as("answered by the route").isEqualTo(before + 1);
        assertThat(requests("ok")).as("counted as the other endpoints count").isEqualTo(ok + 1);

        Response form = given().multiPart("image", "face.jpg", jpeg, "image/jpeg").post("/predict");
        form.then().statusCode(200);
        assertThat(route.answered()).as("a form goes to RESTEasy").isEqualTo(before + 1);
        for (String field : List.of("class", "mask", "gender", "age", "label", "modelId", "modelVersion")) {
            assertThat(raw.jsonPath().getString(field)).as(field).isEqualTo(form.jsonPath().getString(field));
        }
        List<Float> rawP = raw.jsonPath().getList("probabilities", Float.class);
        List<Float> formP = form.jsonPath().getList("probabilities", Float.class);
        for (int c = 0; c < 18; c++) {
            assertThat(rawP.get(c)).as("probability %d", c).isCloseTo(formP.get(c),
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(raw.jsonPath().getDouble("latencyMs")).isPositive();
        // application/octet-stream is a photo's type too
        given().contentType("application/octet-stream").body(TestModels.photo("png")).post("/predict").then()
                .statusCode(200);
        assertThat(route.answered()).isEqualTo(before + 2);
    }

    @Test
    void aPhotoThePreparerRefusesGetsTheSame400EitherWay() throws Exception {
        byte[] truncated = Arrays.copyOf(TestModels.photo("jpeg"), 300);
        long before = route.answered();
        double bad = requests("bad-input");
        String raw = given().contentType("image/jpeg").body(truncated).post("/predict").then().statusCode(400)
                .body("status", equalTo(400)).extract().path("error");
        assertThat(route.answered()).isEqualTo(before + 1);
        assertThat(requests("bad-input")).isEqualTo(bad + 1);
        String form = given().multiPart("image", "a.jpg", truncated, "image/jpeg").post("/predict").then()
                .statusCode(400).extract().path("error");
        assertThat(raw).isEqualTo(form).isNotBlank();
        given().contentType("image/png").body("not a photo at all".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/predict").then().statusCode(400);
        assertThat(route.answered()).isEqualTo(before + 2);
    }

    @Test
    void whatIsNotAPlainPhotoGoesOnToRestEasyAndIsAnsweredAsBefore() throws Exception {
        byte[] jpeg = TestModels.photo("jpeg");
        long before = route.answered();
        given().contentType("image/jpeg").accept("text/csv").body(jpeg).post("/predict").then().statusCode(406);
        given().contentType("text/plain").body(jpeg).post("/predict").then().statusCode(415);
        given().contentType("image/jpeg").queryParam("model", "other").body(jpeg).post("/predict").then()
                .statusCode(400).body("error", containsString("model"));
        given().contentType("image/jpeg").body(new byte[0]).post("/predict").then().statusCode(400)
                .body("error", containsString("empty"));
        given().contentType("image/jpeg").body(jpeg).post("/predict/").then().statusCode(200);
        assertThat(route.answered()).as("none of them was answered by the route").isEqualTo(before);
    }

    @Test
    void onlyThePlainRawPhotosHeadersAreTaken() {
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Length", "100"))).isTrue();
        assertThat(PredictRoute.plain(headers("Content-Type", "IMAGE/PNG; q=1", "Content-Length", "1",
                "Accept", "application/json"))).isTrue();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg"))).as("chunked").isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Length", "0"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Length", "x"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Length", "100"))).as("no type").isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/gif", "Content-Length", "100"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "multipart/form-data; boundary=x",
                "Content-Length", "100"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Length", "100",
                "Accept", "text/csv"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Length", "100",
                "Expect", "100-continue"))).isFalse();
        assertThat(PredictRoute.plain(headers("Content-Type", "image/jpeg", "Content-Type", "image/png",
                "Content-Length", "100"))).as("two types").isFalse();
    }

    private static MultiMap headers(String... namesAndValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
