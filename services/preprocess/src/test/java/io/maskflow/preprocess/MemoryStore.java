package io.maskflow.preprocess;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An artifact store in memory, for unit tests of the step and the REST entrance. */
public final class MemoryStore implements ArtifactStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

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
