package io.maskflow.contracts.shards;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes one shard file; the record count in the header is filled in on {@link #close()}. */
public final class ShardWriter implements AutoCloseable {

    private final Path file;
    private final int height;
    private final int width;
    private final DataOutputStream out;
    private int count;

    public ShardWriter(Path file, int height, int width) throws IOException {
        this.file = file;
        this.height = height;
        this.width = width;
        OutputStream raw = Files.newOutputStream(file);
        out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
        out.write(ShardFormat.MAGIC);
        out.writeShort(ShardFormat.VERSION);
        out.writeShort(height);
        out.writeShort(width);
        out.writeByte(3);
        out.writeInt(0);
    }

    public void write(ShardRecord record) throws IOException {
        if (record.pixels().length != height * width * 3) {
            throw new IllegalArgumentException("record has " + record.pixels().length + " pixel bytes, the shard "
                    + "holds " + height + "x" + width + "x3");
        }
        if (record.label() < 0 || record.label() > 17) {
            throw new IllegalArgumentException("label must be 0..17, got " + record.label());
        }
        out.writeByte(record.label());
        out.writeByte(record.fold());
        out.writeInt(record.person());
        out.write(record.pixels());
        count++;
    }

    public int count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            ByteBuffer countBytes = ByteBuffer.allocate(4).putInt(count).flip();
            channel.position(ShardFormat.HEADER_BYTES - 4);
            channel.write(countBytes);
        }
    }
}
