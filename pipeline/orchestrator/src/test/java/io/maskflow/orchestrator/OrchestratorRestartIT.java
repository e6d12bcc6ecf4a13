package io.maskflow.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged orchestrator killed mid-run (no clean shutdown) and started again carries the run on to the end:
 * its state is in the S3 server and the step events it had not read wait in Kafka.
 */
class OrchestratorRestartIT {

    @Test
    void aRunInFlightContinuesAfterTheOrchestratorIsKilledAndRestarted() throws Exception {
        LocalStack stack = LocalStack.shared();
        EventCodec codec = EventCodec.instance();
        int port = OrchestratorProcess.freePort();
        String runId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicWatcher kafka = StepPlayer.watch(stack)) {
            StepPlayer steps = new StepPlayer(kafka);
            ServiceProcess first = OrchestratorProcess.start(stack, port, null);
            kafka.send(Topics.RUNS_REQUESTED, runId, "{\"schemaVersion\":1,\"runId\":\"" + runId
                    + "\",\"pipeline\":\"train-and-serve\"}");
            awaitCommand(kafka, codec, runId, "generate");
            steps.answer(c -> c.runId().equals(runId));
            awaitCommand(kafka, codec, runId, "preprocess");
            first.kill();

            // the preprocess step finishes while no orchestrator is running
            steps.answer(c -> c.runId().equals(runId));
            try (ServiceProcess second = OrchestratorProcess.start(stack, port, null)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                RunStatus last = null;
                while (System.nanoTime() < deadline && last != RunStatus.SUCCEEDED) {
                    steps.answer(c -> c.runId().equals(runId));
                    last = kafka.seen().stream().filter(r -> r.topic().equals(Topics.RUNS_EVENTS))
                            .map(r -> codec.decode(r.value(), RunStatusEvent.class))
                            .filter(e -> e.runId().equals(runId) && e.stepId().equals("run"))
                            .map(RunStatusEvent::status).reduce((a, b) -> b).orElse(null);
                    Thread.sleep(100);
                }
                assertThat(last).as("log of the restarted orchestrator: " + second.log())
                        .isEqualTo(RunStatus.SUCCEEDED);
            }
            List<String> stepIds = steps.commandsOf(runId).stream().map(StepCommand::stepId).distinct().toList();
            assertThat(stepIds).containsExactly("generate", "preprocess", "train", "evaluate");
        }
    }

    private static void awaitCommand(TopicWatcher kafka, EventCodec codec, String runId, String stepId) {
        kafka.await(StepPlayer.commandTopicOf(stepId), json -> {
            StepCommand c = codec.decode(json, StepCommand.class);
            return c.runId().equals(runId) && c.stepId().equals(stepId);
        }, 1, Duration.ofSeconds(60));
    }
}
