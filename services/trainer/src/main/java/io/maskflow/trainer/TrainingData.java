package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ShardSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads a preprocess shard set from the store into the runner's {@link TrainingRunner.Data}. */
final class TrainingData {

    /**
     * The share of the heap the images may take. Training holds every image's pixels in memory; the rest of the
     * heap goes to batches, figures and the service itself. Past about this share the collector runs all the time
     * (measured: 14,000 images at 64 px, 172 MiB in a 384 MiB heap, trained at 100 – 280 images/s instead of 400).
     */
    static final double HEAP_SHARE = 0.5;

    private TrainingData() {
    }

    /**
     * Reads the index and then the shards; before the shards, refuses images too small for {@code architecture}
     * (as the failure of the first batch would, after the shards were read, and as an error retried) and a set too
     * large for the heap.
     */
    static TrainingRunner.Data load(ArtifactStore store, ArtifactRef indexRef, Path initModel,
            TrainParams.Architecture architecture) throws IOException {
        ShardIndex index = ShardSets.index(store, indexRef);
        architecture.requireImageSize(index.imageSize());
        checkFits(index, Runtime.getRuntime().maxMemory());
        List<ShardRecord> records = ShardSets.records(store, index);
        float[] mean = floats(index.mean());
        float[] std = floats(index.std());
        for (int c = 0; c < std.length; c++) {
            std[c] = Math.max(std[c], 1e-3f);
        }
        return new TrainingRunner.Data(records, index.imageSize(), mean, std, indexRef, index.parameters(),
                initModel, index.personAges(), index.cueNames(), index.personCues());
    }

    /**
     * Refuses, before reading a byte of them, a shard set whose pixels would take more than {@link #HEAP_SHARE} of
     * the heap, saying what to change.
     */
    static void checkFits(ShardIndex index, long maxHeap) {
        long bytes = (long) index.count() * index.imageSize() * index.imageSize() * index.channels();
        if (bytes > HEAP_SHARE * maxHeap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the %d training images at %d px take"
                    + " %d MiB in memory, more than %.0f %% of the trainer's %d MiB heap: give the trainer more"
                    + " (-Xmx%dm or more; TRAINER_HEAP for run-local.sh, trainer.resources for the chart) or"
                    + " preprocess at a smaller imageSize", index.count(), index.imageSize(), bytes >> 20,
                    HEAP_SHARE * 100, maxHeap >> 20, ((long) Math.ceil(bytes / HEAP_SHARE) + (1 << 20) - 1) >> 20));
        }
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
