package io.maskflow.orchestrator.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.orchestrator.definitions.DefinitionException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.Hashing;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bucket name S3 (and the MinIO client) refuses is the request's mistake, said as such: never a store outage. The
 * files of an upload that is not complete are not a data set (a run trained on the part sent so far), and an
 * uploaded data set's {@code eval/info.csv} header is checked before the run as a bucket prefix's is.
 */
class StoreDatasetsTest {

    /** A store whose bucket is {@code maskflow}, and whose every other call is a store that does not answer. */
    private static final ArtifactStore AWAY = (ArtifactStore) Proxy.newProxyInstance(
            ArtifactStore.class.getClassLoader(), new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("bucket")) {
                    return "maskflow";
                }
                throw new IOException("the store does not answer");
            });

    @Test
    void bucketNamesBreakingS3sRulesAreRefusedAsBadInput() {
        StoreDatasets datasets = new StoreDatasets(AWAY);
        for (String bucket : List.of("ab.-cd", "ab-.cd", "ab..cd", "ab", "-abc", "abc-", "Abc", "ab_c",
                "192.168.1.1", "a".repeat(64))) {
            assertThatThrownBy(() -> datasets.locate("s3://" + bucket + "/data/", DatasetLocator.Kind.COMPETITION))
                    .as(bucket).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("'" + bucket + "' is not an S3 bucket name");
        }
        // a good name gets as far as the store
        for (String bucket : List.of("abc", "my.bucket-1", "a".repeat(63))) {
            assertThatThrownBy(() -> datasets.locate("s3://" + bucket + "/data/", DatasetLocator.Kind.COMPETITION))
                    .as(bucket).hasMessageContaining("the store does not answer");
        }
    }

    private final InMemoryArtifactStore memory = new InMemoryArtifactStore();
    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final DatasetUploads uploads = new DatasetUploads(memory, writers);
    private final StoreDatasets datasets = new StoreDatasets(memory);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** Two persons' folders and their train.csv. */
    private static Map<String, byte[]> twoPersons() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train/train.csv", ("id,gender,race,age,path\n000001,female,Asian,45,000001_female_Asian_45\n"
                + "000002,male,Asian,30,000002_male_Asian_30\n").getBytes(StandardCharsets.UTF_8));
        for (String person : List.of("000001_female_Asian_45", "000002_male_Asian_30")) {
            for (String stem : List.of("mask1", "incorrect_mask", "normal")) {
                files.put("train/images/" + person + "/" + stem + ".jpg", (person + stem).getBytes(
                        StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private String propose(Map<String, byte[]> files) throws IOException {
        Map<String, FileEntry> listed = new LinkedHashMap<>();
        files.forEach((path, bytes) -> listed.put(path, new FileEntry(bytes.length, Hashing.sha256Hex(bytes), null)));
        return uploads.propose(listed).id();
    }

    private void send(String id, Map<String, byte[]> files, String prefix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (file.getKey().startsWith(prefix)) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    zip.write(file.getValue());
                    zip.closeEntry();
                }
            }
        }
        uploads.receive(id, new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * A run's generated data set, its photos in packs, as {@code dataset} of another run (to train again on the same
     * persons): it was imported as a bucket prefix and refused, "there are no files under train/images/" (the
     * second probe of 2026-12-06).
     */
    @Test
    void aGeneratedDataSetWithItsPhotosInPacksIsADataSet() throws Exception {
        String root = "steps/datagen/abc/run-1.1/";
        Map<String, byte[]> files = twoPersons();
        java.io.ByteArrayOutputStream pack = new java.io.ByteArrayOutputStream();
        Map<String, io.maskflow.contracts.dataset.DatasetPacks.Member> members = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("train/images/")) {
                members.put(file.getKey(), new io.maskflow.contracts.dataset.DatasetPacks.Member("packs/000000.zip",
                        pack.size(), file.getValue().length, Hashing.sha256Hex(file.getValue())));
                pack.write(file.getValue());
            } else {
                memory.put(root + file.getKey(), file.getValue(), "text/csv");
            }
        }
        ArtifactRef packRef = memory.put(root + "packs/000000.zip", pack.toByteArray(), "application/zip");
        memory.put(root + "dataset.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        ArtifactRef index = memory.put(root + io.maskflow.contracts.dataset.DatasetPacks.FILE_NAME,
                EventCodec.instance().mapper().writeValueAsBytes(new io.maskflow.contracts.dataset.DatasetPacks(1,
                        Map.of("packs/000000.zip", new io.maskflow.contracts.dataset.DatasetPacks.Pack(
                                packRef.size(), packRef.sha256())), members)), "application/json");

        // a run's folder ends in ".<attempt>": without its '/' it was taken for a file in steps/datagen/abc/
        for (String value : List.of(root, "steps/datagen/abc/run-1.1", root + "dataset.json", "s3://memory/" + root,
                "s3://memory/steps/datagen/abc/run-1.1")) {
            DatasetLocator.Found found = datasets.find(value, DatasetLocator.Kind.COMPETITION);
            assertThat(found.ref()).as(value).isEqualTo(index);
            assertThat(found.files()).as(value).contains("train/train.csv",
                    "train/images/000001_female_Asian_45/mask1.jpg").noneMatch(path -> path.startsWith("packs/"));
        }
        assertThat(memory.keys()).noneMatch(k -> k.startsWith("datasets/imported/"));
    }

    /**
     * A run's dataset naming the folder of an upload proposed but not committed was imported as a data set, and
     * the run trained on the one person of two sent so far; it is refused, naming the upload and what to do.
     */
    @Test
    void theFilesOfAnUploadNotCompleteAreNoDataSet() throws Exception {
        Map<String, byte[]> files = twoPersons();
        String id = propose(files);
        send(id, files, "train/train.csv");
        send(id, files, "train/images/000001_female_Asian_45/");
        for (String value : List.of("datasets/" + id + "/", "datasets/" + id, "datasets/" + id + "/train/train.csv",
                "s3://memory/datasets/" + id + "/", "datasets/" + id + "/maskflow-dataset.json")) {
            assertThatThrownBy(() -> datasets.locate(value, DatasetLocator.Kind.COMPETITION)).as(value)
                    .isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("upload " + id + ", which is not complete")
                    .hasMessageContaining("run the same ./maskflow upload again")
                    .hasMessageEndingWith("give it up: ./maskflow upload --abandon " + id);
        }
        assertThat(memory.keys()).noneMatch(k -> k.startsWith("datasets/imported/"));

        send(id, files, "train/images/000002_male_Asian_30/");
        String manifest = uploads.commit(id).dataset();
        assertThat(datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION).key())
                .isEqualTo(manifest);
    }

    /** Files left behind by an upload given up (its file list deleted first) are no data set either. */
    @Test
    void theFilesLeftOfAnUploadGivenUpAreNoDataSet() throws Exception {
        Map<String, byte[]> files = twoPersons();
        String id = propose(files);
        send(id, files, "train/");
        memory.delete(List.of("datasets/" + id + "/upload.json"));

        assertThatThrownBy(() -> datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("what is left of upload " + id + ", which was given up")
                .hasMessageEndingWith("give it up: ./maskflow upload --abandon " + id);
        assertThat(uploads.abandon(id)).isEqualTo(7);
        assertThatThrownBy(() -> datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("there is no data set at");
    }

    /** Another prefix under datasets/ (a data set synced there by hand) is still imported. */
    @Test
    void aPrefixUnderDatasetsThatIsNoUploadIsImported() throws Exception {
        for (Map.Entry<String, byte[]> file : twoPersons().entrySet()) {
            memory.put("datasets/mine/" + file.getKey(), file.getValue(), "application/octet-stream");
        }
        assertThat(datasets.locate("datasets/mine/", DatasetLocator.Kind.COMPETITION).key())
                .startsWith("datasets/imported/");
    }

    /** A bucket prefix whose train.csv was saved as UTF-16 is named so, as an upload's batch is. */
    @Test
    void aTrainCsvSavedAsUtf16IsNamedSo() throws Exception {
        for (Map.Entry<String, byte[]> file : twoPersons().entrySet()) {
            byte[] content = file.getKey().equals("train/train.csv") ? new String(file.getValue(),
                    StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16) : file.getValue();
            memory.put("synced/" + file.getKey(), content, "application/octet-stream");
        }
        assertThatThrownBy(() -> datasets.locate("synced/", DatasetLocator.Kind.COMPETITION))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("train/train.csv of s3://memory/synced/ looks like UTF-16 text (it starts "
                        + "with the byte-order mark FE FF), not UTF-8: save it as UTF-8");
    }

    /** A run is checked against what its data set holds (an eval/ folder, drawing values): its files come with it. */
    @Test
    void aDataSetIsFoundWithItsFiles() throws Exception {
        Map<String, byte[]> files = twoPersons();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            memory.put("synced/" + file.getKey(), file.getValue(), "application/octet-stream");
        }
        DatasetLocator.Found imported = datasets.find("synced/", DatasetLocator.Kind.COMPETITION);
        assertThat(imported.files()).isEqualTo(files.keySet());
        assertThat(imported.lacks("eval/info.csv")).isTrue();
        assertThat(imported.lacks("train/train.csv")).isFalse();
        assertThat(datasets.find("synced/", DatasetLocator.Kind.COMPETITION)).isEqualTo(imported); // imported before

        String id = propose(files);
        send(id, files, "");
        String manifest = uploads.commit(id).dataset();
        for (String value : List.of(manifest, "datasets/" + id + "/")) {
            DatasetLocator.Found uploaded = datasets.find(value, DatasetLocator.Kind.COMPETITION);
            assertThat(uploaded.ref().key()).as(value).isEqualTo(manifest);
            assertThat(uploaded.files()).as(value).isEqualTo(files.keySet());
        }
    }

    /**
     * An uploaded data set whose eval/info.csv has a bad header (committed before the commit checked it) passed the
     * check and the run's submission, and only the run's last step failed; it is refused up front, as a bucket
     * prefix with that header is.
     */
    @Test
    void anUploadedDataSetsEvalHeaderIsCheckedBeforeTheRun() throws Exception {
        Map<String, byte[]> files = twoPersons();
        files.put("eval/info.csv", "ImageId,ans\nx.jpg,0\n".getBytes(StandardCharsets.UTF_8));
        files.put("eval/images/x.jpg", "x".getBytes(StandardCharsets.UTF_8));
        Map<String, FileEntry> listed = new TreeMap<>();
        files.forEach((path, bytes) -> listed.put(path, new FileEntry(bytes.length, Hashing.sha256Hex(bytes), null)));
        String id = DatasetManifest.contentId(listed);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            memory.put(ArtifactKeys.datasetFile(id, file.getKey()), file.getValue(), "application/octet-stream");
        }
        memory.put(ArtifactKeys.datasetManifest(id), EventCodec.instance().mapper().writeValueAsBytes(
                new DatasetManifest(DatasetManifest.SCHEMA_VERSION, memory.bucket(), "datasets/" + id + "/",
                        "upload", listed, Instant.now())), "application/json");

        for (String value : List.of("datasets/" + id + "/", ArtifactKeys.datasetManifest(id))) {
            assertThatThrownBy(() -> datasets.locate(value, DatasetLocator.Kind.COMPETITION)).as(value)
                    .isInstanceOf(DefinitionException.class)
                    .hasMessage("eval/info.csv of s3://memory/datasets/" + id + "/ must start with the header "
                            + "'ImageID,ans'");
        }
        // the same files under a prefix of their own were refused so already
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            memory.put("synced/" + file.getKey(), file.getValue(), "application/octet-stream");
        }
        assertThatThrownBy(() -> datasets.locate("synced/", DatasetLocator.Kind.COMPETITION))
                .hasMessage("eval/info.csv of s3://memory/synced/ must start with the header 'ImageID,ans'");

        // the same size, so the manifest still lists it rightly
        memory.put(ArtifactKeys.datasetFile(id, "eval/info.csv"), "ImageID,ans\nx.jpg,0\n".getBytes(
                StandardCharsets.UTF_8), "text/csv");
        assertThat(datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION).key())
                .isEqualTo(ArtifactKeys.datasetManifest(id));

        // read now, a CSV changed or deleted since the manifest was written is the data set's problem, not the store's
        memory.put(ArtifactKeys.datasetFile(id, "eval/info.csv"), "ImageID,ans\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThatThrownBy(() -> datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("is not the file its manifest lists");
        memory.delete(List.of(ArtifactKeys.datasetFile(id, "eval/info.csv")));
        assertThatThrownBy(() -> datasets.locate("datasets/" + id + "/", DatasetLocator.Kind.COMPETITION))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("is listed in its manifest but is not");
    }
}
