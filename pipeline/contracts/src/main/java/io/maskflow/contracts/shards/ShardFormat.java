package io.maskflow.contracts.shards;

/**
 * The binary shard format written by the preprocess service and read by the trainer and evaluator. A shard is
 * <pre>
 * header   magic "MFSH" (4 bytes), version u16, height u16, width u16, channels u8, count u32   (15 bytes)
 * records  count x { label u8, fold u8, person u32, pixels height*width*channels u8 (RGB, row-major) }
 * </pre>
 * all integers big-endian. Fixed-size records let a reader seek to record i and read whole batches at once.
 */
public final class ShardFormat {

    public static final byte[] MAGIC = {'M', 'F', 'S', 'H'};
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 15;
    /** Bytes of a record before its pixels. */
    public static final int RECORD_PREFIX = 6;
    /** The fold value of hold-out persons. */
    public static final int HOLDOUT = 255;
    /**
     * The fold value of records that only ever train: synthetic people added to a user's data set. They are in no
     * validation fold and never in the hold-out, so every figure is measured on the user's own persons.
     */
    public static final int TRAIN_ONLY = 254;
    /** The largest side a shard's images may have: preprocess's {@code imageSize} goes up to 1024. */
    public static final int MAX_SIDE = 1024;
    /** The most channels a shard's images may have (RGB is written today). */
    public static final int MAX_CHANNELS = 4;

    private ShardFormat() {
    }

    public static int recordBytes(int height, int width, int channels) {
        return RECORD_PREFIX + height * width * channels;
    }
}
