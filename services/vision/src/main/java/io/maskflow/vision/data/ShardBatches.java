package io.maskflow.vision.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a shard straight into DJL batches: the pixels of a whole batch are copied into one buffer and become one
 * uint8 NDArray, then one float32 NCHW array normalised by the data set's mean and std — no NDArray per image and
 * no boxed pixels.
 */
public final class ShardBatches {

    private final ShardReader reader;
    private final int batchSize;
    private final Batcher batcher;
    private int[] persons = new int[0];

    /**
     * @param mean channel means (RGB, 0..1), e.g. from the shard index
     * @param std channel standard deviations (RGB, 0..1)
     */
    public ShardBatches(ShardReader reader, int batchSize, float[] mean, float[] std) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.batcher = new Batcher(reader.height(), reader.width(), batchSize, mean, std);
    }

    /**
     * The next batch as {images (N, 3, H, W) float32, labels (N) int64}, attached to {@code manager}; null when the
     * shard is done. The last batch may be smaller.
     */
    public NDList next(NDManager manager) throws IOException {
        List<ShardRecord> records = new ArrayList<>(batchSize);
        while (records.size() < batchSize) {
            ShardRecord record = reader.next();
            if (record == null) {
                break;
            }
            records.add(record);
        }
        if (records.isEmpty()) {
            return null;
        }
        persons = records.stream().mapToInt(ShardRecord::person).toArray();
        return batcher.batch(records, manager);
    }

    /** The person index of each record of the last batch (for out-of-fold bookkeeping). */
    public int[] lastPersons(int count) {
        return Arrays.copyOf(persons, count);
    }
}
