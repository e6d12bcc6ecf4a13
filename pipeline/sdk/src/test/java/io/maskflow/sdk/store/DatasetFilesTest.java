package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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

    /**
     * A reference to where nothing was ever written (a probe's step command named steps/nope/x/dataset.json) is a
     * missing artifact, not a data set without a train.csv: the step failed "invalid-dataset".
     */
    @Test
    void aReferenceWithNothingAroundItIsAMissingArtifact() {
        ArtifactRef nowhere = new ArtifactRef(store.bucket(), "steps/nope/x/dataset.json", 10, "0".repeat(64));
        assertThatThrownBy(() -> DatasetFiles.open(store, nowhere)).isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining("no data set there (no object under s3://" + store.bucket() + "/steps/nope/x/)");
    }

    /** Writes two packs and their index under {@code gen/p/}, as the generator does; the train.csv beside. */
    private ArtifactRef packedDataSet(Map<String, byte[]> photos) throws Exception {
        Map<String, DatasetPacks.Pack> packs = new TreeMap<>();
        Map<String, DatasetPacks.Member> members = new TreeMap<>();
        PackWriter pack = null;
        int n = 0;
        for (Map.Entry<String, byte[]> photo : new TreeMap<>(photos).entrySet()) {
            if (pack == null || pack.count() == 2) {
                if (pack != null) {
                    ArtifactRef ref = store.put("gen/p/" + pack.path(), pack.finish(), "application/zip");
                    packs.put(pack.path(), new DatasetPacks.Pack(ref.size(), ref.sha256()));
                    members.putAll(pack.members());
                }
                pack = new PackWriter(String.format("packs/%06d.zip", n++), 100);
            }
            pack.add(photo.getKey(), photo.getValue());
        }
        ArtifactRef last = store.put("gen/p/" + pack.path(), pack.finish(), "application/zip");
        packs.put(pack.path(), new DatasetPacks.Pack(last.size(), last.sha256()));
        members.putAll(pack.members());
        store.put("gen/p/" + DatasetPacks.FILE_NAME, EventCodec.instance().mapper().writeValueAsBytes(
                new DatasetPacks(1, packs, members)), "application/json");
        return store.put("gen/p/train/train.csv", "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
    }

    @Test
    void readsPhotosFromPacksOneRangeAtATimeAndThePacksAreZipsOfTheLayout() throws Exception {
        Map<String, byte[]> photos = Map.of(
                "train/images/000001_female_Asian_45/mask1.jpg", new byte[] {1, 2, 3},
                "train/images/000001_female_Asian_45/normal.jpg", new byte[] {4, 5},
                "train/images/000002_male_Asian_20/mask1.jpg", new byte[0],
                "eval/images/a1.jpg", "a photo".getBytes(StandardCharsets.UTF_8),
                "eval/images/b2.jpg", new byte[] {9});
        DatasetFiles files = DatasetFiles.open(store, packedDataSet(photos));
        assertThat(files.list("train/images/")).containsExactly("train/images/000001_female_Asian_45/mask1.jpg",
                "train/images/000001_female_Asian_45/normal.jpg", "train/images/000002_male_Asian_20/mask1.jpg");
        assertThat(files.list("eval/images/")).hasSize(2);
        for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
            assertThat(files.read(photo.getKey())).as(photo.getKey()).isEqualTo(photo.getValue());
        }
        assertThat(files.read("train/train.csv")).startsWith('i');
        // unzipping the packs gives the photos under their paths in the competition layout
        Map<String, byte[]> unzipped = new TreeMap<>();
        for (String pack : files.list(DatasetPacks.FOLDER)) {
            try (ZipInputStream zip = new ZipInputStream(files.open(pack))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    unzipped.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        assertThat(unzipped).hasSameSizeAs(photos);
        photos.forEach((path, content) -> assertThat(unzipped.get(path)).as(path).isEqualTo(content));
    }

    @Test
    void aChangedPackOrAMissingOneIsAnErrorNamingIt() throws Exception {
        packedDataSet(Map.of("train/images/a/mask1.jpg", new byte[] {1, 2, 3},
                "train/images/a/mask2.jpg", new byte[] {4, 5, 6}, "train/images/b/mask1.jpg", new byte[] {7}));
        // the same size, other bytes: the photo's SHA-256 tells
        byte[] pack = store.read(store.stat("gen/p/packs/000000.zip").orElseThrow());
        DatasetPacks index = EventCodec.instance().mapper().readValue(store.read(store.stat("gen/p/"
                + DatasetPacks.FILE_NAME).orElseThrow()), DatasetPacks.class);
        int at = (int) index.members().get("train/images/a/mask2.jpg").offset();
        pack[at] = 42;
        store.put("gen/p/packs/000000.zip", pack, "application/zip");
        DatasetFiles files = DatasetFiles.open(store, store.stat("gen/p/train/train.csv").orElseThrow());
        assertThat(files.read("train/images/a/mask1.jpg")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> files.read("train/images/a/mask2.jpg"))
                .isInstanceOf(ArtifactCorruptedException.class).hasMessageContaining("SHA-256")
                .hasMessageContaining("packs/000000.zip");

        store.delete(java.util.List.of("gen/p/packs/000001.zip"));
        assertThatThrownBy(() -> DatasetFiles.open(store, store.stat("gen/p/train/train.csv").orElseThrow()))
                .isInstanceOf(ArtifactNotFoundException.class).hasMessageContaining("gen/p/packs/000001.zip");

        store.put("gen/p/" + DatasetPacks.FILE_NAME, ("{\"schemaVersion\":1,\"packs\":{},\"members\":"
                + "{\"train/images/a/mask1.jpg\":{\"pack\":\"packs/9.zip\",\"offset\":0,\"size\":1,"
                + "\"sha256\":\"" + "0".repeat(64) + "\"}}}").getBytes(StandardCharsets.UTF_8), "application/json");
        assertThatThrownBy(() -> DatasetFiles.open(store, store.stat("gen/p/train/train.csv").orElseThrow()))
                .isInstanceOf(ArtifactUnreadableException.class).hasMessageContaining("is not a pack index")
                .hasMessageContaining("packs/9.zip");
    }
}
