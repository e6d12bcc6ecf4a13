package io.maskflow.vision.image;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.vision.face.FaceAnalyzer;
import java.util.function.Supplier;

/**
 * One {@link FaceAnalyzer} for a whole service or job, loaded on first use (loading and warming up takes 1.4 -
 * 2.7 s, so a service that never crops faces never pays for it) and shared by every thread (it is thread-safe).
 */
public final class SharedFaceAnalyzer implements Supplier<FaceAnalyzer>, AutoCloseable {

    private FaceAnalyzer analyzer;
    private boolean closed;

    /** The analyzer, loaded by the first caller. */
    @Override
    public synchronized FaceAnalyzer get() {
        if (closed) {
            throw new IllegalStateException("the face analyzer is closed");
        }
        if (analyzer == null) {
            analyzer = new FaceAnalyzer();
        }
        return analyzer;
    }

    /** Whether the analyzer has been loaded. */
    public synchronized boolean loaded() {
        return analyzer != null;
    }

    /** A preparer for {@code params}, with this analyzer only when they crop faces (loading it then). */
    public ImagePreparer preparer(PreprocessParams params) {
        return new ImagePreparer(params, params.cropsFaces() ? get() : null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (analyzer != null) {
            analyzer.close();
            analyzer = null;
        }
    }
}
