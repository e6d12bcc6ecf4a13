package io.maskflow.datagen.faces;

import io.maskflow.vision.face.FaceAnalyzer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's one {@link FaceAnalyzer} as a bean, shared by {@code POST /masks} and the {@code mask-faces} step:
 * vision's {@link io.maskflow.vision.image.SharedFaceAnalyzer} (loaded on first use, so a service that never sees a
 * real photo never pays the 1.4–2.7 s), closed with the service.
 */
@ApplicationScoped
public class SharedFaceAnalyzer {

    private final io.maskflow.vision.image.SharedFaceAnalyzer shared =
            new io.maskflow.vision.image.SharedFaceAnalyzer();

    public FaceAnalyzer get() {
        return shared.get();
    }

    @PreDestroy
    void close() {
        shared.close();
    }
}
