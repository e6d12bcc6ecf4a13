package io.maskflow.orchestrator.datasets;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore.StoredObject;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.Hashing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Uploads of data sets in the competition layout (or sets of face photos under {@code faces/}), in three moves,
 * so a folder of any size goes up in batches, a broken upload resumes where it stopped, and the same content
 * uploaded twice costs nothing:
 * <ol>
 * <li>{@link #propose}: the client sends every file's path, size and SHA-256; the data set's id is the hash of
 * that list, and the answer says which files the store does not have yet (none when it is already there);</li>
 * <li>{@link #receive}: batches of those files as zip streams; each file is checked against its size and SHA-256
 * before it is stored under {@code datasets/<id>/<path>};</li>
 * <li>{@link #commit}: once every file is there, the manifest ({@code maskflow-dataset.json}) is written, and its
 * key is what a run's {@code dataset} parameter takes.</li>
 * </ol>
 * Free of Quarkus; thread-safe (any orchestrator replica can take any batch: the state is in the store).
 */
public final class DatasetUploads {

    /**
     * Most files in one data set (the real one has 31,500 with its eval folder; the trainer's default heap holds about
     * 80,000 training images). A proposal is held whole in memory a few times over while it is checked, hashed and
     * stored: one of 100,000 files passed in the orchestrator's 384 MB heap, one of 200,000 ran it out.
     */
    public static final int MAX_FILES = 100_000;
    /**
     * Largest single file: one always fits in a batch (the service takes bodies of up to 64 MiB), and a batch is held
     * in memory until its files are stored. A photo of the competition is about 0.1 – 3 MB.
     */
    static final long MAX_FILE_BYTES = 48L << 20;
    private static final String PROPOSAL = "upload.json";
    /** Where uploads are stored, one folder per upload's id. */
    private static final String UPLOADS = "datasets/";
    /** An upload's id, its content id: 32 hex digits. */
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");

    /**
     * Where an upload stands.
     *
     * @param id the data set's content id
     * @param dataset the manifest's key once complete (what a run takes), else null
     * @param missing paths the store does not have yet
     * @param missingBytes their total size
     */
    public record Status(String id, String dataset, boolean complete, int files, long bytes, List<String> missing,
            long missingBytes) {
    }

    /** What one batch stored. */
    public record Received(int stored, long bytes) {
    }

    private final ArtifactStore store;
    private final ExecutorService writers;

    /** A file list as read from the store, and the stored object it was read from. */
    private record LastProposal(ArtifactRef ref, DatasetManifest proposal) {
    }

    /**
     * The file list read last: every batch of an upload, and its commit, need it, and reading and parsing it for each
     * (up to 16 MiB, two batches at a time) cost each batch as much heap again. Kept while the same stored object
     * (same SHA-256) is there, and softly, so the heap can take it back.
     */
    private volatile SoftReference<LastProposal> lastProposal = new SoftReference<>(null);

    /** @param writers writes the files of a batch to the store in parallel */
    public DatasetUploads(ArtifactStore store, ExecutorService writers) {
        this.store = store;
        this.writers = writers;
    }

    /** Checks a proposed data set and answers what is missing; refuses one that is not in the competition layout. */
    public Status propose(Map<String, FileEntry> files) throws IOException {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files is missing: send {\"files\": {\"train/train.csv\": "
                    + "{\"size\": n, \"sha256\": \"...\"}, ...}}");
        }
        if (files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a data set may have at most " + MAX_FILES + " files, this one has "
                    + files.size());
        }
        for (Map.Entry<String, FileEntry> file : files.entrySet()) {
            String path = DatasetManifest.checkUploadPath(file.getKey());
            if (!path.startsWith("train/") && !path.startsWith("eval/") && !path.startsWith(CompetitionLayout.FACES)) {
                throw new IllegalArgumentException("'" + path + "' is outside train/, eval/ and faces/; only the "
                        + "competition layout's files (or face photos) are taken");
            }
            if (file.getValue() == null || file.getValue().sha256() == null) {
                throw new IllegalArgumentException("'" + path + "' needs its size and sha256");
            }
            if (file.getValue().size() > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("'" + path + "' is " + file.getValue().size() + " bytes; at most "
                        + MAX_FILE_BYTES + " are taken per file");
            }
        }
        boolean faceSet = files.keySet().stream().allMatch(p -> p.startsWith(CompetitionLayout.FACES));
        List<String> problems = faceSet ? CompetitionLayout.faceSetProblems(files.keySet())
                : CompetitionLayout.layoutProblems(files.keySet());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException((faceSet ? "not a set of face photos: "
                    : "not a data set in the competition layout: ") + String.join("; ", problems));
        }
        Map<String, FileEntry> sorted = new TreeMap<>(files);
        String id = DatasetManifest.contentId(sorted);
        Optional<Status> done = status(id);
        if (done.isPresent() && done.get().complete()) {
            return done.get();
        }
        if (store.stat(key(id, PROPOSAL)).isEmpty()) {
            store.put(key(id, PROPOSAL), EventCodec.instance().mapper().writeValueAsBytes(
                    new DatasetManifest(DatasetManifest.SCHEMA_VERSION, store.bucket(), "datasets/" + id + "/",
                            "upload", sorted, Instant.now())), "application/json");
        }
        return progress(id, sorted);
    }

    /** Stores the files of one batch, a zip stream whose entries are paths of the proposal. */
    public Received receive(String id, InputStream zip) throws IOException {
        Map<String, FileEntry> files = proposal(id).files();
        List<Future<ArtifactRef>> writes = new ArrayList<>();
        long bytes = 0;
        try (ZipInputStream in = new ZipInputStream(zipStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = next(in); entry != null; entry = next(in)) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = entry.getName();
                FileEntry expected = files.get(path);
                if (expected == null) {
                    throw new IllegalArgumentException("the batch holds '" + path + "', which data set " + id
                            + " does not list");
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, expected.size() + 1));
                if (content.length != expected.size()) {
                    throw new IllegalArgumentException("'" + path + "' has " + (content.length > expected.size()
                            ? "more than " + expected.size() : content.length) + " bytes; the data set lists "
                            + expected.size());
                }
                String sha256 = Hashing.sha256Hex(content);
                if (!sha256.equals(expected.sha256())) {
                    throw new IllegalArgumentException("'" + path + "' has SHA-256 " + sha256 + "; the data set "
                            + "lists " + expected.sha256() + " (the file changed while it was uploaded?)");
                }
                checkHeader(path, content);
                bytes += content.length;
                writes.add(writers.submit(() -> store.put(key(id, path), content, contentType(path))));
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("the batch is not a readable zip stream: "
                    + io.maskflow.contracts.dataset.DatasetZips.reason(e));
        } catch (EOFException e) {
            // only the request's body is read here (the store's writes are awaited below): it ended mid-entry
            throw new IllegalArgumentException("the batch is not a readable zip stream: it ends before its last "
                    + "entry does (cut short?)");
        } finally {
            awaitAll(writes);
        }
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("the batch holds no file: send a zip stream of files the data set "
                    + "lists");
        }
        return new Received(writes.size(), bytes);
    }

    /**
     * The batch's next entry. A name that is not UTF-8 (one without the zip's UTF-8 flag, in CP949 say) was refused
     * as "malformed input off : 0, length : 1"; the paths of the file list are UTF-8, and so must a batch's be.
     */
    private static ZipEntry next(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the batch names a file in another encoding than UTF-8 (CP949, what "
                    + "Korean Windows zip tools write?): write the batch's names in UTF-8, as the file list's are");
        }
    }

    /**
     * The batch's body, refused when it is empty or does not start as a zip does ({@code PK}): a photo or a file list
     * sent as a batch would otherwise read as a zip of no entries, "holds no file".
     */
    private static InputStream zipStream(InputStream body) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(body);
        in.mark(4);
        byte[] start = in.readNBytes(4);
        in.reset();
        if (start.length == 0) {
            throw new IllegalArgumentException("the batch is empty: send a zip stream of files the data set lists");
        }
        if (start.length < 4 || start[0] != 'P' || start[1] != 'K') {
            throw new IllegalArgumentException("the batch is not a zip stream (a zip starts with 'PK'; this one with "
                    + describe(start) + "): send the files the data set lists as a zip, as application/zip");
        }
        return in;
    }

    /** The first bytes of a body, named by what they most often are. */
    private static String describe(byte[] start) {
        StringBuilder hex = new StringBuilder();
        for (byte b : start) {
            hex.append(String.format("%02x", b & 0xff));
        }
        if (start.length >= 3 && (start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xd8) {
            return "0x" + hex + ", a JPEG";
        }
        if (start.length >= 4 && (start[0] & 0xff) == 0x89 && start[1] == 'P' && start[2] == 'N' && start[3] == 'G') {
            return "0x" + hex + ", a PNG";
        }
        if (start[0] == '{' || start[0] == '[') {
            return "0x" + hex + ", JSON";
        }
        return "0x" + hex;
    }

    /**
     * Deletes an upload that was never committed: its file list first (so its batches and its commit are refused from
     * then on), then the files stored so far. A complete data set is not deleted here (runs may use it).
     *
     * @return how many objects were deleted; 0 when there is no such upload
     * @throws IllegalStateException when the data set is complete
     */
    public int abandon(String id) throws IOException {
        if (status(id).isPresent()) {
            throw new IllegalStateException("data set '" + id + "' is complete; a complete data set is kept, since "
                    + "runs may use it (GET /datasets/" + id + " describes it)");
        }
        String root = "datasets/" + id + "/";
        List<String> keys = new ArrayList<>(store.listObjects(store.bucket(), root).stream()
                .map(StoredObject::key).toList());
        if (keys.isEmpty()) {
            return 0;
        }
        String proposal = key(id, PROPOSAL);
        keys.remove(ArtifactKeys.datasetManifest(id));
        boolean listed = keys.remove(proposal);
        if (listed) {
            store.delete(List.of(proposal));
        }
        if (status(id).isPresent()) {
            // committed between the first look and the file list's deletion: the data set is complete, and kept
            throw new IllegalStateException("data set '" + id + "' was completed while it was being given up; a "
                    + "complete data set is kept (GET /datasets/" + id + " describes it)");
        }
        if (!keys.isEmpty()) {
            store.delete(keys);
        }
        return keys.size() + (listed ? 1 : 0);
    }

    /** Writes the manifest once every file is there; the status says what is still missing otherwise. */
    public Status commit(String id) throws IOException {
        Optional<Status> done = status(id);
        if (done.isPresent() && done.get().complete()) {
            return done.get();
        }
        DatasetManifest proposal = proposal(id);
        Status status = progress(id, proposal.files());
        if (!status.missing().isEmpty()) {
            return status;
        }
        // checked as their batch arrives too, but files stored before that check came are read here; eval/info.csv
        // as well, or a run on the data set failed in its last step, after preprocessing and training
        checkStoredHeader(id, CompetitionLayout.TRAIN_CSV);
        checkStoredHeader(id, CompetitionLayout.EVAL_CSV);
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.SCHEMA_VERSION, store.bucket(),
                proposal.root(), "upload", proposal.files(), Instant.now());
        store.put(ArtifactKeys.datasetManifest(id), EventCodec.instance().mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest), "application/json");
        if (store.stat(key(id, PROPOSAL)).isEmpty()) {
            // given up (DELETE) while this commit checked the files: its files are going, so no manifest stays
            store.delete(List.of(ArtifactKeys.datasetManifest(id)));
            throw new io.maskflow.sdk.store.ArtifactNotFoundException("the upload of data set '" + id + "' was "
                    + "given up while it was being committed; upload it again");
        }
        return status(id).orElseThrow();
    }

    /**
     * Refuses a batch holding {@code train/train.csv} or {@code eval/info.csv} without its header as soon as it
     * arrives (the file is not stored), rather than at the commit, after every other file was sent.
     */
    private static void checkHeader(String path, byte[] content) {
        String header = CsvHeaders.of(path);
        if (header != null) {
            CsvHeaders.problem(path, content, header).ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
        }
    }

    /** Refuses the commit when the upload has the CSV at {@code path} and it does not start with its header. */
    private void checkStoredHeader(String id, String path) throws IOException {
        Optional<ArtifactRef> csv = store.stat(key(id, path));
        if (csv.isPresent()) {
            checkHeader(path, store.read(csv.get()));
        }
    }

    /**
     * Why the files under a key of the store's bucket cannot be taken as a data set because they are those of an
     * upload that is not complete (its manifest, which {@link #commit} writes last, is not there): a run would
     * train on the part sent so far. Empty when the key is not under an upload's folder {@code datasets/<id>/}, or
     * when that upload is complete.
     */
    public static Optional<String> unfinished(ArtifactStore store, String key) throws IOException {
        if (!key.startsWith(UPLOADS)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', UPLOADS.length());
        String id = slash < 0 ? key.substring(UPLOADS.length()) : key.substring(UPLOADS.length(), slash);
        if (!UPLOAD_ID.matcher(id).matches() || store.stat(ArtifactKeys.datasetManifest(id)).isPresent()) {
            return Optional.empty();
        }
        boolean proposed = store.stat(key(id, PROPOSAL)).isPresent();
        if (!proposed && store.listObjects(store.bucket(), UPLOADS + id + "/").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UPLOADS + id + "/ holds " + (proposed ? "upload " + id + ", which is not complete (not "
                + "every file was sent, or it was not committed)" : "what is left of upload " + id + ", which was "
                + "given up") + ": a run would see only part of the data set. Finish the upload (run the same "
                + "./maskflow upload again) and give the key it prints, or give it up: ./maskflow upload --abandon "
                + id);
    }

    /** A complete data set's status, by its id; empty when there is no such complete data set. */
    public Optional<Status> status(String id) throws IOException {
        Optional<ArtifactRef> manifestRef = store.stat(ArtifactKeys.datasetManifest(id));
        if (manifestRef.isEmpty()) {
            return Optional.empty();
        }
        DatasetManifest manifest = EventCodec.instance().mapper().readValue(store.read(manifestRef.get()),
                DatasetManifest.class);
        long bytes = manifest.files().values().stream().mapToLong(FileEntry::size).sum();
        return Optional.of(new Status(id, manifestRef.get().key(), true, manifest.files().size(), bytes, List.of(),
                0));
    }

    private Status progress(String id, Map<String, FileEntry> files) throws IOException {
        Map<String, Long> present = new HashMap<>();
        String root = "datasets/" + id + "/";
        for (StoredObject object : store.listObjects(store.bucket(), root)) {
            present.put(object.key().substring(root.length()), object.size());
        }
        List<String> missing = new ArrayList<>();
        long missingBytes = 0;
        long bytes = 0;
        for (Map.Entry<String, FileEntry> file : files.entrySet()) {
            bytes += file.getValue().size();
            if (!Long.valueOf(file.getValue().size()).equals(present.get(file.getKey()))) {
                missing.add(file.getKey());
                missingBytes += file.getValue().size();
            }
        }
        return new Status(id, null, false, files.size(), bytes, missing, missingBytes);
    }

    private DatasetManifest proposal(String id) throws IOException {
        Optional<ArtifactRef> ref = store.stat(key(id, PROPOSAL));
        if (ref.isEmpty()) {
            throw new io.maskflow.sdk.store.ArtifactNotFoundException("no upload of data set '" + id
                    + "' was started: POST /datasets with its file list first");
        }
        LastProposal last = lastProposal.get();
        if (last != null && last.ref().equals(ref.get())) {
            return last.proposal();
        }
        DatasetManifest read = EventCodec.instance().mapper().readValue(store.read(ref.get()), DatasetManifest.class);
        lastProposal = new SoftReference<>(new LastProposal(ref.get(), read));
        return read;
    }

    private static String key(String id, String path) {
        return ArtifactKeys.datasetFile(id, path);
    }

    private static String contentType(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") ? "text/csv" : lower.endsWith(".png") ? "image/png"
                : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : "application/octet-stream";
    }

    private static void awaitAll(List<Future<ArtifactRef>> writes) throws IOException {
        IOException first = null;
        IllegalArgumentException refused = null;
        for (Future<ArtifactRef> write : writes) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while storing a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IllegalArgumentException bad && refused == null) {
                    refused = bad;
                } else if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
        if (refused != null) {
            throw refused; // what was sent is what the store refused (a name it cannot take): a 400, not a 503
        }
        if (first != null) {
            throw first;
        }
    }
}
