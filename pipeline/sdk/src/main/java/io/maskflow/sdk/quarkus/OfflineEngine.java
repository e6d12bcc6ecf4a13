package io.maskflow.sdk.quarkus;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Services that use Deep Java Library run it offline: libtorch comes from the native jar and nothing may be
 * downloaded at run time. Harmless where DJL is not used.
 */
@ApplicationScoped
public class OfflineEngine {

    void offline(@Observes StartupEvent start) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
