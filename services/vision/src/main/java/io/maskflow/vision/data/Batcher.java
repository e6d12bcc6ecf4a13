package io.maskflow.vision.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.shards.ShardRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Turns records into one batch: their pixels are copied into one reusable direct buffer that becomes one uint8
 * NDArray, normalised into float32 NCHW; labels become an int64 array. Not thread-safe (one per worker).
 */
public final class Batcher {

    private final int height;
    private final int width;
    private final float[] mean;
    private final float[] std;
    private final ByteBuffer pixels;
    private final int capacity;

    public Batcher(int height, int width, int capacity, float[] mean, float[] std) {
        this.height = height;
        this.width = width;
        this.capacity = capacity;
        this.mean = mean.clone();
        this.std = std.clone();
        this.pixels = ByteBuffer.allocateDirect(capacity * height * width * 3).order(ByteOrder.nativeOrder());
    }

    /** {images (N, 3, H, W) float32, labels (N) int64}, attached to {@code manager}. */
    public NDList batch(List<ShardRecord> records, NDManager manager) {
        if (records.isEmpty() || records.size() > capacity) {
            throw new IllegalArgumentException("a batch holds 1 to " + capacity + " records, got " + records.size());
        }
        pixels.clear();
        long[] labels = new long[records.size()];
        for (int i = 0; i < labels.length; i++) {
            pixels.put(records.get(i).pixels());
            labels[i] = records.get(i).label();
        }
        pixels.flip();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray raw = scratch.create(pixels, new Shape(labels.length, height, width, 3), DataType.UINT8);
            NDArray images = raw.toType(DataType.FLOAT32, false).div(255f)
                    .sub(scratch.create(mean)).div(scratch.create(std)).transpose(0, 3, 1, 2);
            images.attach(manager);
            return new NDList(images, manager.create(labels));
        }
    }
}
