package io.maskflow.datagen.faces;

import io.maskflow.vision.face.FaceAnalyzer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's one {@link FaceAnalyzer}: loaded on first use (1.4–2.7 s, so a service that never sees a real photo
 * never pays for it), shared by {@code POST /masks} and the {@code mask-faces} step (it is thread-safe), closed
 * with the service.
 */
@ApplicationScoped
public class SharedFaceAnalyzer {

    private FaceAnalyzer faces;

    public synchronized FaceAnalyzer get() {
        if (faces == null) {
            faces = new FaceAnalyzer();
        }
        return faces;
    }

    @PreDestroy
    synchronized void close() {
        if (faces != null) {
            faces.close();
            faces = null;
        }
    }
}
