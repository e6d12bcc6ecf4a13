package io.maskflow.trainer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.maskflow.trainer.TrainingService;
import io.maskflow.trainer.TrainingServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /jobs} refuses, before it queues a job, a {@code validationFold} or a {@code balanceCue} the shards do
 * not have, with an IllegalArgumentException (a 400 with its message, ErrorResponses) giving the reason the training
 * would fail with. Such a job was accepted (202) and failed a moment later.
 */
class TrainingResourceTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final TrainingService training = TrainingServices.over(store);
    private final TrainingResource resource = new TrainingResource();

    TrainingResourceTest() {
        resource.store = store;
        resource.training = training;
    }

    @Test
    void refusesAValidationFoldTheShardsDoNotHave() throws Exception {
        storedIndex();
        assertThatThrownBy(() -> resource.start(job(Map.of("validationFold", 19))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fold 19 leaves 500 training and 0 validation images; both must be > 0");
        assertThat(training.jobs()).isEmpty();
    }

    @Test
    void refusesABalanceCueTheShardsDoNotCarry() throws Exception {
        storedIndex();
        assertThatThrownBy(() -> resource.start(job(Map.of("balanceCue", "beard"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("balanceCue must name one of the shards' drawing values [long_hair, jaw], got 'beard'");
        assertThat(training.jobs()).isEmpty();
    }

    private static TrainingResource.JobRequest job(Map<String, Object> parameters) {
        return new TrainingResource.JobRequest("steps/preprocess/x/index.json", null, parameters);
    }

    /** Five folds of 100 images and a hold-out of 50, of two persons with drawing values. */
    private void storedIndex() throws Exception {
        ArtifactRef shard = new ArtifactRef(store.bucket(), "steps/preprocess/x/shard-00000.bin", 1, "0".repeat(64));
        ShardIndex index = new ShardIndex(64, 3, 550, List.of(new ShardIndex.Shard(shard, 550)), new int[18],
                new double[18], Map.of("0", 100, "1", 100, "2", 100, "3", 100, "4", 100, "holdout", 50), 5,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 2, Map.of(), Map.of(),
                new int[] {30, 40}, List.of("long_hair", "jaw"), new double[][] {{1, 0.5}, {0, 0.2}});
        store.put("steps/preprocess/x/index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }
}
