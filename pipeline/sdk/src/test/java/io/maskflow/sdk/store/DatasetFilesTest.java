package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.contracts.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data sets read through their manifest, checked by SHA-256 or, for files other tools wrote, by size. */
class DatasetFilesTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    private ArtifactRef manifest(Map<String, FileEntry> files) throws Exception {
        DatasetManifest manifest = new DatasetManifest(1, store.bucket(), "synced/", "import", files, Instant.now());
        return store.put("datasets/imported/x/" + DatasetManifest.FILE_NAME, EventCodec.instance().mapper()
                .writeValueAsBytes(manifest), "application/json");
    }

    @Test
    void readsTheFilesAManifestNamesWithoutListingThePrefix() throws Exception {
        byte[] csv = "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8);
        store.put("synced/train/train.csv", csv, "text/csv");
        store.put("synced/train/images/a/mask1.jpg", new byte[] {1, 2, 3}, "image/jpeg");
        store.put("synced/stray.txt", new byte[] {9}, "text/plain");
        DatasetFiles files = DatasetFiles.open(store, manifest(Map.of(
                "train/train.csv", new FileEntry(csv.length, Hashing.sha256Hex(csv), null),
                "train/images/a/mask1.jpg", new FileEntry(3, null, "etag-1"))));
        assertThat(files.name()).isEqualTo("s3://memory/synced/");
        assertThat(files.list("train/")).containsExactly("train/images/a/mask1.jpg", "train/train.csv");
        assertThat(files.exists("stray.txt")).as("only what the manifest names").isFalse();
        assertThat(files.read("train/train.csv")).isEqualTo(csv);
        assertThat(files.read("train/images/a/mask1.jpg")).containsExactly(1, 2, 3);
    }

    @Test
    void aFileThatChangedSinceTheManifestIsAnErrorNotAWrongResult() throws Exception {
        store.put("synced/train/train.csv", "changed".getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put("synced/train/images/a/mask1.jpg", new byte[] {1, 2, 3, 4}, "image/jpeg");
        DatasetFiles files = DatasetFiles.open(store, manifest(Map.of(
                "train/train.csv", new FileEntry(7, Hashing.sha256Hex("another"), null),
                "train/images/a/mask1.jpg", new FileEntry(3, null, "etag-1"))));
        assertThatThrownBy(() -> files.read("train/train.csv")).isInstanceOf(ArtifactCorruptedException.class)
                .hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> files.read("train/images/a/mask1.jpg"))
                .isInstanceOf(ArtifactCorruptedException.class).hasMessageContaining("read 4 bytes, expected 3");
        assertThatThrownBy(() -> files.read("train/images/b/mask1.jpg")).isInstanceOf(
                ArtifactNotFoundException.class);
    }

    @Test
    void aReferenceThatIsNoManifestReadsThePrefixAroundIt() throws Exception {
        ArtifactRef csv = store.put("gen/abc/train/train.csv", new byte[] {1}, "text/csv");
        store.put("gen/abc/eval/info.csv", new byte[] {2}, "text/csv");
        DatasetFiles files = DatasetFiles.open(store, csv);
        assertThat(files.root()).isEqualTo("gen/abc/");
        assertThat(files.list("")).containsExactly("eval/info.csv", "train/train.csv");
        assertThat(DatasetFiles.root("gen/abc/dataset.json")).isEqualTo("gen/abc/");
    }
}
