package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.sdk.store.ArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link TrainingService}s for tests, in this package and outside it (the REST resource's), and what they train on:
 * a tiny learnable set of shards in the store.
 */
public final class TrainingServices {

    private TrainingServices() {
    }

    /** A training service that reads and writes {@code store}. */
    public static TrainingService over(ArtifactStore store) {
        TrainingService service = new TrainingService();
        service.store = store;
        service.metrics = new TrainingMetrics(new SimpleMeterRegistry());
        return service;
    }

    /** 12 learnable persons of {@link TrainingRunnerTest#SIZE} px, stored under {@code data/}; returns their index. */
    static ArtifactRef learnableShards(ArtifactStore store, Path dir) throws Exception {
        List<ShardRecord> records = TrainingRunnerTest.learnable(12, 3);
        Path file = dir.resolve("shard.bin");
        try (ShardWriter writer = new ShardWriter(file, TrainingRunnerTest.SIZE, TrainingRunnerTest.SIZE)) {
            for (ShardRecord r : records) {
                writer.write(r);
            }
        }
        ArtifactRef shard = store.put("data/shards/shard-00000.bin", file, "application/octet-stream");
        ShardIndex index = new ShardIndex(TrainingRunnerTest.SIZE, 3, records.size(),
                List.of(new ShardIndex.Shard(shard, records.size())), new int[18], new double[18], Map.of(), 3,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 12, Map.of(), Map.of(), null);
        return store.put("data/index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }

    /** Waits up to two minutes for {@code job} to end. */
    static void awaitEnd(TrainingJob job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!job.ended() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
