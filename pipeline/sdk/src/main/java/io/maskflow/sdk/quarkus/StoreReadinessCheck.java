package io.maskflow.sdk.quarkus;

import io.maskflow.sdk.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the artifact store answers. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    ArtifactStore store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("artifact-store")
                .status(store.isReachable())
                .withData("bucket", store.bucket())
                .build();
    }
}
