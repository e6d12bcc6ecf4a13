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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Model swaps under load lose no request; one promotion reloads every replica. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class HotSwapIT {

    @Inject
    ArtifactStore store;
    @Inject
    ModelHolder models;

    @Test
    void swappingModelsWhileClientsHammerPredictFailsNoRequest() throws Exception {
        byte[] photo = TestModels.photo("jpeg");
        models.load("swap-0", TestModels.untrained(store, 32, Heads.THREE));
        List<ArtifactRef> next = List.of(TestModels.untrained(store, 48, Heads.SINGLE),
                TestModels.untrained(store, 32, Heads.THREE), TestModels.untrained(store, 40, Heads.THREE));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running4 = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running4.add(clients.submit(() -> {
                    while (running.get()) {
                        var response = given().contentType("image/jpeg").body(photo).post("/predict");
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                            seen.add(response.jsonPath().getString("modelId"));
                        } else {
                            failures.merge(response.statusCode(), 1, Integer::sum);
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() > 10);
            for (int i = 0; i < next.size(); i++) {
                Thread.sleep(700);
                models.load("swap-" + (i + 1), next.get(i));
            }
            Thread.sleep(700);
            running.set(false);
            for (Future<?> f : running4) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("hot swap: %d answers, failures %s, models seen %s%n", ok.get(), failures, seen);
        assertThat(failures).as("failed requests by status").isEmpty();
        assertThat(ok.get()).isGreaterThan(20);
        assertThat(seen).contains("swap-0", "swap-3");
    }

    @Test
    void onePromotionReloadsEveryReplica() throws Exception {
        try (ServiceProcess second = ServiceProcess.startOnFreePort("services/serving", LocalStack.shared(),
                List.of(), "/q/health/live")) {
            ArtifactRef model = TestModels.untrained(store, 36, Heads.THREE);
            String promotion = EventCodec.instance().encode(new ModelPromotedEvent(Event.SCHEMA_VERSION, "run-both",
                    "evaluate", null, "model-both", model, null, Map.of("macroF1", 0.2), null,
                    PromotionSigner.of(LocalStack.shared().tokens().promotionKey(), true)
                            .sign("model-both", model, "run-both").orElseThrow()));
            try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(),
                    Topics.MODELS_PROMOTED)) {
                // a replica reads promotions from the newest offset once its consumer has joined, which takes a
                // moment after start-up; repeating the same promotion is harmless (a loaded model is not reloaded)
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                    kafka.send(Topics.MODELS_PROMOTED, "run-both", promotion);
                    return "model-both".equals(given().baseUri(second.url()).port(second.port())
                            .header(adminToken()).get("/models").then().extract().path("modelId"));
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "model-both".equals(given().get("/models").then()
                    .extract().path("modelId")));
            given().baseUri(second.url()).port(second.port()).header(adminToken()).contentType("image/jpeg")
                    .body(TestModels.photo("jpeg")).post("/predict").then().statusCode(200);
        }
    }

    /** The second replica is a packaged service with authentication on: it needs the stack's token. */
    private static io.restassured.http.Header adminToken() {
        return new io.restassured.http.Header("Authorization", "Bearer " + LocalStack.shared().tokens().token("admin"));
    }
}
