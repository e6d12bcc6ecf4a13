package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * The SDK's store in memory, for unit tests. A put of a key ending in {@link #holdAt} counts {@link #held} down
 * and waits for {@link #release} before it stores, so a test can act while a training writes that object.
 */
final class MemoryStore extends InMemoryArtifactStore {

    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile String holdAt = "\0never";

    @Override
    public ArtifactRef put(String key, byte[] content, String contentType) {
        if (key.endsWith(holdAt)) {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted while held at " + key));
            }
        }
        return super.put(key, content, contentType);
    }
}
