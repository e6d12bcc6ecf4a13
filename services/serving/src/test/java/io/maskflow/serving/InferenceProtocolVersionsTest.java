package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * Without a model the protocol's versioned paths answer as the unversioned ones (404 "no model is loaded yet");
 * with one, {@code ServingApiIT} checks them.
 */
class InferenceProtocolVersionsTest {

    @Test
    void withoutAModelAVersionedPathAnswersAsTheUnversionedOne() throws Exception {
        InferenceProtocolResource resource = new InferenceProtocolResource();
        resource.models = new ModelHolder();
        resource.metrics = new ServingMetrics();
        resource.metrics.registry = new SimpleMeterRegistry();
        assertSame(resource.versionMetadata("maskflow", "v1"), resource.metadata("maskflow"));
        assertSame(resource.versionReady("maskflow", "v1"), resource.modelReady("maskflow"));
        assertSame(resource.versionInfer("maskflow", "v1", new ByteArrayInputStream(new byte[0])),
                resource.infer("maskflow", new ByteArrayInputStream(new byte[0])));
        assertThat(resource.metadata("maskflow").getStatus()).isEqualTo(404);
        assertThat(resource.metadata("maskflow").getEntity().toString()).contains("no model is loaded yet");
    }

    private static void assertSame(Response versioned, Response unversioned) {
        assertThat(versioned.getStatus()).isEqualTo(unversioned.getStatus());
        assertThat(versioned.getEntity()).isEqualTo(unversioned.getEntity());
    }
}
