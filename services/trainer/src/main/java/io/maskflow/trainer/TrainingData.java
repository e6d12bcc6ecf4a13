package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ShardSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a preprocess shard set from the store into the runner's {@link TrainingRunner.Data}. */
final class TrainingData {

    private TrainingData() {
    }

    static TrainingRunner.Data load(ArtifactStore store, ArtifactRef indexRef, Path initModel) throws IOException {
        ShardIndex index = ShardSets.index(store, indexRef);
        List<ShardRecord> records = ShardSets.records(store, index);
        float[] mean = floats(index.mean());
        float[] std = floats(index.std());
        for (int c = 0; c < std.length; c++) {
            std[c] = Math.max(std[c], 1e-3f);
        }
        return new TrainingRunner.Data(records, index.imageSize(), mean, std, indexRef, index.parameters(),
                initModel);
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
