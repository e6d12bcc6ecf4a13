package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /runs/{id}/events} against the real broker and store: one connection that gets the run at once, again
 * at every change (each epoch's figures kept in the step's history), keep-alive comments while nothing happens, and
 * an end once the run has finished.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RunEventsIT {

    @TestHTTPResource
    URL url;

    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = EventCodec.instance();

    /** The lines of the run's event stream, read on another thread. */
    private BlockingQueue<String> follow(String runId) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url + "runs/" + runId + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    lines.add("status " + response.statusCode());
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                    lines.add("closed");
                });
        return lines;
    }

    /** The next {@code run} event's JSON, skipping keep-alives; counts the keep-alive comments it saw. */
    private JsonNode nextRun(BlockingQueue<String> lines, int[] keepAlives) throws Exception {
        JsonNode run = nextRun(lines, keepAlives, Duration.ofSeconds(30));
        assertThat(run).as("a run event within 30 s").isNotNull();
        return run;
    }

    /** The next {@code run} event's JSON, or null when none came within {@code wait}. */
    private JsonNode nextRun(BlockingQueue<String> lines, int[] keepAlives, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String event = null;
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.startsWith(": keep-alive") || line.startsWith(":keep-alive")) {
                keepAlives[0]++;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "run".equals(event)) {
                return json.readTree(line.substring(5).trim());
            } else if (line.equals("closed")) {
                throw new AssertionError("the stream closed before the next run event");
            }
        }
    }

    @Test
    void streamsEveryChangeOfARunWithItsEpochsAndEndsWithIt() throws Exception {
        given().get("/runs/no-such-run/events").then().statusCode(404).body("error",
                containsString("no run 'no-such-run'"));
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared())) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = given().contentType("application/json")
                    .body(Map.of("pipeline", "train-and-serve", "parameters", Map.of("epochs", 3)))
                    .post("/runs").then().statusCode(201).extract().path("runId");
            BlockingQueue<String> lines = follow(runId);
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("status 200");
            int[] keepAlives = {0};
            JsonNode first = nextRun(lines, keepAlives);
            assertThat(first.path("runId").asText()).isEqualTo(runId);

            StepCommand train = awaitTrainCommand(steps, kafka, runId);
            List<Long> versions = new ArrayList<>();
            for (int epoch = 1; epoch <= 2; epoch++) {
                kafka.send(Topics.STEPS_EVENTS, runId, codec.encode(StepStatusEvent.progress(train,
                        new Progress("epoch", epoch, 3, "epoch " + epoch, Map.of("loss", 2.0 / epoch,
                                "valMacroF1", 0.2 * epoch, "trainMacroF1", 0.25 * epoch)), "fake")));
                JsonNode run = nextRun(lines, keepAlives);
                while (run.path("steps").path("train").path("history").size() < epoch) {
                    run = nextRun(lines, keepAlives);
                }
                JsonNode last = run.path("steps").path("train").path("history").get(epoch - 1);
                assertThat(last.path("done").asLong()).isEqualTo(epoch);
                assertThat(last.path("metrics").path("valMacroF1").asDouble()).isEqualTo(0.2 * epoch);
                versions.add(run.path("version").asLong());
            }
            assertThat(versions.get(1)).isGreaterThan(versions.get(0));
            // quiet for longer than the keep-alive (1 s in tests): comments, no run event
            Thread.sleep(2500);
            assertThat(lines.stream().filter(l -> l.startsWith(":")).count() + keepAlives[0])
                    .as("keep-alive comments while nothing happened").isGreaterThanOrEqualTo(1);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode run = first;
            while (!"SUCCEEDED".equals(run.path("status").asText())) {
                steps.answer(c -> c.runId().equals(runId));
                assertThat(System.nanoTime()).as("the run ends within 60 s").isLessThan(deadline);
                JsonNode next = nextRun(lines, keepAlives, Duration.ofMillis(500));
                run = next == null ? run : next;
            }
            assertThat(run.path("steps").path("train").path("history")).hasSize(2);
            List<String> rest = new ArrayList<>();
            String line;
            while ((line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.equals("closed")) {
                rest.add(line);
            }
            assertThat(line).as("the server closed the stream after the end").isEqualTo("closed");
            assertThat(rest).anyMatch(l -> l.matches("event: ?end"));

            // a finished run, followed: the run and the end, then closed; the server logs no error (closing the
            // stream at once started the answer twice, 3 times in 4; closing it once both events were written still
            // raced with the request's own start of the answer now and then, until the stream became a Multi)
            List<String> errors = new CopyOnWriteArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        errors.add(record.getLoggerName() + ": " + record.getMessage());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger.getLogger("").addHandler(handler);
            try {
                for (int i = 0; i < 4; i++) {
                    BlockingQueue<String> finished = follow(runId);
                    assertThat(finished.poll(30, TimeUnit.SECONDS)).isEqualTo("status 200");
                    assertThat(nextRun(finished, keepAlives).path("status").asText()).isEqualTo("SUCCEEDED");
                    List<String> after = new ArrayList<>();
                    while ((line = finished.poll(10, TimeUnit.SECONDS)) != null && !line.equals("closed")) {
                        after.add(line);
                    }
                    assertThat(line).as("closed after the end").isEqualTo("closed");
                    assertThat(after).anyMatch(l -> l.matches("event: ?end"));
                }
                Thread.sleep(500);
            } finally {
                Logger.getLogger("").removeHandler(handler);
            }
            assertThat(errors).as("errors logged while finished runs were followed").isEmpty();
        }
    }

    private static StepCommand awaitTrainCommand(StepPlayer steps, TopicWatcher kafka, String runId)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            steps.answer(c -> c.runId().equals(runId) && c.step() != StepType.TRAIN);
            for (StepCommand c : steps.commandsOf(runId)) {
                if (c.step() == StepType.TRAIN) {
                    kafka.send(Topics.STEPS_EVENTS, runId, EventCodec.instance().encode(StepStatusEvent.started(c,
                            "fake")));
                    return c;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no train command for " + runId + " within 60 s");
    }
}
