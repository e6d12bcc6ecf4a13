package io.maskflow.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Heads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Serving loads only promotions the evaluator signed: an unsigned one, one signed with another key, and a signed
 * one whose model bytes were swapped in the store are each refused (logged, counted) while the old model keeps
 * serving; a correctly signed one is loaded. The serving checked is the packaged service run as its own process,
 * as deployed (signatures required, authentication on); this test's own Quarkus app only writes the models.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SignedPromotionIT {

    private static final PromotionSigner EVALUATOR = PromotionSigner.of(LocalStack.shared().tokens().promotionKey(),
            true);
    private static final PromotionSigner INTRUDER = PromotionSigner.of("a-key-someone-made-up-themselves", true);

    @Inject
    ArtifactStore store;

    private static ServiceProcess serving;

    @Test
    void onlyASignedPromotionOfUntouchedBytesReplacesTheServedModel() throws Exception {
        ArtifactRef good = TestModels.untrained(store, 40, Heads.THREE);
        ArtifactRef other = TestModels.untrained(store, 44, Heads.THREE);
        try (ServiceProcess process = ServiceProcess.startOnFreePort("services/serving", LocalStack.shared(),
                List.of(), "/q/health/live");
                TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.MODELS_PROMOTED)) {
            serving = process;
            // a new replica reads promotions from the newest offset once its consumer has joined: repeat the first
            // (a model already loaded is not loaded again)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                publish(kafka, "model-good", good, EVALUATOR.sign("model-good", good, "run-sig").orElseThrow());
                return "model-good".equals(servedModel());
            });

            publish(kafka, "model-forged", other, null);
            awaitRefused("unsigned", 1);
            publish(kafka, "model-forged", other, INTRUDER.sign("model-forged", other, "run-sig").orElseThrow());
            awaitRefused("bad-signature", 1);
            // a valid signature does not cover a different artifact: the signed fields are checked, not just present
            ArtifactRef renamed = new ArtifactRef(other.bucket(), other.key(), other.size(), good.sha256());
            publish(kafka, "model-forged", renamed, EVALUATOR.sign("model-forged", other, "run-sig").orElseThrow());
            awaitRefused("bad-signature", 2);
            assertThat(servedModel()).isEqualTo("model-good");

            // signed correctly, but the bytes in the store were replaced after signing: the download check fails
            ArtifactRef tampered = TestModels.untrained(store, 52, Heads.THREE);
            store.put(tampered.key(), TestModels.photo("jpeg"), "application/zip");
            publish(kafka, "model-tampered", tampered, EVALUATOR.sign("model-tampered", tampered, "run-sig")
                    .orElseThrow());
            await().atMost(Duration.ofSeconds(60)).until(() -> metric("maskflow_serving_model_loads_total",
                    "outcome=\"failed\"") >= 1);
            assertThat(servedModel()).isEqualTo("model-good");

            publish(kafka, "model-other", other, EVALUATOR.sign("model-other", other, "run-sig").orElseThrow());
            awaitServed("model-other");
        }
    }

    private static void publish(TopicWatcher kafka, String modelId, ArtifactRef model, String signature) {
        kafka.send(Topics.MODELS_PROMOTED, "run-sig", EventCodec.instance().encode(new ModelPromotedEvent(
                Event.SCHEMA_VERSION, "run-sig", "evaluate", null, modelId, model, null, Map.of("macroF1", 0.5),
                null, signature)));
    }

    private static void awaitServed(String modelId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> modelId.equals(servedModel()));
    }

    private static void awaitRefused(String reason, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> metric("maskflow_serving_promotions_refused_total",
                "reason=\"" + reason + "\"") >= count);
    }

    private static String servedModel() {
        return given().baseUri(serving.url()).port(serving.port()).header("Authorization", "Bearer "
                + LocalStack.shared().tokens().token("viewer")).get("/models").then().extract().path("modelId");
    }

    private static double metric(String name, String label) {
        String text = given().baseUri(serving.url()).port(serving.port()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} ([0-9.eE+-]+)$")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
