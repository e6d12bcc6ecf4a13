package io.maskflow.vision.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardBatchesTest {

    @Test
    void streamsAShardIntoNormalisedNchwBatches(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.bin");
        try (ShardWriter writer = new ShardWriter(file, 2, 2)) {
            for (int i = 0; i < 5; i++) {
                byte[] px = new byte[12];
                for (int p = 0; p < 4; p++) {
                    px[p * 3] = (byte) 255;      // R
                    px[p * 3 + 1] = (byte) (i * 10); // G
                    px[p * 3 + 2] = 0;           // B
                }
                writer.write(new ShardRecord(i, 10 + i, 0, px));
            }
        }
        float[] mean = {0.5f, 0f, 0f};
        float[] std = {0.5f, 1f, 1f};
        try (InputStream in = Files.newInputStream(file); ShardReader reader = new ShardReader(in);
                NDManager manager = NDManager.newBaseManager()) {
            ShardBatches batches = new ShardBatches(reader, 2, mean, std);
            NDList first = batches.next(manager);
            assertThat(first.get(0).getShape()).isEqualTo(new Shape(2, 3, 2, 2));
            assertThat(first.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(first.get(1).toLongArray()).containsExactly(0, 1);
            float[] values = first.get(0).toFloatArray();
            assertThat(values[0]).as("R of image 0: (1 - 0.5) / 0.5").isCloseTo(1f, within(1e-6f));
            assertThat(values[12 + 4]).as("G of image 1: 10/255").isCloseTo(10 / 255f, within(1e-6f));
            assertThat(batches.lastPersons(2)).containsExactly(10, 11);
            assertThat(batches.next(manager).get(1).toLongArray()).containsExactly(2, 3);
            NDList last = batches.next(manager);
            assertThat(last.get(0).getShape()).isEqualTo(new Shape(1, 3, 2, 2));
            assertThat(batches.next(manager)).isNull();
        }
    }
}
