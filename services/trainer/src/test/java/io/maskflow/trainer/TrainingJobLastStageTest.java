package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import java.nio.file.Path;
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

    @Test
    void aCancelWhileTheOutputsAreWrittenIsRefusedAndTheJobSucceeds(@TempDir Path dir) throws Exception {
        MemoryStore store = new MemoryStore();
        ArtifactRef index = TrainingServices.learnableShards(store, dir);
        store.holdAt = "/model.zip";
        TrainingJob job = TrainingServices.over(store).submit(ONE_BATCH, index, null);
        try {
            assertThat(store.held.await(120, TimeUnit.SECONDS)).as("the upload of model.zip started").isTrue();
            assertThat(job.status()).isEqualTo(TrainingJob.Status.RUNNING);
            assertThat(job.cancel()).as("a cancel in the last stage").isFalse();
        } finally {
            store.release.countDown();
        }
        TrainingServices.awaitEnd(job);
        assertThat(job.status()).as(String.valueOf(job.view().error())).isEqualTo(TrainingJob.Status.SUCCEEDED);
        assertThat(job.view().outputs()).containsOnlyKeys("model", "curve", "curvePlot");
        assertThat(job.cancel()).isFalse();
    }

    @Test
    void aCancelAcceptedAfterTheLastBatchStopsTheJobBeforeItsOutputs(@TempDir Path dir) throws Exception {
        MemoryStore store = new MemoryStore();
        ArtifactRef index = TrainingServices.learnableShards(store, dir);
        // the checkpoint written after the only epoch: the runner asks no more after it
        store.holdAt = "checkpoint/state.json";
        TrainingJob job = TrainingServices.over(store).submit(ONE_BATCH, index, null);
        try {
            assertThat(store.held.await(120, TimeUnit.SECONDS)).as("the checkpoint's upload started").isTrue();
            assertThat(job.cancel()).as("a cancel before the last stage").isTrue();
        } finally {
            store.release.countDown();
        }
        TrainingServices.awaitEnd(job);
        assertThat(job.status()).as("a job whose cancel was accepted").isEqualTo(TrainingJob.Status.CANCELLED);
        assertThat(store.keys()).noneMatch(k -> k.endsWith("/model.zip"));
    }
}
