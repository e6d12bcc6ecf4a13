package io.maskflow.contracts.dataset;

import io.maskflow.contracts.Require;
import io.maskflow.contracts.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a data set in the store is made of ({@value #FILE_NAME}, written last, so its presence means the data set
 * is complete): every file's path relative to the data set's root, its size, and its SHA-256 when known. Files
 * uploaded through Maskflow carry their SHA-256 (checked on every read); files synced into a bucket by another S3
 * tool carry the ETag the store gave them instead, and are checked by size.
 *
 * @param schemaVersion 1
 * @param bucket the bucket the files are in
 * @param root the key prefix of the data set, ending with '/'; a file's key is {@code root + path}
 * @param origin how it got there: {@code upload} (through {@code maskflow upload}) or {@code import} (found in a
 *     bucket)
 * @param files path to size and hash, sorted by path
 * @param created when the manifest was written
 */
public record DatasetManifest(int schemaVersion, String bucket, String root, String origin,
        Map<String, FileEntry> files, Instant created) {

    public static final String FILE_NAME = "maskflow-dataset.json";
    public static final int SCHEMA_VERSION = 1;

    /**
     * One file of a data set.
     *
     * @param size bytes
     * @param sha256 lower-case hex SHA-256, or null when only the ETag is known
     * @param etag the store's ETag for files not written by Maskflow, else null
     */
    public record FileEntry(long size, String sha256, String etag) {

        public FileEntry {
            if (size < 0) {
                throw new IllegalArgumentException("a file size must not be negative, got " + size);
            }
            if (sha256 != null) {
                Require.sha256(sha256, "sha256");
            }
            if (sha256 == null && (etag == null || etag.isBlank())) {
                throw new IllegalArgumentException("a file needs its sha256 or its etag");
            }
        }

        /** What identifies the content: the SHA-256, else the ETag. */
        public String identity() {
            return sha256 != null ? "sha256:" + sha256 : "etag:" + etag;
        }
    }

    public DatasetManifest {
        Require.nonBlank(bucket, "bucket of a data set");
        root = Require.present(root, "root of a data set");
        if (!root.isEmpty() && !root.endsWith("/")) {
            throw new IllegalArgumentException("the root of a data set must end with '/', got '" + root + "'");
        }
        Require.nonBlank(origin, "origin of a data set");
        files = new TreeMap<>(Require.present(files, "files of a data set"));
        files.keySet().forEach(DatasetManifest::checkPath);
    }

    /** The store key of a file of this data set. */
    public String key(String path) {
        return root + path;
    }

    /**
     * A short id of the content: the first 32 hex digits of the SHA-256 over every path and content identity, so
     * the same files give the same id wherever and whenever they are uploaded.
     */
    public static String contentId(Map<String, FileEntry> files) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(files).forEach((path, entry) -> text.append(path).append('\t').append(entry.size())
                .append('\t').append(entry.identity()).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The longest name the store takes, in UTF-8 bytes; a path inside a data set is at most this. */
    public static final int MAX_PATH_BYTES = 1024;
    /**
     * The longest path of a file uploaded into a data set, in UTF-8 bytes: the store's 1024 less the 42 of the
     * uploaded set's prefix {@code datasets/<32 hex digits>/}. A longer path was proposed, then refused as each file
     * came, and the upload could never be committed. (A data set found under a prefix of the user's own keeps the
     * store's limit: its files are stored already.)
     */
    public static final int MAX_UPLOAD_PATH_BYTES = MAX_PATH_BYTES - "datasets//".length() - 32;

    /** A path inside a data set: relative, forward slashes, no {@code .} or {@code ..} parts, no empty parts. */
    public static String checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.contains("//")) {
            throw new IllegalArgumentException("'" + path + "' is not a relative file path inside a data set");
        }
        for (String part : path.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("'" + path + "' is not a relative file path inside a data set");
            }
        }
        if (path.length() > MAX_PATH_BYTES || path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the file path " + path.substring(0, Math.min(40, path.length()))
                    + "... is over " + MAX_PATH_BYTES + " bytes in UTF-8: the store takes no longer name");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the file path " + path.replaceAll("\\p{Cntrl}", "?") + " holds a "
                    + "control character: the store takes none in a name");
        }
        return path;
    }

    /** {@link #checkPath}, and at most {@link #MAX_UPLOAD_PATH_BYTES}: a path of a file to upload into a data set. */
    public static String checkUploadPath(String path) {
        checkPath(path);
        if (path.length() > MAX_UPLOAD_PATH_BYTES
                || path.getBytes(StandardCharsets.UTF_8).length > MAX_UPLOAD_PATH_BYTES) {
            throw new IllegalArgumentException("the file path " + Texts.cut(path, 40) + " is over "
                    + MAX_UPLOAD_PATH_BYTES + " bytes in UTF-8: with the data set's prefix in the store "
                    + "(datasets/<id>/) it would be longer than the 1024 bytes the store takes for a name");
        }
        return path;
    }
}
