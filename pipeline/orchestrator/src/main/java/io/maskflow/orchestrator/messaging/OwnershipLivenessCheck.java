package io.maskflow.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when the runs of the partitions assigned to this replica could not be loaded from the store (after a few
 * tries): it would own runs it does not drive, so it is better restarted, which hands its partitions to another
 * replica.
 */
@Liveness
@ApplicationScoped
public class OwnershipLivenessCheck implements HealthCheck {

    @Inject
    RunOwnership ownership;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("run-ownership-loaded")
                .status(ownership.loadFailure().isEmpty())
                .withData("error", ownership.loadFailure().orElse(""))
                .build();
    }
}
