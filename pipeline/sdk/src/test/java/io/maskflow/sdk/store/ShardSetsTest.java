package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard is read only as the index describes it: a shard of other sizes, another record count or other bytes is
 * an unreadable artifact (a failed step with its reason, a 400 over REST), not an internal error that is retried.
 */
class ShardSetsTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    @Test
    void readsTheRecordsOfAShardItsIndexDescribes(@TempDir Path dir) throws Exception {
        ShardIndex index = index(4, 2, shard(dir, 4, 2));
        assertThat(ShardSets.records(store, index)).extracting(ShardRecord::person).containsExactly(0, 1);
    }

    /** A JSON file given as an index says what is wrong without Jackson's advice on its own settings. */
    @Test
    void aJsonFileThatIsNoIndexIsNamedWithoutTheParsersAdvice() throws Exception {
        ArtifactRef manifest = store.put("steps/datagen/x/dataset.json", "{\"imageSize\": null}"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertThatThrownBy(() -> ShardSets.index(store, manifest)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("is not a shard index (the index.json of a preprocess step): field "
                        + "'imageSize': Cannot map `null` into type `int`")
                .hasMessageNotContaining("DeserializationFeature");
    }

    @Test
    void aShardThatIsNotTheOneItsIndexDescribesIsUnreadable(@TempDir Path dir) throws Exception {
        ShardIndex otherSize = index(8, 2, shard(dir, 4, 2));
        assertThatThrownBy(() -> ShardSets.records(store, otherSize)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("shard-4x2.bin is not a shard of its index: its header gives 2 images of 4 x 4"
                        + " pixels and 3 channels, its index 2 of 8 x 8 and 3");
        ShardIndex moreRecords = index(4, 1, shard(dir, 4, 3));
        assertThatThrownBy(() -> ShardSets.records(store, moreRecords))
                .isInstanceOf(ArtifactUnreadableException.class).hasMessageContaining("its header gives 3 images");
        ArtifactRef text = store.put("steps/preprocess/x/notes.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        ShardIndex notAShard = new ShardIndex(4, 3, 1, List.of(new ShardIndex.Shard(text, 1)), new int[18],
                new double[18], Map.of(), 5, new double[3], new double[3], 1, Map.of());
        assertThatThrownBy(() -> ShardSets.records(store, notAShard)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("notes.txt is not a shard of its index: not a Maskflow shard (bad magic)");
    }

    private ArtifactRef shard(Path dir, int size, int count) throws Exception {
        Path file = dir.resolve("shard-" + size + "x" + count + ".bin");
        try (ShardWriter writer = new ShardWriter(file, size, size)) {
            for (int i = 0; i < count; i++) {
                writer.write(new ShardRecord(i, i, 0, new byte[size * size * 3]));
            }
        }
        return store.put("steps/preprocess/x/" + file.getFileName(), file, "application/octet-stream");
    }

    private static ShardIndex index(int size, int count, ArtifactRef shard) {
        return new ShardIndex(size, 3, count, List.of(new ShardIndex.Shard(shard, count)), new int[18],
                new double[18], Map.of(), 5, new double[3], new double[3], count, Map.of());
    }
}
