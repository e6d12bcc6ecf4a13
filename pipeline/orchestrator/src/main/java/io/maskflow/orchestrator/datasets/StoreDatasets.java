package io.maskflow.orchestrator.datasets;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.orchestrator.definitions.DefinitionException;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ArtifactStore.StoredObject;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.sdk.store.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds the data set a run's {@code dataset} parameter names and checks its layout before the run starts. It
 * takes the key of a data set's manifest (what {@code maskflow upload} prints), the key of its
 * {@code train/train.csv}, a key prefix, or {@code s3://bucket/prefix} — a data set synced into a bucket by any S3
 * tool; for a {@code faces} parameter, a set of face photos under {@code faces/}. A prefix without a manifest is
 * imported: its {@code train/}, {@code eval/}, {@code answers/} and {@code faces/} files are
 * listed once, with their sizes and ETags, into a manifest under {@code datasets/imported/}, whose key (and so
 * every step's cache key) changes when any file does.
 */
public final class StoreDatasets implements DatasetLocator {

    /** S3's rules for a bucket's name, checked here so a wrong one is the user's mistake, not a store outage. */
    private static final Pattern BUCKET = Pattern.compile("(?!.*(\\.\\.|\\.-|-\\.))[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** A key of another bucket taken for a file's: its last part ends in the extension of a data set's files. */
    private static final Pattern FILE_NAME = Pattern.compile("(?i).*/?[^/]+\\.(csv|json|jpe?g|png|zip|txt)");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final List<String> KEPT = List.of("train/", "eval/", "answers/", CompetitionLayout.FACES);

    private final ArtifactStore store;

    public StoreDatasets(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public ArtifactRef locate(String value, Kind kind) {
        return find(value, kind).ref();
    }

    /** The data set and the paths of its files, from its manifest (or the listing it is imported from). */
    @Override
    public Found find(String value, Kind kind) {
        try {
            return lookUp(value, kind);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up data set '" + value + "' in the store: " + e.getMessage(),
                    e);
        }
    }

    private Found lookUp(String value, Kind kind) throws IOException {
        String bucket = store.bucket();
        String key = value;
        if (value.startsWith("s3://")) {
            String rest = value.substring("s3://".length());
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            key = slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (bucket.isBlank() || key.startsWith("/") || key.contains("..")) {
            throw new DefinitionException("'" + value + "' is neither a key of the store nor s3://bucket/prefix");
        }
        if (!BUCKET.matcher(bucket).matches() || IP_ADDRESS.matcher(bucket).matches()) {
            throw new DefinitionException("'" + value + "': '" + bucket + "' is not an S3 bucket name (3 - 63 "
                    + "lower-case letters, digits, '.' and '-', starting and ending with a letter or digit, without "
                    + "'..', '.-' or '-.', not an IP address)");
        }
        boolean ours = bucket.equals(store.bucket());
        if (ours && DatasetFiles.isManifest(key)) {
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isEmpty()) {
                refuseUnfinishedUpload(key);
                throw new DefinitionException("there is no data set manifest '" + value + "' in bucket "
                        + store.bucket());
            }
            return new Found(ref.get(), checkManifest(ref.get(), kind).files().keySet());
        }
        String prefix = key.isEmpty() || key.endsWith("/") ? key : prefixOf(key, ours);
        if (ours) {
            Optional<ArtifactRef> manifest = store.stat(prefix + DatasetManifest.FILE_NAME);
            if (manifest.isPresent()) {
                return new Found(manifest.get(), checkManifest(manifest.get(), kind).files().keySet());
            }
            // the files of an upload not complete are not a data set to import: a run trained on those sent so far
            refuseUnfinishedUpload(prefix);
            Optional<ArtifactRef> packs = store.stat(prefix + DatasetPacks.FILE_NAME);
            if (packs.isPresent()) {
                return packed(packs.get(), kind);
            }
        }
        return importPrefix(bucket, prefix, value, kind);
    }

    /**
     * A data set Maskflow wrote with its photos in packs (a run's generated data set, {@code steps/datagen/.../}):
     * its files are those of its pack index and the objects beside it, as a step reads them. It was imported as a
     * bucket prefix, and refused as "there are no files under train/images/".
     */
    private Found packed(ArtifactRef index, Kind kind) throws IOException {
        DatasetFiles files;
        try {
            files = DatasetFiles.open(store, index);
        } catch (IOException | IllegalArgumentException e) {
            throw new DefinitionException(index.uri() + " is not a readable pack index: " + e.getMessage());
        }
        List<String> paths = files.list("").stream().filter(path -> KEPT.stream().anyMatch(path::startsWith))
                .toList();
        layout(paths, files.name(), kind);
        return new Found(index, java.util.Set.copyOf(paths));
    }

    /**
     * The data set root a key without a final '/' names: above {@code train/train.csv}, the folder of a file that
     * is in the store (in another bucket: a name ending in a file's extension), else the key as a folder. A dot in
     * the name is no sign of a file: every run's output folder ends in {@code .<attempt>}
     * ({@code steps/datagen/<key>/<run>.1}), and such a folder was taken for a file in its parent, "no data set at"
     * the parent.
     */
    private String prefixOf(String key, boolean ours) throws IOException {
        if (key.endsWith(CompetitionLayout.TRAIN_CSV)) {
            return DatasetFiles.root(key);
        }
        boolean file = ours ? store.stat(key).isPresent() : FILE_NAME.matcher(key).matches();
        return file ? DatasetFiles.root(key) : key + "/";
    }

    private void refuseUnfinishedUpload(String key) throws IOException {
        Optional<String> unfinished = DatasetUploads.unfinished(store, key);
        if (unfinished.isPresent()) {
            throw new DefinitionException(unfinished.get());
        }
    }

    private DatasetManifest checkManifest(ArtifactRef ref, Kind kind) throws IOException {
        DatasetManifest manifest;
        try {
            manifest = EventCodec.instance().mapper().readValue(store.read(ref), DatasetManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new DefinitionException(ref.uri() + " is not a readable data set manifest: " + e.getMessage());
        }
        layout(manifest.files().keySet(), "s3://" + manifest.bucket() + "/" + manifest.root(), kind);
        // as for a bucket prefix: an uploaded data set committed before its eval/info.csv was checked at the commit
        // would otherwise pass, and the run fail in its last step, after preprocessing and training
        checkHeaders(manifest, kind);
        return manifest;
    }

    /** The CSVs of a competition data set start with their headers: a 400 before any step runs, not a failed step. */
    private void checkHeaders(DatasetManifest manifest, Kind kind) throws IOException {
        if (kind == Kind.COMPETITION) {
            checkHeader(manifest, CompetitionLayout.TRAIN_CSV, CompetitionLayout.TRAIN_HEADER);
        }
        if (kind == Kind.COMPETITION && manifest.files().containsKey(CompetitionLayout.EVAL_CSV)) {
            checkHeader(manifest, CompetitionLayout.EVAL_CSV, CompetitionLayout.EVAL_HEADER);
        }
    }

    private Found importPrefix(String bucket, String prefix, String value, Kind kind) throws IOException {
        List<StoredObject> objects;
        try {
            objects = store.listObjects(bucket, prefix);
        } catch (ArtifactNotFoundException e) {
            throw new DefinitionException("there is no bucket '" + bucket + "' (from '" + value + "')");
        }
        Map<String, DatasetManifest.FileEntry> files = new TreeMap<>();
        for (StoredObject object : objects) {
            String path = object.key().substring(prefix.length());
            if (KEPT.stream().anyMatch(path::startsWith) && !path.endsWith("/")) {
                files.put(path, new DatasetManifest.FileEntry(object.size(), null, object.etag().isBlank()
                        ? "size-" + object.size() : object.etag()));
            }
        }
        String where = "s3://" + bucket + "/" + prefix;
        if (files.isEmpty()) {
            throw new DefinitionException("there is no data set at " + where + " (no train/, eval/ or faces/ files "
                    + "there)");
        }
        layout(files.keySet(), where, kind);
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.SCHEMA_VERSION, bucket, prefix, "import",
                files, Instant.now());
        checkHeaders(manifest, kind);
        String key = ArtifactKeys.importedDatasetManifest(Hashing.sha256Hex(where + "\n"
                + DatasetManifest.contentId(files)).substring(0, 32));
        Optional<ArtifactRef> existing = store.stat(key);
        if (existing.isPresent()) {
            return new Found(existing.get(), files.keySet());
        }
        return new Found(store.put(key, EventCodec.instance().mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest), "application/json"), files.keySet());
    }

    private void checkHeader(DatasetManifest manifest, String path, String header) throws IOException {
        DatasetManifest.FileEntry entry = manifest.files().get(path);
        if (entry.size() > 64L << 20) {
            throw new DefinitionException(path + " of s3://" + manifest.bucket() + "/" + manifest.root() + " is "
                    + entry.size() + " bytes, too large for a CSV of this layout");
        }
        byte[] csv;
        try (InputStream in = store.openUnhashed(manifest.bucket(), manifest.key(path), entry.size())) {
            csv = in.readAllBytes();
        } catch (ArtifactNotFoundException e) {
            throw new DefinitionException(path + " of s3://" + manifest.bucket() + "/" + manifest.root() + " is "
                    + "listed in its manifest but is not in the store (deleted since?)");
        } catch (ArtifactCorruptedException e) {
            throw new DefinitionException(path + " of s3://" + manifest.bucket() + "/" + manifest.root() + " is not "
                    + "the file its manifest lists (changed since?): " + e.getMessage());
        }
        CsvHeaders.problem(path + " of s3://" + manifest.bucket() + "/" + manifest.root(), csv, header)
                .ifPresent(reason -> {
                    throw new DefinitionException(reason);
                });
    }

    private static void layout(java.util.Collection<String> paths, String where, Kind kind) {
        List<String> problems = kind == Kind.FACES ? CompetitionLayout.faceSetProblems(paths)
                : CompetitionLayout.layoutProblems(paths);
        if (!problems.isEmpty()) {
            throw new DefinitionException(where + (kind == Kind.FACES ? " is not a set of face photos: "
                    : " is not a data set in the competition layout: ") + String.join("; ", problems));
        }
    }
}
