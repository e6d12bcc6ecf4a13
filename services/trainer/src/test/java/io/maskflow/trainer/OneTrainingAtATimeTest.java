package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica trains one model at a time across both entrances: a REST job sent while a pipeline step trains waits,
 * QUEUED, for the step's training to end, and both succeed. Before, both trained at once in the one PyTorch engine,
 * and whichever started second could fail with "A PtGradientCollector is already collecting" (the step's, after its
 * retries, failing its run). A training cancelled while it waits ends CANCELLED without training.
 */
class OneTrainingAtATimeTest {

    private static final TrainParams TWO_EPOCHS = TrainParams.builder().epochs(2).batchSize(16).maxBatches(2)
            .build();

    private final MemoryStore store = new MemoryStore();
    private final TrainingService service = TrainingServices.over(store);
    /** Counted down when the step's first epoch ends; the step then waits for {@link #goOn}, its turn held. */
    private final CountDownLatch stepTrains = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private final ExecutorService consumer = Executors.newSingleThreadExecutor();
    private ArtifactRef shards;

    @BeforeEach
    void shards(@TempDir Path dir) throws Exception {
        shards = TrainingServices.learnableShards(store, dir);
    }

    @AfterEach
    void stop() {
        goOn.countDown();
        consumer.shutdownNow();
    }

    /** Runs a pipeline step's training on the "consumer's" thread; it holds still after its first epoch. */
    private Future<TrainingService.Outcome> stepTraining(TrainingJob step) {
        return consumer.submit(() -> service.run(step, TWO_EPOCHS, shards, null, "run-1/train/",
                "run-1/train/out/", epoch -> {
                    stepTrains.countDown();
                    try {
                        goOn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
    }

    @Test
    void aRestJobSentWhileAStepTrainsWaitsQueuedForItsTurnAndBothSucceed() throws Exception {
        TrainingJob step = service.stepJob("run-1", "train", TWO_EPOCHS);
        Future<TrainingService.Outcome> stepRun = stepTraining(step);
        assertThat(stepTrains.await(120, TimeUnit.SECONDS)).as("the step's first epoch ended").isTrue();

        TrainingJob rest = service.submit(TWO_EPOCHS, shards, null);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        while (rest.status() == TrainingJob.Status.QUEUED && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        TrainingJob.Status restWhileTheStepTrained = rest.status();
        goOn.countDown();
        TrainingService.Outcome stepOutcome = stepRun.get(120, TimeUnit.SECONDS);
        TrainingServices.awaitEnd(rest);

        assertThat(restWhileTheStepTrained).as("the REST job while the step trained").isEqualTo(
                TrainingJob.Status.QUEUED);
        assertThat(step.status()).isEqualTo(TrainingJob.Status.SUCCEEDED);
        assertThat(stepOutcome.outputs()).containsOnlyKeys("model", "curve", "curvePlot");
        assertThat(rest.status()).as(String.valueOf(rest.view().error())).isEqualTo(TrainingJob.Status.SUCCEEDED);
        assertThat(rest.view().curve()).hasSize(2);
        assertThat(store.keys()).contains("jobs/train/" + rest.id() + "/model.zip", "run-1/train/out/model.zip");
    }

    @Test
    void aTrainingCancelledWhileItWaitsEndsCancelledWithoutTraining() throws Exception {
        TrainingJob first = service.stepJob("run-1", "train", TWO_EPOCHS);
        Future<TrainingService.Outcome> firstRun = stepTraining(first);
        assertThat(stepTrains.await(120, TimeUnit.SECONDS)).as("the first step's first epoch ended").isTrue();

        ExecutorService otherConsumer = Executors.newSingleThreadExecutor();
        try {
            TrainingJob second = service.stepJob("run-2", "train", TWO_EPOCHS);
            Future<TrainingService.Outcome> secondRun = otherConsumer.submit(() -> service.run(second, TWO_EPOCHS,
                    shards, null, "run-2/train/", "run-2/train/out/", epoch -> { }));
            Thread.sleep(300);
            assertThat(second.status()).as("a training waiting for its turn").isEqualTo(TrainingJob.Status.QUEUED);
            assertThat(second.cancel()).isTrue();

            // the wait ends at once, the first training still holding its turn
            assertThatThrownBy(() -> secondRun.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("cancelled while it waited");
            assertThat(second.status()).isEqualTo(TrainingJob.Status.CANCELLED);
            assertThat(second.view().curve()).isEmpty();
            assertThat(store.keys()).noneMatch(k -> k.startsWith("run-2/"));
        } finally {
            otherConsumer.shutdownNow();
        }
        goOn.countDown();
        firstRun.get(120, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(TrainingJob.Status.SUCCEEDED);
    }
}
