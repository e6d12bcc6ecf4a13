package io.maskflow.sdk.quarkus;

import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.MinioArtifactStore;
import io.maskflow.sdk.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Makes the SDK's plain classes injectable in a Quarkus service. */
public class SdkProducers {

    private static final Logger LOG = Logger.getLogger(SdkProducers.class);

    @Produces
    @Singleton
    ArtifactStore artifactStore(StoreSettings settings, MeterRegistry registry) {
        StoreConfig config = new StoreConfig(settings.endpoint(), settings.accessKey(), settings.secretKey(),
                settings.bucket(), settings.region(), settings.maxAttempts(), settings.initialBackoff());
        LOG.infof("artifact store: %s", config);
        return new MinioArtifactStore(config, registry);
    }
}
