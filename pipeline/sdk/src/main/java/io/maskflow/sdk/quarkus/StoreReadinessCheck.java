package io.maskflow.sdk.quarkus;

import io.maskflow.sdk.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the artifact store answers; with {@code maskflow.health.store-gates-readiness=false} (serving,
 * which answers from the model it holds) the store's state is only reported.
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    ArtifactStore store;
    @ConfigProperty(name = "maskflow.health.store-gates-readiness", defaultValue = "true")
    boolean gatesReadiness;

    @Override
    public HealthCheckResponse call() {
        boolean reachable = store.isReachable();
        return HealthCheckResponse.named("artifact-store")
                .status(reachable || !gatesReadiness)
                .withData("bucket", store.bucket())
                .withData("reachable", reachable)
                .build();
    }
}
