package io.maskflow.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The promotion gate end to end: the packaged evaluator, as its own process, judges a better model against the
 * promoted one on the hold-out persons neither trained on, promotes it over Kafka, and this serving replica then
 * answers with it. The two models are built to answer one class whatever the photo (every weight zero, the last
 * layer's bias choosing the class), so which one is better on the hold-out is known before the run.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PromotionIT {

    private static final int SIZE = 16;
    /** The class of every hold-out image, and the one the better model answers: mask worn, female, 30-59. */
    private static final int RIGHT = 4;
    /** The class the worse model answers: not worn, male, 30-59. */
    private static final int WRONG = 13;

    @Inject
    ArtifactStore store;

    @Test
    void aBetterModelIsPromotedOverTheServedOneAndServingAnswersWithIt() throws Exception {
        String root = "it/promotion-" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        ArtifactRef worse = constantModel(root + "worse.zip", index, WRONG);
        ArtifactRef better = constantModel(root + "better.zip", index, RIGHT);
        try (ServiceProcess evaluator = ServiceProcess.startOnFreePort("services/evaluator", LocalStack.shared(),
                List.of(), "/q/health/ready");
                TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            // the served model: promoted whatever an earlier test left promoted (a margin of -1 always passes)
            StepStatusEvent first = evaluate(kafka, worse, index, Map.of("minimumMacroF1", 0.0,
                    "promotionMargin", -1.0));
            assertThat(first.metrics()).containsEntry("promoted", 1.0).containsEntry("macroF1", 0.0);
            String worseId = "model-" + worse.sha256().substring(0, 12);
            await().atMost(Duration.ofSeconds(60)).until(() -> worseId.equals(given().get("/models").then()
                    .extract().path("modelId")));
            assertThat(given().contentType("image/jpeg").body(TestModels.photo("jpeg")).post("/predict")
                    .then().statusCode(200).extract().jsonPath().getInt("class")).isEqualTo(WRONG);

            // better, but below the default minimum: not promoted, and the report says why
            StepStatusEvent low = evaluate(kafka, better, index, Map.of());
            assertThat(low.metrics()).containsEntry("promoted", 0.0);
            assertThat(report(low)).contains("below the minimum 0.2000");

            StepStatusEvent promoted = evaluate(kafka, better, index, Map.of("minimumMacroF1", 0.0));
            assertThat(promoted.metrics()).containsEntry("promoted", 1.0);
            assertThat(promoted.metrics().get("macroF1")).isEqualTo(1.0 / 18, org.assertj.core.data.Offset
                    .offset(1e-6));
            // every draw of the 10 hold-out persons finds the better model right and the worse one wrong
            assertThat(report(promoted)).contains("candidate macro F1 0.0556 > promoted model's 0.0000",
                    "hold-out persons neither model trained on", "the gain +0.0556 is +0.0556 – +0.0556 in 90 % of "
                    + "1000 paired draws of the 10 persons, above 0 in at least 95 % of them");
            String betterId = "model-" + better.sha256().substring(0, 12);
            await().atMost(Duration.ofSeconds(60)).until(() -> betterId.equals(given().get("/models").then()
                    .extract().path("modelId")));
            var answer = given().contentType("image/jpeg").body(TestModels.photo("jpeg")).post("/predict")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getString("modelId")).isEqualTo(betterId);
            assertThat(answer.getInt("class")).isEqualTo(RIGHT);
            // what is served says which run promoted it, who and why (the gate's decision, from the record)
            var served = given().get("/models").then().statusCode(200).extract().jsonPath();
            assertThat(served.getString("promotion.runId")).isEqualTo(promoted.runId());
            assertThat(served.getString("promotion.promotedBy")).isEqualTo(PromotedModel.BY_THE_GATE);
            assertThat(served.getString("promotion.reason")).contains("candidate macro F1 0.0556 > promoted model's");
            assertThat(served.getDouble("promotion.macroF1")).isCloseTo(1.0 / 18, org.assertj.core.data.Offset
                    .offset(1e-6));
            assertThat(served.getString("promotion.promotedAt")).isNotBlank();

            // the worse model does not come back
            StepStatusEvent again = evaluate(kafka, worse, index, Map.of("minimumMacroF1", 0.0));
            assertThat(again.metrics()).containsEntry("promoted", 0.0);
            assertThat(report(again)).contains("candidate macro F1 0.0000 <= promoted model's 0.0556",
                    "below 0 in at least 95 % of them", "\"gain90\"");
            assertThat(given().get("/models").then().extract().<String>path("modelId")).isEqualTo(betterId);
        }
    }

    private String report(StepStatusEvent done) throws Exception {
        return new String(store.read(done.outputs().get("report")), StandardCharsets.UTF_8);
    }

    private StepStatusEvent evaluate(TopicWatcher kafka, ArtifactRef model, ArtifactRef index,
            Map<String, Object> params) {
        EventCodec codec = EventCodec.instance();
        String runId = "promotion-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(StepType.EVALUATE.commandTopic(), runId, codec.encode(StepCommand.of(runId, "evaluate",
                StepType.EVALUATE, 1, params, Map.of("model", model, "shards", index))));
        StepStatusEvent done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                StepStatusEvent.class);
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
        return done;
    }

    /** 20 persons on fold 0 and 10 hold-out persons, all of class {@link #RIGHT} on the hold-out. */
    private ArtifactRef shards(String root) throws Exception {
        Random random = new Random(3);
        Path file = Files.createTempFile("shard", ".bin");
        int count = 0;
        try (ShardWriter writer = new ShardWriter(file, SIZE, SIZE)) {
            for (int person = 0; person < 30; person++) {
                boolean holdout = person >= 20;
                for (int photo = 0; photo < 3; photo++) {
                    byte[] px = new byte[SIZE * SIZE * 3];
                    random.nextBytes(px);
                    writer.write(new ShardRecord(holdout ? RIGHT : (person + photo) % 18, person,
                            holdout ? ShardFormat.HOLDOUT : 0, px));
                    count++;
                }
            }
        }
        ArtifactRef shard = store.put(root + "shards/shard-00000.bin", file, "application/octet-stream");
        Files.delete(file);
        ShardIndex index = new ShardIndex(SIZE, 3, count, List.of(new ShardIndex.Shard(shard, count)), new int[18],
                new double[18], Map.of(), 2, new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 30,
                Map.of());
        return store.put(root + "index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }

    /**
     * A three-head model that answers {@code label} for every photo: every parameter zero but the last layer's
     * bias, which is 10 at the label's mask, gender and age.
     */
    private ArtifactRef constantModel(String key, ArtifactRef trainingData, int label) throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.THREE, SIZE));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            List<Pair<String, Parameter>> parameters = new ArrayList<>();
            model.getBlock().getParameters().forEach(parameters::add);
            for (Pair<String, Parameter> p : parameters) {
                NDArray array = p.getValue().getArray();
                array.set(array.zerosLike().toFloatArray());
            }
            NDArray bias = parameters.get(parameters.size() - 1).getValue().getArray();
            assertThat(bias.getShape()).isEqualTo(new Shape(8));
            float[] logits = new float[8];
            logits[label / 6] = 10;
            logits[3 + (label / 3) % 2] = 10;
            logits[5 + label % 3] = 10;
            bias.set(logits);
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", Heads.THREE, SIZE,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, trainingData,
                    Map.of(), Map.of("validationFold", 0), Map.of(), Map.of("cropWidth", 256, "cropHeight", 320),
                    null), zip);
        }
        ArtifactRef ref = store.put(key, zip, "application/zip");
        Files.delete(zip);
        return ref;
    }
}
