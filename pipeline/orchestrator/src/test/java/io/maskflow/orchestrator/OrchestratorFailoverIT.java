package io.maskflow.orchestrator;

import static io.maskflow.orchestrator.OrchestratorProcess.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.orchestrator.messaging.PartitionOwnership;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two packaged orchestrators share the runs by partition; one is killed (no clean shutdown) while its runs wait
 * for their training, and the other takes them over from the store: every run finishes exactly once. Prints the
 * failover time: from the kill to the first event the survivor publishes for a run the dead one owned.
 */
class OrchestratorFailoverIT {

    /** Runs per orchestrator. */
    private static final int RUNS_EACH = 3;
    /**
     * The consumers' session timeout: 6 s (the broker's lowest allowed) so that the test sees the failover quickly;
     * {@code -Dfailover.session-timeout-ms=10000} measures the production setting (heartbeats every 3 s).
     */
    private static final int SESSION_TIMEOUT_MS = Integer.getInteger("failover.session-timeout-ms", 6000);
    private static final int HEARTBEAT_MS = SESSION_TIMEOUT_MS >= 10_000 ? 3000 : 1000;
    private static final List<String> QUICK_FAILOVER = List.of("kafka.session.timeout.ms=" + SESSION_TIMEOUT_MS,
            "kafka.heartbeat.interval.ms=" + HEARTBEAT_MS);
    private static final Pattern OWNING = Pattern.compile("owning partitions \\[([0-9, ]*)] of (\\d+)");

    private final EventCodec codec = EventCodec.instance();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runsOfAKilledOrchestratorAreTakenOverAndEveryRunFinishesOnce() throws Exception {
        LocalStack stack = LocalStack.shared();
        String token = stack.tokens().token("admin");
        String prefix = "ha-" + UUID.randomUUID().toString().substring(0, 6);
        try (TopicWatcher kafka = StepPlayer.watch(stack);
                ServiceProcess first = OrchestratorProcess.start(stack, OrchestratorProcess.freePort(), null,
                        QUICK_FAILOVER);
                ServiceProcess second = OrchestratorProcess.start(stack, OrchestratorProcess.freePort(), null,
                        QUICK_FAILOVER)) {
            StepPlayer steps = new StepPlayer(kafka);
            int partitions = awaitSplit(first, second);
            Set<Integer> firstOwns = owned(first);

            // run ids on both sides; half started through the first one's REST API (forwarded when the second
            // owns them), half by a Kafka client
            List<String> ofFirst = new ArrayList<>();
            List<String> ofSecond = new ArrayList<>();
            for (int i = 0; ofFirst.size() < RUNS_EACH || ofSecond.size() < RUNS_EACH; i++) {
                String runId = prefix + "-" + i;
                List<String> side = firstOwns.contains(PartitionOwnership.partitionOf(runId, partitions)) ? ofFirst
                        : ofSecond;
                if (side.size() < RUNS_EACH) {
                    side.add(runId);
                }
            }
            List<String> all = new ArrayList<>(ofFirst);
            all.addAll(ofSecond);
            for (int i = 0; i < all.size(); i++) {
                String body = "{\"runId\":\"" + all.get(i) + "\",\"pipeline\":\"train-and-serve\"}";
                if (i % 2 == 0) {
                    HttpResponse<String> started = send(first, token, "POST", "/runs", body);
                    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
                    assertThat(json.readTree(started.body()).path("runId").asText()).isEqualTo(all.get(i));
                } else {
                    kafka.send(Topics.RUNS_REQUESTED, all.get(i), "{\"schemaVersion\":1," + body.substring(1));
                }
            }

            // a cancel sent to the replica that does not own the run reaches its owner
            String cancelled = ofSecond.get(0);
            HttpResponse<String> cancel = send(first, token, "DELETE", "/runs/" + cancelled, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(json.readTree(cancel.body()).path("status").asText()).isEqualTo("CANCELLED");
            List<String> running = all.stream().filter(r -> !r.equals(cancelled)).toList();

            // every run goes as far as its training, which is not answered yet
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!running.stream().allMatch(r -> steps.commandsOf(r).stream()
                    .anyMatch(c -> c.stepId().equals("train")))) {
                assertThat(System.nanoTime()).as("runs reaching their training").isLessThan(deadline);
                steps.answer(c -> running.contains(c.runId()) && !c.stepId().equals("train"));
                Thread.sleep(100);
            }

            long killedAt = System.currentTimeMillis();
            first.kill();

            deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!running.stream().allMatch(r -> succeeded(kafka, r) > 0)) {
                assertThat(System.nanoTime()).as("every run succeeding; log of the survivor: " + second.log())
                        .isLessThan(deadline);
                steps.answer(c -> running.contains(c.runId()));
                Thread.sleep(100);
            }
            Thread.sleep(2000); // room for a duplicate to show up

            long takenOver = kafka.seen().stream()
                    .filter(r -> ofFirst.contains(r.key()) && r.timestamp() >= killedAt)
                    .mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
            System.out.printf("failover: %d ms from killing the owner of %d run(s) to the survivor's first "
                    + "event for one of them (session timeout %d ms, heartbeat %d ms); the survivor's log: "
                    + "partitions revoked after %d ms, runs loaded after %d ms%n", takenOver - killedAt,
                    ofFirst.size(), SESSION_TIMEOUT_MS, HEARTBEAT_MS,
                    logged(second, "Executing consumer revoked", killedAt) - killedAt,
                    logged(second, "took over " + ofFirst.size() + " unfinished", killedAt) - killedAt);

            for (String runId : running) {
                assertThat(succeeded(kafka, runId)).as("SUCCEEDED events of " + runId).isEqualTo(1);
                List<StepCommand> commands = steps.commandsOf(runId);
                assertThat(commands).extracting(StepCommand::stepId).as(runId)
                        .containsAll(List.of("generate", "preprocess", "train", "evaluate"));
                assertThat(commands).as(runId + ": first attempts only").allMatch(c -> c.attempt() == 1);
                Map<String, Long> copies = commands.stream().collect(Collectors.groupingBy(StepCommand::stepId,
                        Collectors.counting()));
                // a command sent again is only possible when the owner died between sending it and saving the
                // run (RunEngine's javadoc); the survivor's own runs never see one
                long most = ofSecond.contains(runId) ? 1 : 2;
                assertThat(copies.values()).as(runId + " commands per step " + copies).allMatch(n -> n <= most);
            }
            assertThat(succeeded(kafka, cancelled)).isZero();

            // the survivor answers for every run, including those it took over
            HttpResponse<String> list = send(second, token, "GET", "/runs?size=500", null);
            Map<String, String> statuses = new HashMap<>();
            for (JsonNode run : json.readTree(list.body()).path("runs")) {
                statuses.put(run.path("runId").asText(), run.path("status").asText());
            }
            for (String runId : running) {
                assertThat(statuses).containsEntry(runId, "SUCCEEDED");
            }
            assertThat(statuses).containsEntry(cancelled, "CANCELLED");
            assertThat(Files.readString(second.log().toPath())).contains("took over run " + ofFirst.get(0));
        }
    }

    private long succeeded(TopicWatcher kafka, String runId) {
        return kafka.seen().stream().filter(r -> r.topic().equals(Topics.RUNS_EVENTS) && runId.equals(r.key()))
                .map(r -> codec.decode(r.value(), RunStatusEvent.class))
                .filter(e -> e.stepId().equals("run") && e.status() == RunStatus.SUCCEEDED).count();
    }

    /** When the orchestrator first logged a line containing {@code text} at or after {@code since} (epoch ms). */
    private static long logged(ServiceProcess orchestrator, String text, long since) throws IOException {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        for (String line : Files.readAllLines(orchestrator.log().toPath())) {
            if (line.length() > 23 && line.contains(text) && Character.isDigit(line.charAt(0))) {
                long at = LocalDateTime.parse(line.substring(0, 23), format).atZone(ZoneId.systemDefault())
                        .toInstant().toEpochMilli();
                if (at >= since) {
                    return at;
                }
            }
        }
        return -1;
    }

    /** Waits until each orchestrator owns part of the partitions; returns the partition count. */
    private static int awaitSplit(ServiceProcess first, ServiceProcess second) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Set<Integer> a = owned(first);
            Set<Integer> b = owned(second);
            Matcher m = OWNING.matcher(Files.readString(first.log().toPath()));
            int partitions = 0;
            while (m.find()) {
                partitions = Math.max(partitions, Integer.parseInt(m.group(2)));
            }
            if (!a.isEmpty() && !b.isEmpty() && a.size() + b.size() == partitions) {
                return partitions;
            }
            assertThat(System.nanoTime()).as("both orchestrators owning partitions: " + first.log() + ", "
                    + second.log()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The partitions an orchestrator said last that it owns. */
    private static Set<Integer> owned(ServiceProcess orchestrator) throws IOException {
        Matcher m = OWNING.matcher(Files.readString(orchestrator.log().toPath()));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null || last.isBlank()) {
            return Set.of();
        }
        return Pattern.compile(",\\s*").splitAsStream(last.trim()).map(Integer::valueOf).collect(Collectors.toSet());
    }
}
