package io.maskflow.datagen;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.datagen.dataset.DatasetSink;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a data set into the store under a prefix, and remembers the references of everything but the images.
 *
 * <p>Images are put on threads of their own, {@code uploads} at a time, so the threads that draw never wait on the
 * store: a PUT to the store takes several times as long as drawing and encoding the photo, and when the drawing
 * threads made the PUTs one after the other themselves, the generate step ran at a fifth of the drawing rate (issue
 * 24). At most {@code 4 x uploads} images wait for their PUT; a drawing thread with one more waits for a free place,
 * so memory stays bounded when the store is slower than the drawing. Every other file (the CSVs, the manifest) is
 * written only after every image handed over before it is in the store, so a data set's manifest never names an
 * image that is not there yet. The first failed PUT (a store that does not answer, a step asked to stop) is thrown
 * by the next {@link #write}, so the generation stops at its next photo.
 */
final class StoreSink implements DatasetSink, AutoCloseable {

    private final ArtifactStore store;
    private final String prefix;
    private final Map<String, ArtifactRef> files = new ConcurrentHashMap<>();
    private final ExecutorService uploaders;
    private final int places;
    private final Semaphore free;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    StoreSink(ArtifactStore store, String prefix, int uploads) {
        this.store = store;
        this.prefix = prefix;
        this.places = 4 * Math.max(1, uploads);
        this.free = new Semaphore(places);
        this.uploaders = Executors.newFixedThreadPool(Math.max(1, uploads), r -> {
            Thread t = new Thread(r, "datagen-upload");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(String path, byte[] content, String contentType) throws IOException {
        throwFailure();
        if (!contentType.startsWith("image/")) {
            flush();
            files.put(path, store.put(prefix + path, content, contentType));
            return;
        }
        acquire(1);
        try {
            uploaders.execute(() -> upload(path, content, contentType));
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    private void upload(String path, byte[] content, String contentType) {
        try {
            if (failure.get() == null) {
                store.put(prefix + path, content, contentType);
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            free.release();
        }
    }

    /** Waits until every image handed over so far is in the store; throws the first failure of their PUTs. */
    void flush() throws IOException {
        acquire(places);
        free.release(places);
        throwFailure();
    }

    ArtifactRef ref(String path) {
        ArtifactRef ref = files.get(path);
        if (ref == null) {
            throw new IllegalStateException("the generator did not write " + path);
        }
        return ref;
    }

    /** Stops the upload threads; PUTs not yet done are abandoned (a failed or stopped generation). */
    @Override
    public void close() {
        uploaders.shutdownNow();
    }

    private void acquire(int permits) throws InterruptedIOException {
        try {
            free.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the store");
        }
    }

    private void throwFailure() throws IOException {
        Throwable failed = failure.get();
        if (failed instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
