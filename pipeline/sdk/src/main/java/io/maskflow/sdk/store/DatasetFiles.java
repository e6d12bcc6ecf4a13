package io.maskflow.sdk.store;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A data set in the store, read file by file. A reference to a {@link DatasetManifest} (what {@code maskflow upload}
 * and the import of a bucket prefix write) names every file with its size and hash, so nothing is listed; any other
 * reference — a {@code train/train.csv}, or a file at the data set's root such as the generator's
 * {@code dataset.json} — is taken as a prefix whose objects were written by Maskflow and is listed once. When that
 * prefix has a {@link DatasetPacks} index, the photos it names are files of the data set too, each read with one
 * ranged request from its pack. Every read is checked: against the SHA-256 when it is known, else against the size.
 */
public final class DatasetFiles {

    /**
     * One file: where it is and what it should be. {@code sha256} is null for files other tools wrote;
     * {@code offset} is where a packed photo starts in its pack ({@code key}), -1 for a file that is a whole object.
     */
    public record File(String path, String bucket, String key, long size, String sha256, long offset) {

        public File(String path, String bucket, String key, long size, String sha256) {
            this(path, bucket, key, size, sha256, -1);
        }

        public boolean packed() {
            return offset >= 0;
        }
    }

    private final ArtifactStore store;
    private final String name;
    private final String root;
    private final Map<String, File> files;

    private DatasetFiles(ArtifactStore store, String bucket, String root, Map<String, File> files) {
        this.store = store;
        this.root = root;
        this.name = "s3://" + bucket + "/" + root;
        this.files = files;
    }

    /** The data set a reference points into (see the class comment). */
    public static DatasetFiles open(ArtifactStore store, ArtifactRef ref) throws IOException {
        if (isManifest(ref.key())) {
            DatasetManifest manifest = EventCodec.instance().mapper().readValue(store.read(ref),
                    DatasetManifest.class);
            return of(store, manifest);
        }
        String root = root(ref.key());
        Map<String, File> files = new TreeMap<>();
        for (ArtifactRef file : store.list(root)) {
            String path = file.key().substring(root.length());
            files.put(path, new File(path, file.bucket(), file.key(), file.size(), file.sha256()));
        }
        if (files.isEmpty()) {
            // nothing there: a step's input that was never written, not a data set with problems in it
            throw new ArtifactNotFoundException(ref.uri() + ": no data set there (no object under s3://"
                    + ref.bucket() + "/" + root + ")");
        }
        File index = files.get(DatasetPacks.FILE_NAME);
        if (index != null) {
            addPacked(files, readPacks(store, index), ref.bucket(), root);
        }
        return new DatasetFiles(store, ref.bucket(), root, files);
    }

    private static DatasetPacks readPacks(ArtifactStore store, File index) throws IOException {
        try {
            return EventCodec.instance().mapper().readValue(store.read(new ArtifactRef(index.bucket(), index.key(),
                    index.size(), index.sha256())), DatasetPacks.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ArtifactUnreadableException("s3://" + index.bucket() + "/" + index.key()
                    + " is not a pack index: " + EventCodec.reason(e));
        }
    }

    /** The photos of a pack index as files of the data set; every pack must be there. */
    private static void addPacked(Map<String, File> files, DatasetPacks packs, String bucket, String root)
            throws ArtifactNotFoundException {
        for (Map.Entry<String, DatasetPacks.Pack> pack : packs.packs().entrySet()) {
            File stored = files.get(pack.getKey());
            if (stored == null || stored.size() != pack.getValue().size()) {
                throw new ArtifactNotFoundException("s3://" + bucket + "/" + root + pack.getKey() + " ("
                        + pack.getValue().size() + " bytes, named by the data set's " + DatasetPacks.FILE_NAME
                        + ")" + (stored == null ? "" : " has " + stored.size() + " bytes"));
            }
        }
        packs.members().forEach((path, member) -> files.put(path, new File(path, bucket, root + member.pack(),
                member.size(), member.sha256(), member.offset())));
    }

    /** The files a manifest names. */
    public static DatasetFiles of(ArtifactStore store, DatasetManifest manifest) {
        Map<String, File> files = new TreeMap<>();
        manifest.files().forEach((path, entry) -> files.put(path, new File(path, manifest.bucket(),
                manifest.key(path), entry.size(), entry.sha256())));
        return new DatasetFiles(store, manifest.bucket(), manifest.root(), files);
    }

    /** Whether a key names a data set manifest. */
    public static boolean isManifest(String key) {
        return key.equals(DatasetManifest.FILE_NAME) || key.endsWith("/" + DatasetManifest.FILE_NAME);
    }

    /**
     * The key prefix of the data set a key points into: the folder of a file at its root, or the folder above
     * {@code train/} for a {@code train/train.csv}. Ends with '/' (or is empty for the bucket's root).
     */
    public static String root(String key) {
        if (key.endsWith(CompetitionLayout.TRAIN_CSV)) {
            return key.substring(0, key.length() - CompetitionLayout.TRAIN_CSV.length());
        }
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    /** {@code s3://bucket/root/}, for reports. */
    public String name() {
        return name;
    }

    /** The key prefix of the data set's files. */
    public String root() {
        return root;
    }

    /** Paths (relative to the root) of every file under {@code prefix}, sorted. */
    public List<String> list(String prefix) {
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    public boolean exists(String path) {
        return files.containsKey(path);
    }

    public Optional<File> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** How many files the data set has. */
    public int size() {
        return files.size();
    }

    /**
     * Opens a file; the stream checks it at its end.
     *
     * @throws ArtifactNotFoundException when the data set has no such file, or the store lost it
     */
    public InputStream open(String path) throws IOException {
        File file = files.get(path);
        if (file == null) {
            throw new ArtifactNotFoundException(name + path);
        }
        if (file.packed()) {
            return store.openRange(file.bucket(), file.key(), file.offset(), file.size(), file.sha256());
        }
        if (file.sha256() == null) {
            return store.openUnhashed(file.bucket(), file.key(), file.size());
        }
        return store.open(new ArtifactRef(file.bucket(), file.key(), file.size(), file.sha256()));
    }

    public byte[] read(String path) throws IOException {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }
}
