package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** An evaluate command through the real broker: report, pictures, and the promotion gate over Kafka. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class EvaluateStepIT {

    private static final int SIZE = 16;

    @Inject
    ArtifactStore store;

    private ArtifactRef shards(String root) throws Exception {
        Random random = new Random(5);
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            byte[] px = new byte[SIZE * SIZE * 3];
            random.nextBytes(px);
            records.add(new ShardRecord(i % 18, i / 3, (i / 3) % 3, px));
        }
        Path file = Files.createTempFile("shard", ".bin");
        try (ShardWriter writer = new ShardWriter(file, SIZE, SIZE)) {
            for (ShardRecord r : records) {
                writer.write(r);
            }
        }
        ArtifactRef shard = store.put(root + "shards/shard-00000.bin", file, "application/octet-stream");
        ShardIndex index = new ShardIndex(SIZE, 3, records.size(), List.of(new ShardIndex.Shard(shard,
                records.size())), new int[18], new double[18], Map.of(), 3, new double[] {0.5, 0.5, 0.5},
                new double[] {0.25, 0.25, 0.25}, 30, Map.of());
        return store.put(root + "index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }

    private ArtifactRef model(String root, int imageSize) throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.THREE, SIZE));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, 3, imageSize, imageSize));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", Heads.THREE, imageSize,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null, Map.of(),
                    Map.of("validationFold", 0), Map.of(), Map.of()), zip);
        }
        return store.put(root + "model-" + imageSize + ".zip", zip, "application/zip");
    }

    private StepStatusEvent evaluate(TopicWatcher kafka, Map<String, ArtifactRef> inputs, Map<String, Object> params) {
        EventCodec codec = EventCodec.instance();
        String runId = "eval-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(StepType.EVALUATE.commandTopic(), runId, codec.encode(StepCommand.of(runId, "evaluate",
                StepType.EVALUATE, 1, params, inputs)));
        return codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(90)).get(0),
                StepStatusEvent.class);
    }

    @Test
    void evaluatesWritesTheReportAndPromotesOnlyABetterModel() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        ArtifactRef model = model(root, SIZE);
        EventCodec codec = EventCodec.instance();
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS,
                Topics.MODELS_PROMOTED)) {
            StepStatusEvent first = evaluate(kafka, Map.of("model", model, "shards", index), Map.of());
            assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(first.metrics()).containsKeys("macroF1", "maskAccuracy").containsEntry("promoted", 1.0)
                    .containsEntry("images", 30.0);
            String report = new String(store.read(first.outputs().get("report")), StandardCharsets.UTF_8);
            assertThat(report).contains("\"macroF1\"", "\"perClass\"", "\"confusion\"", "validation fold 0",
                    "no model was promoted yet");
            assertThat(ImageIO.read(new ByteArrayInputStream(store.read(first.outputs()
                    .get("confusionMatrix")))).getWidth()).isGreaterThan(500);
            ModelPromotedEvent promoted = codec.decode(kafka.await(Topics.MODELS_PROMOTED,
                    json -> json.contains(first.runId()), 1, Duration.ofSeconds(10)).get(0), ModelPromotedEvent.class);
            assertThat(promoted.model()).isEqualTo(model);

            // the same model again is not better than itself
            StepStatusEvent second = evaluate(kafka, Map.of("model", model, "shards", index), Map.of());
            assertThat(second.metrics()).containsEntry("promoted", 0.0);
            assertThat(new String(store.read(second.outputs().get("report")), StandardCharsets.UTF_8))
                    .contains("<= promoted model's");

            // a model for other image sizes fails, naming the cause; a missing model too
            StepStatusEvent mismatch = evaluate(kafka, Map.of("model", model(root, 32), "shards", index),
                    Map.of());
            assertThat(mismatch.status()).isEqualTo(StepStatus.FAILED);
            assertThat(mismatch.error().code()).isEqualTo("input-size-mismatch");
            StepStatusEvent missing = evaluate(kafka, Map.of("model", new ArtifactRef(model.bucket(), root
                    + "nothing.zip", 1, model.sha256()), "shards", index), Map.of());
            assertThat(missing.error().code()).isEqualTo("missing-artifact");
        }
    }
}
