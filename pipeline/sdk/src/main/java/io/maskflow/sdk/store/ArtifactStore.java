package io.maskflow.sdk.store;

import io.maskflow.contracts.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where every artifact of the pipeline lives. Each object carries the SHA-256 of its content in its metadata,
 * recorded on write and checked on every read, so a damaged or swapped object is an error, never a silent wrong
 * result. Keys come from {@link ArtifactKeys}. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /** The bucket this store writes to. */
    String bucket();

    /** Writes a file under {@code key}, replacing what was there. */
    ArtifactRef put(String key, Path file, String contentType) throws IOException;

    /** Writes bytes under {@code key}, replacing what was there. */
    ArtifactRef put(String key, byte[] content, String contentType) throws IOException;

    /** Writes a stream of unknown length under {@code key} (spooled to a temporary file to hash it first). */
    ArtifactRef put(String key, InputStream content, String contentType) throws IOException;

    /**
     * Opens an artifact for streaming. The stream checks size and SHA-256 against {@code ref} as it is read and
     * throws {@link ArtifactCorruptedException} at its end when they differ.
     *
     * @throws ArtifactNotFoundException when there is no such object
     */
    InputStream open(ArtifactRef ref) throws IOException;

    /** Reads a whole (small) artifact, checked like {@link #open}. */
    default byte[] read(ArtifactRef ref) throws IOException {
        try (InputStream in = open(ref)) {
            return in.readAllBytes();
        }
    }

    /** Copies an artifact to a local file, checked like {@link #open}. */
    void download(ArtifactRef ref, Path target) throws IOException;

    /**
     * The reference of the object under {@code key}, or empty when there is none.
     *
     * @throws IllegalArgumentException when {@code key} has {@code .}, {@code ..} or empty parts
     */
    Optional<ArtifactRef> stat(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /** Every object whose key starts with {@code prefix}, in key order. */
    List<ArtifactRef> list(String prefix) throws IOException;

    /**
     * An object as a listing shows it, without a request for its metadata.
     *
     * @param etag the store's ETag, without quotes
     */
    record StoredObject(String bucket, String key, long size, String etag) {
    }

    /**
     * Keys, sizes and ETags of the objects under a prefix of any bucket this store's credentials can read, in key
     * order, in one listing (no request per object): for data sets that other tools put there.
     *
     * @throws ArtifactNotFoundException when the bucket does not exist
     */
    List<StoredObject> listObjects(String bucket, String prefix) throws IOException;

    /**
     * Opens {@code length} bytes of an object from {@code offset} on, with one ranged request: one photo of a
     * pack ({@link DatasetFiles}). The stream checks size and SHA-256 against {@code sha256} at its end.
     *
     * @throws ArtifactNotFoundException when there is no such object
     */
    InputStream openRange(String bucket, String key, long offset, long length, String sha256) throws IOException;

    /**
     * Opens an object whose SHA-256 is not known (one not written by Maskflow); the stream checks the size at its
     * end and throws {@link ArtifactCorruptedException} when it differs.
     */
    InputStream openUnhashed(String bucket, String key, long size) throws IOException;

    /**
     * Deletes objects of this store's bucket by key; a key that is already gone is no error (so a deletion that
     * was interrupted can simply be done again). Called by run deletion, the retention job and the trainer's
     * checkpoint pruning.
     */
    void delete(Collection<String> keys) throws IOException;

    /** Whether the store answers; used by readiness checks. */
    boolean isReachable();
}
