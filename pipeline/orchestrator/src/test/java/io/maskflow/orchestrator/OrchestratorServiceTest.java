package io.maskflow.orchestrator;

import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The orchestrator service starts against the real broker and S3 server and answers health and metrics. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OrchestratorServiceTest extends ServiceContract {
}
