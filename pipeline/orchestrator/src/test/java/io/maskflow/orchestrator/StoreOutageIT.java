package io.maskflow.orchestrator;

import static io.maskflow.orchestrator.OrchestratorProcess.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.orchestrator.engine.ArtifactRunStore;
import io.maskflow.sdk.store.MinioArtifactStore;
import io.maskflow.sdk.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged orchestrator with its store taken away (a gate in front of the S3 server, shut and opened again): a
 * run requested meanwhile is started and said to be, and its state reaches the store once the store answers.
 */
class StoreOutageIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunRequestedWhileTheStoreIsAwayIsStartedAndWrittenWhenTheStoreIsBack() throws Exception {
        LocalStack stack = LocalStack.shared();
        String token = stack.tokens().token("operator");
        URI s3 = URI.create(stack.s3Endpoint());
        String runId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        ArtifactRunStore stored = new ArtifactRunStore(new MinioArtifactStore(new StoreConfig(stack.s3Endpoint(),
                stack.config().accessKey(), stack.config().secretKey(), "maskflow", "us-east-1", 3,
                Duration.ofMillis(100)), new SimpleMeterRegistry()));
        try (TcpGate gate = TcpGate.to(s3.getHost(), s3.getPort());
                TopicWatcher kafka = StepPlayer.watch(stack);
                ServiceProcess orchestrator = OrchestratorProcess.start(stack, OrchestratorProcess.freePort(), null,
                        List.of("maskflow.store.endpoint=http://127.0.0.1:" + gate.port()))) {
            // a first run, with the store there, says the orchestrator owns the run ids by now
            HttpResponse<String> first = post(orchestrator, token, runId + "-before");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

            gate.shut();
            HttpResponse<String> started = post(orchestrator, token, runId);
            JsonNode body = json.readTree(started.body());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(body.path("runId").asText()).isEqualTo(runId);
            assertThat(body.path("status").asText()).isIn("ACCEPTED", "RUNNING");
            assertThat(body.path("message").asText()).contains("was started").contains("do not send the request again");
            assertThat(started.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/runs/" + runId));
            // it is driven: its first step's command went out, and the orchestrator answers for it
            kafka.await(StepPlayer.commandTopicOf("generate"), value -> {
                StepCommand command = EventCodec.instance().decode(value, StepCommand.class);
                return command.runId().equals(runId);
            }, 1, Duration.ofSeconds(60));
            HttpResponse<String> shown = send(orchestrator, token, "GET", "/runs/" + runId, null);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);

            gate.open();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stored.load(runId).isEmpty()) {
                assertThat(System.nanoTime()).as("the run written once the store is back; the orchestrator's log: "
                        + orchestrator.log()).isLessThan(deadline);
                Thread.sleep(250);
            }
            // the same request again is the same run, not a second one
            HttpResponse<String> again = post(orchestrator, token, runId);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> post(ServiceProcess to, String token, String runId) throws IOException,
            InterruptedException {
        return send(to, token, "POST", "/runs", "{\"runId\":\"" + runId + "\",\"pipeline\":\"train-and-serve\"}");
    }
}
