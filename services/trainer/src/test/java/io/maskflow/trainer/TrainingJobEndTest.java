package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.sdk.store.ArtifactStore;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** A REST training job always ends: an Error in its training marks it failed instead of leaving it RUNNING. */
class TrainingJobEndTest {

    @Test
    void aJobWhoseTrainingThrowsAnErrorEndsFailedWithIt() throws Exception {
        TrainingService service = new TrainingService();
        // every call to the store runs out of heap, as loading a large data set's shards can
        service.store = (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                    throw new OutOfMemoryError("pretend: the shards do not fit");
                });
        TrainingJob job = service.submit(TrainParams.DEFAULTS, new ArtifactRef("b", "shards/index.json", 1,
                "a".repeat(64)), null);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (job.status() != TrainingJob.Status.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(job.status()).isEqualTo(TrainingJob.Status.FAILED);
        assertThat(job.view().error()).contains("the shards do not fit");
    }
}
