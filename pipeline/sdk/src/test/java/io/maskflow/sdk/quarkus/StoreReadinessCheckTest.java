package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.sdk.store.InMemoryArtifactStore;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * An unreachable store takes a service out of its Service's endpoints, but not serving, which answers from the model
 * it holds (a probe of the running stack, 2026-12-07: stopping the S3 server made serving's readiness 503 while it
 * answered every photo).
 */
class StoreReadinessCheckTest {

    private static HealthCheckResponse check(boolean reachable, boolean gatesReadiness) {
        StoreReadinessCheck check = new StoreReadinessCheck();
        check.store = new InMemoryArtifactStore() {
            @Override
            public boolean isReachable() {
                return reachable;
            }
        };
        check.gatesReadiness = gatesReadiness;
        return check.call();
    }

    @Test
    void anUnreachableStoreMakesAServiceUnreadyUnlessItOnlyReportsTheStore() {
        assertThat(check(true, true).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(check(false, true).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        HealthCheckResponse reported = check(false, false);
        assertThat(reported.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(reported.getData()).get().extracting(data -> data.get("reachable")).isEqualTo(false);
    }
}
