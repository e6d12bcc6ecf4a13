package io.maskflow.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactKeys;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An admin promotes a model by hand (a rollback, say): the record in the store and the event are signed with the
 * promotion key like the gate's, so serving loads them; a missing key is refused, and so is an object that is not a
 * model or an ensemble (unit-tested in {@code PromotionResourceTest}).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PromotionByHandIT extends EvaluateFixtures {

    @ConfigProperty(name = "maskflow.store.bucket", defaultValue = "maskflow")
    String bucket;

    @Test
    void aModelPromotedByHandIsSignedLikeTheGatesPromotions() throws Exception {
        Optional<byte[]> before = store.stat(ArtifactKeys.promotedModel()).map(ref -> read(ref));
        ArtifactRef model = model("it/" + UUID.randomUUID() + "/", SIZE);
        PromotionSigner serving = PromotionSigner.of(LocalStack.shared().tokens().promotionKey(), true);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.MODELS_PROMOTED)) {
            String modelId = given().contentType("application/json")
                    .body("{\"model\":\"" + model.key() + "\",\"reason\":\"roll back\"}").post("/promotions").then()
                    .statusCode(200).body("model.sha256", equalTo(model.sha256())).extract().path("modelId");

            ModelPromotedEvent event = EventCodec.instance().decode(kafka.await(Topics.MODELS_PROMOTED,
                    json -> json.contains(model.sha256()), 1, Duration.ofSeconds(30)).get(0),
                    ModelPromotedEvent.class);
            assertThat(event.modelId()).isEqualTo(modelId);
            assertThat(serving.check(modelId, model, event.runId(), event.signature()).accepted()).isTrue();

            JsonNode record = EventCodec.instance().mapper().readTree(store.read(store.stat(
                    ArtifactKeys.promotedModel()).orElseThrow()));
            assertThat(serving.check(record.path("modelId").asText(), model, record.path("runId").asText(),
                    record.path("signature").asText()).accepted()).isTrue();
            // who and why were only logged
            assertThat(record.path("reason").asText()).isEqualTo("roll back");
            assertThat(record.path("promotedBy").asText()).isNotBlank().isNotEqualTo(PromotedModel.BY_THE_GATE);
        } finally {
            restore(before);
        }

        given().contentType("application/json").body("{\"model\":\"it/nothing/model.zip\"}").post("/promotions")
                .then().statusCode(404).body("error", containsString("it/nothing/model.zip"));
        given().contentType("application/json").body("{\"model\":\"it/some/report.html\"}").post("/promotions")
                .then().statusCode(400).body("error", containsString("model.zip or an ensemble.json"));
        ArtifactRef report = store.put("it/" + UUID.randomUUID() + "/report.json", "{\"figures\":{}}".getBytes(
                StandardCharsets.UTF_8), "application/json");
        given().contentType("application/json").body("{\"model\":\"" + report.key() + "\"}").post("/promotions")
                .then().statusCode(400).body("error", containsString("is not a Maskflow ensemble"));
        ArtifactRef bytes = store.put("it/" + UUID.randomUUID() + "/model.zip", "model bytes".getBytes(
                StandardCharsets.UTF_8), "application/zip");
        given().contentType("application/json").body("{\"model\":\"" + bytes.key() + "\"}").post("/promotions")
                .then().statusCode(400).body("error", containsString("has no model.json"));
        given().contentType("application/json").body("{\"modle\":\"x.zip\"}").post("/promotions").then()
                .statusCode(400).body("error", containsString("modle"));
    }

    private byte[] read(ArtifactRef ref) {
        try {
            return store.read(ref);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The other tests of this JVM expect the promoted-model record they left (or none). */
    private void restore(Optional<byte[]> before) throws Exception {
        if (before.isPresent()) {
            store.put(ArtifactKeys.promotedModel(), before.get(), "application/json");
            return;
        }
        Map<String, String> stack = LocalStack.shared().serviceProperties("admin");
        MinioClient.builder().endpoint(stack.get("maskflow.store.endpoint"))
                .credentials(stack.get("maskflow.store.access-key"), stack.get("maskflow.store.secret-key")).build()
                .removeObject(RemoveObjectArgs.builder().bucket(bucket).object(ArtifactKeys.promotedModel()).build());
    }
}
