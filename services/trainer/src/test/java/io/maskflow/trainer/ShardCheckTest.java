package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST training job's {@code shards} is checked before the job is queued: the key of an object that is not a
 * shard index (a CSV, another JSON, something too large to be one) is refused at once, where it used to be
 * accepted (202) and the job failed a moment later.
 */
class ShardCheckTest {

    private final MemoryStore store = new MemoryStore();
    private final TrainingService service = new TrainingService();

    ShardCheckTest() {
        service.store = store;
    }

    @Test
    void anObjectThatIsNotAShardIndexIsRefusedBeforeAJobIsQueued() throws Exception {
        ArtifactRef csv = store.put("data/train/train.csv", "id,gender,race,age,path\n"
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThatThrownBy(() -> service.checkShards(csv)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("data/train/train.csv is not a shard index");
        ArtifactRef record = store.put("models/promoted.json", "{\"model\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThatThrownBy(() -> service.checkShards(record)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("models/promoted.json is not a shard index");
        ArtifactRef huge = new ArtifactRef(store.bucket(), "data/big.bin", 1L << 32, "0".repeat(64));
        assertThatThrownBy(() -> service.checkShards(huge)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("it is 4294967296 bytes, and an index is at most");
    }

    @Test
    void aShardIndexThatFitsPasses() throws Exception {
        ArtifactRef ref = storedIndex(100, 100);
        assertThatCode(() -> service.checkShards(ref)).doesNotThrowAnyException();
    }

    /**
     * The heap check sizes the set by the index's count: an index that counts fewer images than its shards list
     * would let shards through that run the trainer out of heap.
     */
    @Test
    void anIndexCountingFewerImagesThanItsShardsIsRefused() throws Exception {
        ArtifactRef ref = storedIndex(1, 2_000_000);
        assertThatThrownBy(() -> service.checkShards(ref)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("it counts 1 images, its shards 2000000");
    }

    private ArtifactRef storedIndex(int count, int inShards) throws Exception {
        ArtifactRef shard = new ArtifactRef(store.bucket(), "steps/preprocess/x/shard-00000.bin", 1, "0".repeat(64));
        ShardIndex index = new ShardIndex(64, 3, count, List.of(new ShardIndex.Shard(shard, inShards)), new int[18],
                new double[18], Map.of(), 5, new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25},
                count / 7, Map.of());
        return store.put("steps/preprocess/x/index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
    }
}
