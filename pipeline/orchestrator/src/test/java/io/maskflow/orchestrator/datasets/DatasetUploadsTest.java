package io.maskflow.orchestrator.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.sdk.store.Hashing;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The file list of an upload is read from the store once for all its batches and its commit, not once per batch
 * (up to 16 MiB of JSON parsed again for each, two batches at a time); a list written again is read again.
 */
class DatasetUploadsTest {

    /** Counts the reads of upload file lists. */
    private static final class CountingStore extends InMemoryArtifactStore {
        final AtomicInteger proposalReads = new AtomicInteger();

        @Override
        public InputStream open(ArtifactRef ref) throws IOException {
            if (ref.key().endsWith("/upload.json")) {
                proposalReads.incrementAndGet();
            }
            return super.open(ref);
        }
    }

    private final CountingStore store = new CountingStore();
    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final DatasetUploads uploads = new DatasetUploads(store, writers);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    @Test
    void theFileListIsReadOnceForAllBatchesOfAnUpload() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train/train.csv", "id,gender,race,age,path\n000001,female,Asian,45,000001_female_Asian_45\n"
                .getBytes(StandardCharsets.UTF_8));
        for (String stem : new String[] {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"}) {
            files.put("train/images/000001_female_Asian_45/" + stem + ".jpg", stem.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, FileEntry> listed = new LinkedHashMap<>();
        files.forEach((path, bytes) -> listed.put(path, new FileEntry(bytes.length, Hashing.sha256Hex(bytes), null)));
        String id = uploads.propose(listed).id();

        int batches = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            uploads.receive(id, new ByteArrayInputStream(zip(file.getKey(), file.getValue())));
            batches++;
        }
        DatasetUploads.Status done = uploads.commit(id);
        assertThat(done.complete()).isTrue();
        assertThat(batches).isEqualTo(8);
        assertThat(store.proposalReads).hasValue(1);
    }

    private Map<String, byte[]> onePerson() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train/train.csv", "id,gender,race,age,path\n000001,female,Asian,45,000001_female_Asian_45\n"
                .getBytes(StandardCharsets.UTF_8));
        for (String stem : new String[] {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"}) {
            files.put("train/images/000001_female_Asian_45/" + stem + ".jpg", stem.getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private String propose(Map<String, byte[]> files) throws IOException {
        Map<String, FileEntry> listed = new LinkedHashMap<>();
        files.forEach((path, bytes) -> listed.put(path, new FileEntry(bytes.length, Hashing.sha256Hex(bytes), null)));
        return uploads.propose(listed).id();
    }

    /** A photo or a file list sent as a batch was refused as "the batch holds no file". */
    @Test
    void aBatchThatIsNoZipIsNamedSo() throws Exception {
        String id = propose(onePerson());
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(jpeg)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the batch is not a zip stream").hasMessageContaining("a JPEG");
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream("{\"files\": {}}".getBytes(
                StandardCharsets.UTF_8)))).hasMessageContaining("JSON");
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(new byte[0])))
                .hasMessageContaining("the batch is empty");
    }

    /**
     * A batch whose names are not UTF-8 (CP949, as older Korean Windows tools write them) was refused as "malformed
     * input off : 0, length : 1".
     */
    @Test
    void aBatchWhoseNamesAreNotUtf8IsNamedSo() throws Exception {
        String id = propose(onePerson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, java.nio.charset.Charset.forName("x-windows-949"))) {
            zip.putNextEntry(new ZipEntry("train/images/마스크.jpg"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8")
                .hasMessageNotContaining("malformed input");
    }

    /** An upload given up is deleted, file list and files; a complete data set is kept. */
    @Test
    void anUploadNeverCommittedCanBeGivenUp() throws Exception {
        Map<String, byte[]> files = onePerson();
        String id = propose(files);
        Map.Entry<String, byte[]> first = files.entrySet().iterator().next();
        uploads.receive(id, new ByteArrayInputStream(zip(first.getKey(), first.getValue())));
        assertThat(store.listObjects(store.bucket(), "datasets/" + id + "/")).hasSize(2);

        assertThat(uploads.abandon(id)).isEqualTo(2);
        assertThat(store.listObjects(store.bucket(), "datasets/" + id + "/")).isEmpty();
        assertThat(uploads.abandon(id)).isZero();
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip(first.getKey(), first.getValue()))))
                .hasMessageContaining("was started");

        String again = propose(files);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            uploads.receive(again, new ByteArrayInputStream(zip(file.getKey(), file.getValue())));
        }
        assertThat(uploads.commit(again).complete()).isTrue();
        assertThatThrownBy(() -> uploads.abandon(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is complete");
        assertThat(uploads.status(again)).isPresent();
    }

    /**
     * An eval/info.csv with a bad header was committed (only train.csv's header was read) and the runs on the data set
     * failed in their last step; the commit refuses it, as it does a bad train.csv header, when its batch was stored
     * before batches were checked.
     */
    @Test
    void aCommitRefusesAnEvalCsvWithoutItsHeader() throws Exception {
        Map<String, byte[]> files = onePerson();
        files.put("eval/info.csv", "image,answer\nx.jpg,0\n".getBytes(StandardCharsets.UTF_8));
        files.put("eval/images/x.jpg", "x".getBytes(StandardCharsets.UTF_8));
        String id = propose(files);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            store.put("datasets/" + id + "/" + file.getKey(), file.getValue(), "application/octet-stream");
        }
        assertThatThrownBy(() -> uploads.commit(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eval/info.csv must start with the header 'ImageID,ans'");
        assertThat(uploads.status(id)).isEmpty();

        files.put("eval/info.csv", "\uFEFFImageID,ans\r\nx.jpg,0\n".getBytes(StandardCharsets.UTF_8));
        String fixed = propose(files);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            uploads.receive(fixed, new ByteArrayInputStream(zip(file.getKey(), file.getValue())));
        }
        assertThat(uploads.commit(fixed).complete()).isTrue();
    }

    /**
     * A train.csv without its header was found only at the commit, after every photo was sent: the batch that carries
     * it is refused (and the file not stored), naming the file; one saved as UTF-16 is named so.
     */
    @Test
    void aBatchWithABadCsvHeaderIsRefusedAsItArrives() throws Exception {
        Map<String, byte[]> files = onePerson();
        files.put("train/train.csv", "id;gender;race;age;path\n".getBytes(StandardCharsets.UTF_8));
        files.put("eval/info.csv", "ImageId,ans\n".getBytes(StandardCharsets.UTF_8));
        String id = propose(files);
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip("train/train.csv",
                files.get("train/train.csv"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train/train.csv must start with the header 'id,gender,race,age,path'");
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip("eval/info.csv",
                files.get("eval/info.csv"))))).hasMessage("eval/info.csv must start with the header 'ImageID,ans'");
        assertThat(store.stat("datasets/" + id + "/train/train.csv")).isEmpty();
    }

    /** pandas' to_csv and R's write.csv add the row numbers as a first column without a name, unless told not to. */
    @Test
    void aCsvWithRowNumbersBeforeItsHeaderSaysHowToSaveItWithout() throws Exception {
        for (String header : java.util.List.of(",id,gender,race,age,path\n",
                "\"\",\"id\",\"gender\",\"race\",\"age\",\"path\"\n", "Unnamed: 0,id,gender,race,age,path\n")) {
            Map<String, byte[]> files = onePerson();
            files.put("train/train.csv", (header + "0,000001,female,Asian,45,000001_female_Asian_45\n")
                    .getBytes(StandardCharsets.UTF_8));
            String id = propose(files);
            assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip("train/train.csv",
                    files.get("train/train.csv"))))).as(header).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("train/train.csv must start with the header 'id,gender,race,age,path': its first "
                            + "column has no name, as the row numbers pandas' to_csv and R's write.csv add; save it "
                            + "without them (to_csv(..., index=False), write.csv(..., row.names = FALSE))");
        }
    }

    @Test
    void aCsvSavedAsUtf16IsNamedSo() throws Exception {
        String csv = "id,gender,race,age,path\n000001,female,Asian,45,000001_female_Asian_45\n";
        Map<String, byte[]> saved = new LinkedHashMap<>();
        saved.put("it starts with the byte-order mark FF FE", concat(new byte[] {(byte) 0xff, (byte) 0xfe},
                csv.getBytes(StandardCharsets.UTF_16LE)));
        saved.put("it starts with the byte-order mark FE FF", csv.getBytes(StandardCharsets.UTF_16)); // BE, marked
        saved.put("it has a NUL byte every other byte", csv.getBytes(StandardCharsets.UTF_16LE));
        for (Map.Entry<String, byte[]> utf16 : saved.entrySet()) {
            Map<String, byte[]> files = onePerson();
            files.put("train/train.csv", utf16.getValue());
            String id = propose(files);
            assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip("train/train.csv",
                    utf16.getValue())))).as(utf16.getKey()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("train/train.csv looks like UTF-16 text (" + utf16.getKey() + "), not UTF-8: save "
                            + "it as UTF-8 (in Excel \"CSV UTF-8\"), starting with the header "
                            + "'id,gender,race,age,path'");
        }
    }

    /**
     * A train.csv in another 8-bit encoding (Latin-1 here; a Korean Windows file in CP949 alike) passed every check
     * and failed the run's preprocess step as "empty-dataset", its folders not matching rows decoded with U+FFFD in
     * them (a probe of the running stack, 2026-12-07, night): refused as it arrives, naming the line and the byte.
     */
    @Test
    void aCsvThatIsNotUtf8IsNamedSoWithTheLineAndTheByte() throws Exception {
        byte[] latin1 = ("id,gender,race,age,path\n000001,female,Asi\u00e1n,45,000001_female_Asi\u00e1n_45\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> files = onePerson();
        files.put("train/train.csv", latin1);
        String id = propose(files);
        assertThatThrownBy(() -> uploads.receive(id, new ByteArrayInputStream(zip("train/train.csv", latin1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train/train.csv is not UTF-8 text: line 2 has the byte 0xE1, which UTF-8 does not take "
                        + "there (a file saved in another encoding, such as Latin-1 or the Korean CP949): save it "
                        + "as UTF-8 (in Excel \"CSV UTF-8\")");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] zip(String path, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(path));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
