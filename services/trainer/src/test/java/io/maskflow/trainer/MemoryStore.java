package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;

/**
 * An artifact store in memory for unit tests. A put of a key ending in {@link #holdAt} counts {@link #held} down
 * and waits for {@link #release} before it stores, so a test can act while a training writes that object.
 */
final class MemoryStore implements ArtifactStore {

    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile String holdAt = "\0never";
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    Collection<String> keys() {
        return objects.keySet();
    }

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public ArtifactRef put(String key, Path file, String contentType) throws IOException {
        return put(key, Files.readAllBytes(file), contentType);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String contentType) throws IOException {
        if (key.endsWith(holdAt)) {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while held at " + key);
            }
        }
        objects.put(key, content.clone());
        return new ArtifactRef(bucket(), key, content.length, Hashing.sha256Hex(content));
    }

    @Override
    public ArtifactRef put(String key, InputStream content, String contentType) throws IOException {
        return put(key, content.readAllBytes(), contentType);
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        byte[] content = objects.get(ref.key());
        if (content == null) {
            throw new ArtifactNotFoundException(ref.uri());
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        Files.write(target, read(ref));
    }

    @Override
    public Optional<ArtifactRef> stat(String key) {
        byte[] content = objects.get(key);
        return content == null ? Optional.empty()
                : Optional.of(new ArtifactRef(bucket(), key, content.length, Hashing.sha256Hex(content)));
    }

    @Override
    public List<ArtifactRef> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> stat(k).orElseThrow()).toList();
    }

    @Override
    public List<StoredObject> listObjects(String bucket, String prefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream openRange(String bucket, String key, long offset, long length, String sha256) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream openUnhashed(String bucket, String key, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Collection<String> keys) {
        keys.forEach(objects::remove);
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}
