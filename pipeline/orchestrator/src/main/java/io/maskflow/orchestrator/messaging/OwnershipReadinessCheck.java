package io.maskflow.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the orchestrators' consumer group has given this replica its share of the partitions (possibly none,
 * on a standby) and it has loaded their runs: before that it drives no run, and a run started through its API
 * would wait for an owner.
 */
@Readiness
@ApplicationScoped
public class OwnershipReadinessCheck implements HealthCheck {

    @Inject
    RunOwnership ownership;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("run-ownership")
                .status(ownership.assigned())
                .withData("owns", ownership.current().toString())
                .build();
    }
}
