package io.maskflow.contracts.shards;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the records of one shard from any input stream (a file, or the artifact store's checked stream), so a
 * shard never has to be in memory whole.
 */
public final class ShardReader implements AutoCloseable, Iterable<ShardRecord> {

    private final DataInputStream in;
    private final int height;
    private final int width;
    private final int channels;
    private final int count;
    private int read;

    public ShardReader(InputStream stream) throws IOException {
        in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        byte[] magic = in.readNBytes(4);
        if (!Arrays.equals(magic, ShardFormat.MAGIC)) {
            throw new MalformedShardException("not a Maskflow shard (bad magic)");
        }
        try {
            int version = in.readUnsignedShort();
            if (version != ShardFormat.VERSION) {
                throw new MalformedShardException("shard version " + version + " is not supported (this code reads "
                        + ShardFormat.VERSION + ")");
            }
            height = in.readUnsignedShort();
            width = in.readUnsignedShort();
            channels = in.readUnsignedByte();
            count = in.readInt();
        } catch (EOFException e) {
            throw new MalformedShardException("not a Maskflow shard: it ends inside its "
                    + ShardFormat.HEADER_BYTES + "-byte header", e);
        }
        checkHeader();
    }

    /**
     * Refuses sizes no preprocess step writes before a record is read: a header may say anything, and the pixels
     * of one record are allocated from it (65535 x 65535 x 255 overflows an int; 30000 x 30000 x 2 runs a heap out).
     */
    private void checkHeader() throws MalformedShardException {
        if (height < 1 || width < 1 || height > ShardFormat.MAX_SIDE || width > ShardFormat.MAX_SIDE
                || channels < 1 || channels > ShardFormat.MAX_CHANNELS || count < 0) {
            throw new MalformedShardException("not a shard a preprocess step writes: its header gives " + count
                    + " images of " + width + " x " + height + " pixels and " + channels + " channels (at most "
                    + ShardFormat.MAX_SIDE + " pixels a side and " + ShardFormat.MAX_CHANNELS + " channels)");
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public int count() {
        return count;
    }

    /** The next record, or null after the last. */
    public ShardRecord next() throws IOException {
        if (read >= count) {
            return null;
        }
        try {
            int label = in.readUnsignedByte();
            int fold = in.readUnsignedByte();
            int person = in.readInt();
            byte[] pixels = new byte[height * width * channels];
            in.readFully(pixels);
            read++;
            return new ShardRecord(label, person, fold, pixels);
        } catch (EOFException e) {
            throw new MalformedShardException("shard ends after " + read + " of " + count + " records", e);
        }
    }

    @Override
    public Iterator<ShardRecord> iterator() {
        return new Iterator<>() {
            private ShardRecord next = advance();

            private ShardRecord advance() {
                try {
                    return ShardReader.this.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ShardRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ShardRecord current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
