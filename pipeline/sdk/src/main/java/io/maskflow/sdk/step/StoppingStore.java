package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The store as a step sees it: every read and write first checks the attempt's {@link StopSignal}, so a step that
 * reads or writes an image at a time (data generation, preprocessing) stops at its next image without a line of
 * its own.
 */
final class StoppingStore implements ArtifactStore {

    private final ArtifactStore store;
    private final StopSignal signal;

    StoppingStore(ArtifactStore store, StopSignal signal) {
        this.store = store;
        this.signal = signal;
    }

    @Override
    public String bucket() {
        return store.bucket();
    }

    @Override
    public ArtifactRef put(String key, Path file, String contentType) throws IOException {
        signal.check();
        return store.put(key, file, contentType);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String contentType) throws IOException {
        signal.check();
        return store.put(key, content, contentType);
    }

    @Override
    public ArtifactRef put(String key, InputStream content, String contentType) throws IOException {
        signal.check();
        return store.put(key, content, contentType);
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        signal.check();
        return store.open(ref);
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        signal.check();
        store.download(ref, target);
    }

    @Override
    public Optional<ArtifactRef> stat(String key) throws IOException {
        signal.check();
        return store.stat(key);
    }

    @Override
    public List<ArtifactRef> list(String prefix) throws IOException {
        signal.check();
        return store.list(prefix);
    }

    @Override
    public List<StoredObject> listObjects(String bucket, String prefix) throws IOException {
        signal.check();
        return store.listObjects(bucket, prefix);
    }

    @Override
    public InputStream openRange(String bucket, String key, long offset, long length, String sha256)
            throws IOException {
        signal.check();
        return store.openRange(bucket, key, offset, length, sha256);
    }

    @Override
    public InputStream openUnhashed(String bucket, String key, long size) throws IOException {
        signal.check();
        return store.openUnhashed(bucket, key, size);
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        signal.check();
        store.delete(keys);
    }

    @Override
    public boolean isReachable() {
        return store.isReachable();
    }
}
