package io.maskflow.evaluator;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * What the evaluator's integration tests put in the store and send over the broker: shards of random pixels (with
 * the {@code split.json} and {@code report.json} preprocess writes beside them), untrained models, generated eval
 * sets, and an evaluate command awaited to its end.
 */
abstract class EvaluateFixtures {

    static final int SIZE = 16;

    @Inject
    ArtifactStore store;

    ArtifactRef shards(String root) throws Exception {
        return shards(root, false);
    }

    /** 30 persons of 3 images on folds 0..2; with a hold-out, 6 more persons (18 images) held out. */
    ArtifactRef shards(String root, boolean holdout) throws Exception {
        return shards(root, holdout, SIZE, null, null);
    }

    /**
     * As {@link #shards(String, boolean)} with images of {@code size} px, and, when {@code split} is given, a
     * {@code split.json} beside the index with that text and a {@code report.json} naming the data set it was
     * prepared from, as preprocess writes them.
     */
    ArtifactRef shards(String root, boolean holdout, int size, String split, String dataset)
            throws Exception {
        Random random = new Random(5);
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < (holdout ? 108 : 90); i++) {
            byte[] px = new byte[size * size * 3];
            random.nextBytes(px);
            records.add(new ShardRecord(i % 18, i / 3, i >= 90 ? ShardFormat.HOLDOUT : (i / 3) % 3, px));
        }
        Path file = Files.createTempFile("shard", ".bin");
        try (ShardWriter writer = new ShardWriter(file, size, size)) {
            for (ShardRecord r : records) {
                writer.write(r);
            }
        }
        ArtifactRef shard = store.put(root + "shards/shard-00000.bin", file, "application/octet-stream");
        ShardIndex index = new ShardIndex(size, 3, records.size(), List.of(new ShardIndex.Shard(shard,
                records.size())), new int[18], new double[18], Map.of(), 3, new double[] {0.5, 0.5, 0.5},
                new double[] {0.25, 0.25, 0.25}, 30, Map.of(), Map.of(), IntStream.range(0, 36).map(p -> 20 + p)
                .toArray()); // persons 0..35 aged 20..55
        if (split != null) {
            store.put(root + "split.json", split.getBytes(StandardCharsets.UTF_8), "application/json");
            store.put(root + "report.json", ("{\"sources\":[\"s3://maskflow/" + dataset + "/\"],\"persons\":36}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
        }
        return store.put(root + "index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }

    ArtifactRef model(String root, int imageSize) throws Exception {
        return model(root, imageSize, 0);
    }

    ArtifactRef model(String root, int imageSize, int validationFold) throws Exception {
        return model(root, imageSize, validationFold, null);
    }

    ArtifactRef model(String root, int imageSize, int validationFold, ArtifactRef trainingData)
            throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.THREE, SIZE));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, 3, imageSize, imageSize));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", Heads.THREE, imageSize,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, trainingData, Map.of(),
                    Map.of("validationFold", validationFold), Map.of(), Map.of("cropWidth", 256, "cropHeight", 320),
                    null), zip);
        }
        return store.put(root + "model-" + imageSize + "-" + validationFold + ".zip", zip, "application/zip");
    }

    StepStatusEvent evaluate(TopicWatcher kafka, Map<String, ArtifactRef> inputs, Map<String, Object> params) {
        EventCodec codec = EventCodec.instance();
        String runId = "eval-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(StepType.EVALUATE.commandTopic(), runId, codec.encode(StepCommand.of(runId, "evaluate",
                StepType.EVALUATE, 1, params, inputs)));
        return codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(90)).get(0),
                StepStatusEvent.class);
    }

    /** A generated data set's eval folder with kept answers: persons {@code first} .. {@code first + 2}, 2 photos. */
    ArtifactRef heldOutSet(String root, int first) throws Exception {
        StringBuilder info = new StringBuilder("ImageID,ans\n");
        StringBuilder answers = new StringBuilder("ImageID,ans,person\n");
        for (int i = 0; i < 6; i++) {
            String id = "p" + i + ".jpg";
            info.append(id).append(",0\n");
            answers.append(id).append(',').append(i * 3).append(',').append(first + i / 2).append('\n');
            store.put(root + "eval/images/" + id, photo(i), "image/jpeg");
        }
        store.put(root + "eval/info.csv", info.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put(root + "answers/eval-answers.csv", answers.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        return store.put(root + "dataset.json", "{\"style\": \"snapshot\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    static byte[] photo(int seed) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(384, 512,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(40 * seed, 120, 200 - 20 * seed));
        g.fillOval(90, 100, 200, 280);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
