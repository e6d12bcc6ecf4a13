package io.maskflow.orchestrator;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged orchestrator run as its own process against a local stack, as in production. */
final class OrchestratorProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    /** Sends a request with the token, and {@code body} as JSON unless it is null; waits 60 s at most. */
    static HttpResponse<String> send(ServiceProcess to, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.url() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
