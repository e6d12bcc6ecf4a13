package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST training job's {@code shards} is checked before the job is queued: the key of an object that is not a
 * shard index (a CSV, another JSON, something too large to be one), an index of images too small for the network, or
 * one without the fold or drawing value the parameters name, is refused at once, where it used to be accepted (202)
 * and the job failed a moment later.
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
        assertThatThrownBy(() -> service.checkShards(csv, TrainParams.DEFAULTS))
                .isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("data/train/train.csv is not a shard index");
        ArtifactRef record = store.put("models/promoted.json", "{\"model\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThatThrownBy(() -> service.checkShards(record, TrainParams.DEFAULTS))
                .isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("models/promoted.json is not a shard index");
        ArtifactRef huge = new ArtifactRef(store.bucket(), "data/big.bin", 1L << 32, "0".repeat(64));
        assertThatThrownBy(() -> service.checkShards(huge, TrainParams.DEFAULTS))
                .isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("it is 4294967296 bytes, and an index is at most");
    }

    @Test
    void aShardIndexThatFitsPasses() throws Exception {
        ArtifactRef ref = storedIndex(100, 100);
        assertThatCode(() -> service.checkShards(ref, TrainParams.DEFAULTS)).doesNotThrowAnyException();
    }

    /**
     * The heap check sizes the set by the index's count: an index that counts fewer images than its shards list
     * would let shards through that run the trainer out of heap.
     */
    @Test
    void anIndexCountingFewerImagesThanItsShardsIsRefused() throws Exception {
        ArtifactRef ref = storedIndex(1, 2_000_000);
        assertThatThrownBy(() -> service.checkShards(ref, TrainParams.DEFAULTS))
                .isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("it counts 1 images, its shards 2000000");
    }

    /**
     * A {@code validationFold} or {@code balanceCue} the shards do not have is refused with the reason the run gives
     * (TrainingRunner's split of the records, CueBalance); what they have passes, and so does any cue on shards
     * without drawing values, which train unweighted.
     */
    @Test
    void aFoldOrADrawingValueTheShardsDoNotHaveIsRefusedWithTheRunsReason() throws Exception {
        Map<String, Integer> folds = Map.of("0", 100, "1", 100, "2", 100, "3", 100, "4", 100, "holdout", 50);
        ArtifactRef generated = storedIndex(folds, List.of("long_hair", "jaw"), new double[][] {{1, 0.5}, null});
        assertThatThrownBy(() -> service.checkShards(generated, TrainParams.builder().validationFold(19).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fold 19 leaves 500 training and 0 validation images; both must be > 0");
        assertThatThrownBy(() -> service.checkShards(generated, TrainParams.builder().balanceCue("beard").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("balanceCue must name one of the shards' drawing values [long_hair, jaw], got 'beard'");
        assertThatCode(() -> service.checkShards(generated, TrainParams.builder().validationFold(4)
                .balanceCue("long_hair").build())).doesNotThrowAnyException();

        ArtifactRef photos = storedIndex(Map.of("0", 100, "1", 100, "trainOnly", 50), List.of(), null);
        assertThatCode(() -> service.checkShards(photos, TrainParams.builder().validationFold(1).balanceCue("beard")
                .build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> service.checkShards(photos, TrainParams.builder().validationFold(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fold 2 leaves 250 training and 0 validation images; both must be > 0");
    }

    /**
     * Images too small for the network are refused naming the least size it takes: by a REST job before it is queued
     * (a 400), and by a pipeline step once it has read the index, before it reads a shard, as invalid parameters
     * (which are not retried). stem-cnn at 24 px used to fail in its first batch with PyTorch's "Output size is too
     * small", an internal error the step retried.
     */
    @Test
    void imagesTooSmallForTheNetworkAreRefusedBeforeAJobIsQueuedAndBeforeAStepReadsAShard() throws Exception {
        ArtifactRef small = storedIndex(24); // its shard is not in the store: reading it would fail otherwise
        TrainParams stem = TrainParams.builder().architecture(TrainParams.Architecture.STEM_CNN).build();
        String refusal = "imageSize 24 is too small for stem-cnn: it takes at least 31";
        assertThatThrownBy(() -> service.checkShards(small, stem)).isInstanceOf(InvalidParametersException.class)
                .hasMessageStartingWith(refusal);
        assertThatCode(() -> service.checkShards(small, TrainParams.DEFAULTS)).doesNotThrowAnyException();
        assertThatCode(() -> service.checkShards(storedIndex(31), stem)).doesNotThrowAnyException();

        TrainingJob job = service.stepJob("run-1", "train", stem);
        assertThatThrownBy(() -> service.run(job, stem, small, null, "run-1/train/", "run-1/train/out/", e -> { }))
                .isInstanceOf(InvalidParametersException.class).hasMessageStartingWith(refusal);
        assertThat(job.status()).isEqualTo(TrainingJob.Status.FAILED);
        assertThat(job.view().error()).startsWith(refusal);
    }

    private ArtifactRef storedIndex(int imageSize) throws Exception {
        ArtifactRef shard = new ArtifactRef(store.bucket(), "steps/preprocess/z" + imageSize + "/shard-00000.bin", 1,
                "0".repeat(64));
        ShardIndex index = new ShardIndex(imageSize, 3, 100, List.of(new ShardIndex.Shard(shard, 100)), new int[18],
                new double[18], Map.of("0", 50, "1", 50), 5, new double[] {0.5, 0.5, 0.5},
                new double[] {0.25, 0.25, 0.25}, 14, Map.of());
        return store.put("steps/preprocess/z" + imageSize + "/index.json", EventCodec.instance().mapper()
                .writeValueAsBytes(index), "application/json");
    }

    private ArtifactRef storedIndex(Map<String, Integer> folds, List<String> cueNames, double[][] personCues)
            throws Exception {
        ArtifactRef shard = new ArtifactRef(store.bucket(), "steps/preprocess/y/shard-00000.bin", 1, "0".repeat(64));
        int count = folds.values().stream().mapToInt(Integer::intValue).sum();
        ShardIndex index = new ShardIndex(64, 3, count, List.of(new ShardIndex.Shard(shard, count)), new int[18],
                new double[18], folds, 5, new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 2,
                Map.of(), Map.of(), null, cueNames, personCues);
        return store.put("steps/preprocess/y/index.json", EventCodec.instance().mapper().writeValueAsBytes(index),
                "application/json");
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
