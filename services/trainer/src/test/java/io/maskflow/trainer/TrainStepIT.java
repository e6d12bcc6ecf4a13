package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
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
import io.maskflow.vision.model.ModelArtifact;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A train command through the real broker trains from shards in the real S3 server and stores the model. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TrainStepIT {

    @Inject
    ArtifactStore store;

    @Test
    void trainsFromShardsInTheStoreAndReportsEveryEpoch() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        List<ShardRecord> records = TrainingRunnerTest.learnable(60, 3);
        Path file = Files.createTempFile("shard", ".bin");
        try (ShardWriter writer = new ShardWriter(file, TrainingRunnerTest.SIZE, TrainingRunnerTest.SIZE)) {
            for (ShardRecord r : records) {
                writer.write(r);
            }
        }
        ArtifactRef shard = store.put(root + "shards/shard-00000.bin", file, "application/octet-stream");
        ShardIndex index = new ShardIndex(TrainingRunnerTest.SIZE, 3, records.size(),
                List.of(new ShardIndex.Shard(shard, records.size())), new int[18], new double[18], Map.of(), 3,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 60, Map.of());
        ArtifactRef indexRef = store.put(root + "index.json", EventCodec.instance().mapper()
                .writeValueAsBytes(index), "application/json");

        EventCodec codec = EventCodec.instance();
        String runId = "train-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            kafka.send(StepType.TRAIN.commandTopic(), runId, codec.encode(StepCommand.of(runId, "train",
                    StepType.TRAIN, 1, Map.of("epochs", 2, "batchSize", 16, "learningRate", 0.01),
                    Map.of("shards", indexRef))));
            StepStatusEvent done = codec.decode(kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && (json.contains("SUCCEEDED") || json.contains("FAILED")), 1, Duration.ofSeconds(120)).get(0),
                    StepStatusEvent.class);
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsKeys("valMacroF1", "maskAccuracy", "genderAccuracy", "ageAccuracy");
            List<String> epochs = kafka.await(Topics.STEPS_EVENTS, json -> json.contains(runId)
                    && json.contains("\"phase\":\"epoch\""), 2, Duration.ofSeconds(5));
            assertThat(epochs).hasSize(2);
            Path model = Files.createTempFile("model", ".zip");
            store.download(done.outputs().get("model"), model);
            assertThat(ModelArtifact.describe(model).trainingData()).isEqualTo(indexRef);
        }
    }
}
