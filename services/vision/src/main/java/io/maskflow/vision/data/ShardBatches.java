package io.maskflow.vision.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Streams a shard straight into DJL batches: the pixels of a whole batch are copied into one buffer and become one
 * uint8 NDArray, then one float32 NCHW array normalised by the data set's mean and std — no NDArray per image and
 * no boxed pixels.
 */
public final class ShardBatches {

    private final ShardReader reader;
    private final int batchSize;
    private final float[] mean;
    private final float[] std;
    private final ByteBuffer pixels;
    private final long[] labels;
    private final int[] persons;

    /**
     * @param mean channel means (RGB, 0..1), e.g. from the shard index
     * @param std channel standard deviations (RGB, 0..1)
     */
    public ShardBatches(ShardReader reader, int batchSize, float[] mean, float[] std) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.mean = mean.clone();
        this.std = std.clone();
        int imageBytes = reader.height() * reader.width() * reader.channels();
        this.pixels = ByteBuffer.allocateDirect(batchSize * imageBytes).order(ByteOrder.nativeOrder());
        this.labels = new long[batchSize];
        this.persons = new int[batchSize];
    }

    /**
     * The next batch as {images (N, 3, H, W) float32, labels (N) int64}, attached to {@code manager}; null when the
     * shard is done. The last batch may be smaller.
     */
    public NDList next(NDManager manager) throws IOException {
        pixels.clear();
        int n = 0;
        for (; n < batchSize; n++) {
            ShardRecord record = reader.next();
            if (record == null) {
                break;
            }
            pixels.put(record.pixels());
            labels[n] = record.label();
            persons[n] = record.person();
        }
        if (n == 0) {
            return null;
        }
        pixels.flip();
        Shape shape = new Shape(n, reader.height(), reader.width(), reader.channels());
        try (NDManager scratch = manager.newSubManager()) {
            NDArray raw = scratch.create(pixels, shape, DataType.UINT8);
            NDArray images = raw.toType(DataType.FLOAT32, false).div(255f)
                    .sub(scratch.create(mean)).div(scratch.create(std))
                    .transpose(0, 3, 1, 2);
            images.attach(manager);
            long[] batchLabels = new long[n];
            System.arraycopy(labels, 0, batchLabels, 0, n);
            return new NDList(images, manager.create(batchLabels));
        }
    }

    /** The person index of each record of the last batch (for out-of-fold bookkeeping). */
    public int[] lastPersons(int count) {
        int[] copy = new int[count];
        System.arraycopy(persons, 0, copy, 0, count);
        return copy;
    }
}
