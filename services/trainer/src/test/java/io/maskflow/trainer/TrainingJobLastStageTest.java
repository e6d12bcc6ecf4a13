package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel while a REST job's training is over and its outputs are being written: the job is in its last stage, the
 * cancel is refused and the job succeeds (before, cancel() answered true and the job ended SUCCEEDED all the same).
 * A cancel accepted after the runner last asked, before that stage, does stop the job.
 */
class TrainingJobLastStageTest {

    private static final TrainParams ONE_BATCH = TrainParams.builder().epochs(1).batchSize(16).maxBatches(1).build();

    private static TrainingService service(MemoryStore store) {
        TrainingService service = new TrainingService();
        service.store = store;
        service.metrics = new TrainingMetrics(new SimpleMeterRegistry());
        return service;
    }

    /** 12 learnable persons in the store. */
    private static ArtifactRef shardIndex(MemoryStore store, Path dir) throws Exception {
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

    private static void awaitEnd(TrainingJob job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!List.of(TrainingJob.Status.SUCCEEDED, TrainingJob.Status.FAILED, TrainingJob.Status.CANCELLED)
                .contains(job.status()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aCancelWhileTheOutputsAreWrittenIsRefusedAndTheJobSucceeds(@TempDir Path dir) throws Exception {
        MemoryStore store = new MemoryStore();
        ArtifactRef index = shardIndex(store, dir);
        store.holdAt = "/model.zip";
        TrainingJob job = service(store).submit(ONE_BATCH, index, null);
        try {
            assertThat(store.held.await(120, TimeUnit.SECONDS)).as("the upload of model.zip started").isTrue();
            assertThat(job.status()).isEqualTo(TrainingJob.Status.RUNNING);
            assertThat(job.cancel()).as("a cancel in the last stage").isFalse();
        } finally {
            store.release.countDown();
        }
        awaitEnd(job);
        assertThat(job.status()).as(String.valueOf(job.view().error())).isEqualTo(TrainingJob.Status.SUCCEEDED);
        assertThat(job.view().outputs()).containsOnlyKeys("model", "curve", "curvePlot");
        assertThat(job.cancel()).isFalse();
    }

    @Test
    void aCancelAcceptedAfterTheLastBatchStopsTheJobBeforeItsOutputs(@TempDir Path dir) throws Exception {
        MemoryStore store = new MemoryStore();
        ArtifactRef index = shardIndex(store, dir);
        // the checkpoint written after the only epoch: the runner asks no more after it
        store.holdAt = "checkpoint/state.json";
        TrainingJob job = service(store).submit(ONE_BATCH, index, null);
        try {
            assertThat(store.held.await(120, TimeUnit.SECONDS)).as("the checkpoint's upload started").isTrue();
            assertThat(job.cancel()).as("a cancel before the last stage").isTrue();
        } finally {
            store.release.countDown();
        }
        awaitEnd(job);
        assertThat(job.status()).as("a job whose cancel was accepted").isEqualTo(TrainingJob.Status.CANCELLED);
        assertThat(store.keys()).noneMatch(k -> k.endsWith("/model.zip"));
    }
}
