package io.maskflow.orchestrator;

import static io.maskflow.orchestrator.OrchestratorProcess.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two packaged orchestrators both fire a schedule every second (each checks every half second): each slot still
 * starts exactly one run, because both request the slot's run under the same id and its owner starts it once.
 * Prints how many requests the slots got.
 */
class SchedulesReplicasIT {

    private static final List<String> QUICK_CHECKS = List.of("maskflow.schedules.check-every=500ms");
    private static final int SLOTS = 6;

    private final EventCodec codec = EventCodec.instance();

    @Test
    void twoReplicasStartOneRunPerSlot() throws Exception {
        LocalStack stack = LocalStack.shared();
        String token = stack.tokens().token("operator");
        String name = "ha-" + UUID.randomUUID().toString().substring(0, 6);
        // started side by side: each takes about 10 s to be ready on a busy two-core machine
        CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(() -> start(stack));
        try (TopicWatcher kafka = new TopicWatcher(stack, Topics.RUNS_REQUESTED, Topics.RUNS_EVENTS);
                ServiceProcess first = start(stack);
                ServiceProcess second = starting.join()) {
            HttpResponse<String> created = send(first, token, "POST", "/schedules", "{\"name\":\"" + name
                    + "\",\"pipeline\":\"train-and-serve\",\"cron\":\"* * * * * ?\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (accepted(kafka, name).size() < SLOTS) {
                    assertThat(System.nanoTime()).as("runs of " + name + ": " + first.log() + ", " + second.log())
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
            } finally {
                HttpResponse<String> paused = send(second, token, "POST", "/schedules/" + name + "/pause", null);
                assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            }
            Thread.sleep(2000); // late requests and duplicates show up

            // a run id is the schedule's name and the slot's time, yyyyMMdd-HHmmss (Schedule.runId)
            java.util.function.Function<String, String> slotOf = runId -> runId.substring(name.length() + 1,
                    name.length() + 16);
            Map<String, Long> requests = kafka.seen().stream().filter(r -> r.topic().equals(Topics.RUNS_REQUESTED)
                    && r.key() != null && r.key().startsWith(name + "-") && r.value() != null)
                    .map(r -> slotOf.apply(codec.decode(r.value(), RunRequestedEvent.class).runId()))
                    .collect(Collectors.groupingBy(slot -> slot, TreeMap::new, Collectors.counting()));
            List<String> runs = accepted(kafka, name);
            System.out.printf("schedule every second, two replicas checking every 500 ms: %d slots, requests per "
                    + "slot %s, %d slots requested by both replicas, runs started %d%n", requests.size(),
                    requests.values(), requests.values().stream().filter(n -> n > 1).count(), runs.size());
            assertThat(runs.stream().map(slotOf)).as("one run per slot: " + runs).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(requests.keySet());
            assertThat(runs.stream().map(r -> runStatus(first, token, r))).as("stored by their owner")
                    .allMatch(status -> status.equals("RUNNING") || status.equals("ACCEPTED"));

            assertThat(send(first, token, "DELETE", "/schedules/" + name, null).statusCode()).isEqualTo(204);
            for (String runId : runs) {
                send(first, token, "DELETE", "/runs/" + runId, null);
            }
        }
    }

    private static ServiceProcess start(LocalStack stack) {
        try {
            return OrchestratorProcess.start(stack, OrchestratorProcess.freePort(), null, QUICK_CHECKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String runStatus(ServiceProcess orchestrator, String token, String runId) {
        try {
            String body = send(orchestrator, token, "GET", "/runs/" + runId, null).body();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("status").asText();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The runs of the schedule that were accepted (their first status event), in order. */
    private List<String> accepted(TopicWatcher kafka, String name) {
        return kafka.seen().stream().filter(r -> r.topic().equals(Topics.RUNS_EVENTS) && r.value() != null
                        && r.key() != null && r.key().startsWith(name + "-"))
                .map(r -> codec.decode(r.value(), RunStatusEvent.class))
                .filter(e -> e.stepId().equals("run") && e.status() == RunStatus.ACCEPTED)
                .map(RunStatusEvent::runId).collect(Collectors.toList());
    }
}
