package io.maskflow.trainer;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** DJL runs offline: libtorch comes from the native jar, and nothing may be downloaded at run time. */
@ApplicationScoped
public class OfflineEngine {

    void offline(@Observes StartupEvent start) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
