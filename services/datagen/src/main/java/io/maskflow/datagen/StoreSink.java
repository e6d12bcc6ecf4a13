package io.maskflow.datagen;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.datagen.dataset.DatasetSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.PackWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>With a pack size, images are not PUT one by one but gathered into packs of about that many bytes (zip files
 * under {@code packs/}, see {@link DatasetPacks}), each PUT as one object: with one PUT per photo the store's side
 * of a photo cost as much CPU as drawing it (issue 24). Before any other file is written, the pack being filled is
 * sent and the index of every pack so far ({@value DatasetPacks#FILE_NAME}) is written, so the CSVs and the
 * manifest never name a photo that is not in the store. Two packs at most wait for their PUT.
 */
final class StoreSink implements DatasetSink, AutoCloseable {

    private final ArtifactStore store;
    private final String prefix;
    private final Map<String, ArtifactRef> files = new ConcurrentHashMap<>();
    private final ExecutorService uploaders;
    private final int places;
    private final Semaphore free;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final int packBytes;
    /** Guards the pack being filled; a drawing thread holds it while it waits for a free place. */
    private final Object packLock = new Object();
    /** Guards what was sent: the upload threads take it, never the pack lock. */
    private final Object indexLock = new Object();
    private final Map<String, DatasetPacks.Pack> packs = new TreeMap<>();
    private final Map<String, DatasetPacks.Member> members = new TreeMap<>();
    private PackWriter pack;
    private int packsStarted;
    private int packsIndexed = -1;

    /** One object per photo. */
    StoreSink(ArtifactStore store, String prefix, int uploads) {
        this(store, prefix, uploads, 0);
    }

    /**
     * @param packBytes about how large a pack of photos grows before it is sent; 0 for one object per photo
     */
    StoreSink(ArtifactStore store, String prefix, int uploads, int packBytes) {
        this.store = store;
        this.prefix = prefix;
        this.packBytes = Math.max(0, packBytes);
        this.places = packBytes > 0 ? 2 : 4 * Math.max(1, uploads);
        this.free = new Semaphore(places);
        this.uploaders = Executors.newFixedThreadPool(Math.min(places, Math.max(1, uploads)), r -> {
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
        if (packBytes > 0) {
            synchronized (packLock) {
                if (pack == null) {
                    pack = new PackWriter(String.format("%s%06d.zip", DatasetPacks.FOLDER, packsStarted++),
                            packBytes + packBytes / 4);
                }
                pack.add(path, content);
                if (pack.size() >= packBytes) {
                    send();
                }
            }
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

    /** Hands the pack being filled to the upload threads (called holding the pack lock). */
    private void send() throws InterruptedIOException {
        PackWriter full = pack;
        pack = null;
        acquire(1);
        try {
            uploaders.execute(() -> upload(full));
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    private void upload(PackWriter full) {
        try {
            if (failure.get() == null) {
                ArtifactRef ref = store.put(prefix + full.path(), full.finish(), "application/zip");
                synchronized (indexLock) {
                    packs.put(full.path(), new DatasetPacks.Pack(ref.size(), ref.sha256()));
                    members.putAll(full.members());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // an Error too (out of memory while a pack is finished, say): lost on this thread, the data set would
            // be written without the photos of this upload and the step would report success
            failure.compareAndSet(null, e);
        } finally {
            free.release();
        }
    }

    private void upload(String path, byte[] content, String contentType) {
        try {
            if (failure.get() == null) {
                store.put(prefix + path, content, contentType);
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            free.release();
        }
    }

    /**
     * Waits until every image handed over so far is in the store (sending the pack being filled, and writing the
     * pack index when packs were sent since the last one); throws the first failure of their PUTs.
     */
    void flush() throws IOException {
        if (packBytes > 0) {
            synchronized (packLock) {
                if (pack != null && pack.count() > 0) {
                    send();
                }
            }
        }
        acquire(places);
        free.release(places);
        throwFailure();
        if (packBytes > 0) {
            writeIndex();
        }
    }

    private void writeIndex() throws IOException {
        DatasetPacks index;
        synchronized (indexLock) {
            if (packs.size() == packsIndexed) {
                return;
            }
            packsIndexed = packs.size();
            index = new DatasetPacks(DatasetPacks.SCHEMA_VERSION, packs, members);
        }
        files.put(DatasetPacks.FILE_NAME, store.put(prefix + DatasetPacks.FILE_NAME,
                EventCodec.instance().mapper().writeValueAsBytes(index), "application/json"));
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
        if (failed instanceof Error error) {
            throw error;
        }
    }
}
