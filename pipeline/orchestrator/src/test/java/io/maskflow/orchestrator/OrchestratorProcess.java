package io.maskflow.orchestrator;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged orchestrator run as its own process against a local stack, as in production. */
final class OrchestratorProcess {

    private OrchestratorProcess() {
    }

    /** Starts the orchestrator and waits until it is ready. */
    static ServiceProcess start(LocalStack stack, int port, Path definitions) throws IOException,
            InterruptedException {
        return start(stack, port, definitions, List.of());
    }

    /** Starts the orchestrator with extra {@code -D} properties and waits until it is ready. */
    static ServiceProcess start(LocalStack stack, int port, Path definitions, List<String> extra)
            throws IOException, InterruptedException {
        List<String> properties = new ArrayList<>(List.of("maskflow.orchestrator.retry-backoff=200ms"));
        properties.addAll(extra);
        if (definitions != null) {
            properties.add("maskflow.orchestrator.definitions-dir=" + definitions);
        }
        return ServiceProcess.start("pipeline/orchestrator", stack, port, properties, "/q/health/ready");
    }

    static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }
}
