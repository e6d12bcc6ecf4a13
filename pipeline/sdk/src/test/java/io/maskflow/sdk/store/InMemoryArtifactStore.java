package io.maskflow.sdk.store;

import io.maskflow.contracts.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An artifact store in memory, for unit tests only; counts writes so tests can assert "no second write". The
 * services' tests use it too (the SDK's test jar holds this class alone); they extend it for an outage or a write
 * held halfway.
 */
public class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    public int writes() {
        return writes.get();
    }

    /** The keys stored now. */
    public java.util.Set<String> keys() {
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
    public ArtifactRef put(String key, byte[] content, String contentType) {
        objects.put(key, content.clone());
        writes.incrementAndGet();
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
        return new VerifyingInputStream(new ByteArrayInputStream(content), ref);
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
    public void delete(java.util.Collection<String> keys) {
        keys.forEach(objects::remove);
    }

    @Override
    public List<ArtifactRef> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> stat(k).orElseThrow()).toList();
    }

    @Override
    public List<StoredObject> listObjects(String bucket, String prefix) throws IOException {
        if (!bucket.equals(bucket())) {
            throw new ArtifactNotFoundException("s3://" + bucket + "/");
        }
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> new StoredObject(bucket, e.getKey(), e.getValue().length,
                        Hashing.sha256Hex(e.getValue()).substring(0, 32))).toList();
    }

    @Override
    public InputStream openRange(String bucket, String key, long offset, long length, String sha256)
            throws IOException {
        byte[] content = objects.get(key);
        if (content == null || !bucket.equals(bucket())) {
            throw new ArtifactNotFoundException("s3://" + bucket + "/" + key);
        }
        int from = (int) Math.min(content.length, offset);
        int to = (int) Math.min(content.length, offset + length);
        return new VerifyingInputStream(new ByteArrayInputStream(content, from, to - from),
                "s3://" + bucket + "/" + key + " bytes " + offset + "+" + length, length, sha256);
    }

    @Override
    public InputStream openUnhashed(String bucket, String key, long size) throws IOException {
        byte[] content = objects.get(key);
        if (content == null || !bucket.equals(bucket())) {
            throw new ArtifactNotFoundException("s3://" + bucket + "/" + key);
        }
        return new VerifyingInputStream(new ByteArrayInputStream(content), "s3://" + bucket + "/" + key, size, null);
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}
