package io.maskflow.contracts.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFormatTest {

    @Test
    void writesAndStreamsRecordsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.bin");
        try (ShardWriter writer = new ShardWriter(file, 4, 3)) {
            for (int i = 0; i < 5; i++) {
                byte[] pixels = new byte[36];
                Arrays.fill(pixels, (byte) (i * 50));
                writer.write(new ShardRecord(i * 3, 100 + i, i % 2, pixels));
            }
        }
        assertThat(Files.size(file)).isEqualTo(ShardFormat.HEADER_BYTES + 5L * ShardFormat.recordBytes(4, 3, 3));
        List<ShardRecord> back = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); ShardReader reader = new ShardReader(in)) {
            assertThat(reader.count()).isEqualTo(5);
            assertThat(reader.height()).isEqualTo(4);
            assertThat(reader.width()).isEqualTo(3);
            reader.forEach(back::add);
        }
        assertThat(back).extracting(ShardRecord::label).containsExactly(0, 3, 6, 9, 12);
        assertThat(back).extracting(ShardRecord::person).containsExactly(100, 101, 102, 103, 104);
        assertThat(back.get(4).pixels()[35]).isEqualTo((byte) 200);
    }

    @Test
    void refusesWhatIsNotAShard(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new ShardReader(new ByteArrayInputStream("not a shard at all".getBytes())))
                .hasMessageContaining("bad magic");
        Path file = dir.resolve("s.bin");
        try (ShardWriter writer = new ShardWriter(file, 2, 2)) {
            writer.write(new ShardRecord(1, 1, 0, new byte[12]));
            assertThatThrownBy(() -> writer.write(new ShardRecord(1, 1, 0, new byte[5])))
                    .hasMessageContaining("pixel bytes");
            assertThatThrownBy(() -> writer.write(new ShardRecord(18, 1, 0, new byte[12])))
                    .hasMessageContaining("0..17");
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        try (ShardReader reader = new ShardReader(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(reader::next).hasMessageContaining("ends after 0 of 1");
        }
    }

    /** Sizes a header may give but no preprocess step writes are refused before a record's pixels are allocated. */
    @Test
    void refusesHeaderSizesNoPreprocessStepWrites() {
        // 65535 x 65535 x 255 overflowed an int (a negative array size); 30000 x 30000 x 2 ran a heap out
        for (int[] sizes : new int[][] {{65535, 65535, 255, 1}, {30000, 30000, 2, 1}, {0, 64, 3, 1},
                {64, 64, 0, 1}, {64, 64, 3, -1}}) {
            assertThatThrownBy(() -> new ShardReader(new ByteArrayInputStream(header(sizes))))
                    .isInstanceOf(MalformedShardException.class)
                    .hasMessageContaining("not a shard a preprocess step writes");
        }
        assertThatThrownBy(() -> new ShardReader(new ByteArrayInputStream(Arrays.copyOf(header(64, 64, 3, 1), 9))))
                .isInstanceOf(MalformedShardException.class).hasMessageContaining("ends inside its 15-byte header");
    }

    private static byte[] header(int... sizes) {
        ByteBuffer header = ByteBuffer.allocate(ShardFormat.HEADER_BYTES);
        header.put(ShardFormat.MAGIC).putShort((short) ShardFormat.VERSION).putShort((short) sizes[0])
                .putShort((short) sizes[1]).put((byte) sizes[2]).putInt(sizes[3]);
        return header.array();
    }
}
