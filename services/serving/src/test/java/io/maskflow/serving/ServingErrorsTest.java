package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.dev.LocalStackResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A forward pass that did not answer becomes a 503 with the reason, counted as outcome {@code failed}. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ServingErrorsTest {

    @Inject
    ServingErrors errors;
    @Inject
    MeterRegistry registry;

    @Test
    void anUnansweredForwardPassIsA503WithItsReasonAndCounted() {
        double before = failed();
        Response response = errors.unanswered(new LoadedModel.Unanswered("inference took longer than 5 ms", null));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Map<?, ?>) response.getEntity()).get("error")).isEqualTo("inference took longer than 5 ms");
        assertThat(failed()).isEqualTo(before + 1);
    }

    private double failed() {
        Counter counter = registry.find("maskflow.inference.requests").tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
