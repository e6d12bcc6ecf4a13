package io.maskflow.serving;

import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.ServiceContract;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Heads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The serving service starts against the real broker and S3 server and answers health and metrics; it is ready
 * once a model is loaded.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ServingServiceTest extends ServiceContract {

    @Inject
    ModelHolder models;
    @Inject
    ArtifactStore store;

    @BeforeEach
    void loadAModel() throws Exception {
        if (models.current().isEmpty()) {
            models.load("test-model", TestModels.untrained(store, 32, Heads.THREE));
        }
    }
}
