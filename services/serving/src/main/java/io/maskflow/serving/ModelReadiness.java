package io.maskflow.serving;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a model loaded and warmed up. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    @Inject
    ModelHolder models;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model")
                .status(models.current().isPresent())
                .withData("modelId", models.current().map(LoadedModel::modelId).orElse("none"))
                .build();
    }
}
