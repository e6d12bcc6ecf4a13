package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows a run over its event stream and draws it live ({@link LiveDisplay}) until it ends. It keeps following
 * as long as the run moves, however slowly; it gives up, saying so, only when no change came for {@code stall}
 * (exit code 3), or when the run does not appear (or the orchestrator cannot be reached at all) within
 * {@code appearWithin} of starting. A failed run ends with
 * the failing step's error and the last lines of its log.
 */
final class RunFollower {

    /** Exit code when the run made no progress for the stall time. */
    static final int STALLED = 3;
    static final List<String> FINAL = List.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED");
    /** A connection that sent nothing, not even a keep-alive, for this long is dropped and made again. */
    static final Duration SILENT = Duration.ofSeconds(45);
    private static final int LOG_LINES = 15;

    /** How to follow: when to give up, how to draw, whether to report the follower's own CPU use. */
    record Options(Duration stall, Duration appearWithin, boolean terminal, int columns, boolean reportCpu) {
    }

    private final HttpClient http;
    private final Function<String, HttpRequest.Builder> request;
    private final ObjectMapper json;
    private final PrintStream out;
    private final String orchestrator;
    private final Clock clock;
    private volatile boolean finished;

    RunFollower(HttpClient http, Function<String, HttpRequest.Builder> request, ObjectMapper json, PrintStream out,
            String orchestrator, Clock clock) {
        this.http = http;
        this.request = request;
        this.json = json;
        this.out = out;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    /** Follows the run; returns 0 when it succeeded, 1 when it failed or could not be followed, 3 when stalled. */
    int follow(String runId, Options options) throws InterruptedException {
        long cpuAtStart = cpuNanos();
        Instant start = clock.instant();
        Thread interrupted = new Thread(() -> {
            if (!finished) {
                out.printf("%nstopped following run %s; the run goes on (./maskflow cancel %s stops it)%n", runId,
                        runId);
                out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        LiveDisplay display = new LiveDisplay(out, options.terminal(), options.columns(), clock,
                Duration.ofSeconds(5));
        String encoded = URLEncoder.encode(runId, StandardCharsets.UTF_8);
        JsonNode last = null;
        long version = -1;
        Instant changedAt = start;
        int code;
        HttpClient streaming = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String events = orchestrator + "/runs/" + encoded + "/events";
        try (RunEventStream stream = new RunEventStream(streaming, () -> request.apply(events), json).start()) {
            while (true) {
                RunEventStream.Item item = stream.next(Duration.ofSeconds(1));
                Instant now = clock.instant();
                if (item instanceof RunEventStream.Run run) {
                    if (run.run().path("version").asLong() != version) {
                        version = run.run().path("version").asLong();
                        changedAt = now;
                    }
                    last = run.run();
                    display.status("", null);
                    display.show(last);
                    if (FINAL.contains(last.path("status").asText())) {
                        break;
                    }
                } else if (item instanceof RunEventStream.End) {
                    break;
                } else if (item instanceof RunEventStream.NotFound notFound) {
                    if (last != null || Duration.between(start, now).compareTo(options.appearWithin()) > 0) {
                        out.println("error: " + notFound.message());
                        return 1;
                    }
                    display.status("waiting for the orchestrator to create run " + runId + "…", last);
                } else if (item instanceof RunEventStream.Trouble trouble) {
                    if (last == null && Duration.between(start, now).compareTo(options.appearWithin()) > 0) {
                        // never reached: it tried again until the stall time, ten minutes by default
                        display.status("", null);
                        out.println("error: " + trouble.message() + "; run " + runId + " could not be followed");
                        return 1;
                    }
                    display.status(trouble.message() + "; trying again", last);
                } else if (last != null && options.terminal()) {
                    display.show(last);
                }
                if (Duration.between(changedAt, now).compareTo(options.stall()) > 0) {
                    display.status("", null);
                    out.printf("no progress for %s: run %s %s; giving up following it (--stall sets how long to "
                            + "wait)%n", Figures.duration(options.stall()), runId, where(last));
                    return STALLED;
                }
                if (stream.silentFor().compareTo(SILENT) > 0) {
                    stream.reconnect();
                }
            }
            code = "SUCCEEDED".equals(last == null ? null : last.path("status").asText()) ? 0 : 1;
            if (code != 0 && last != null) {
                failure(runId, last);
            }
            return code;
        } finally {
            finished = true;
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // the JVM is already stopping
            }
            if (options.reportCpu()) {
                Duration wall = Duration.between(start, clock.instant());
                double cpu = (cpuNanos() - cpuAtStart) / 1e9;
                out.printf(Locale.ROOT, "following took %.2f s of CPU in %s (%.2f %% of one core; %.2f s since "
                        + "the JVM started)%n", cpu, Figures.duration(wall), 100 * cpu / Math.max(1e-3,
                        wall.toMillis() / 1000.0), cpuNanos() / 1e9);
            }
        }
    }

    /** Where the run stands, for the stall message: its status and the steps still running. */
    private static String where(JsonNode run) {
        if (run == null) {
            return "was never seen";
        }
        StringBuilder text = new StringBuilder("is " + run.path("status").asText());
        Iterator<Map.Entry<String, JsonNode>> steps = run.path("steps").fields();
        while (steps.hasNext()) {
            Map.Entry<String, JsonNode> step = steps.next();
            String phase = step.getValue().path("phase").asText();
            if (phase.equals("RUNNING") || phase.equals("DISPATCHED")) {
                text.append(", step ").append(step.getKey()).append(' ').append(phase.toLowerCase(Locale.ROOT));
                if (step.getValue().path("worker").isTextual()) {
                    text.append(" on ").append(step.getValue().path("worker").asText());
                }
            }
        }
        return text.toString();
    }

    /** The failing steps' errors and the last lines of their logs. */
    private void failure(String runId, JsonNode run) throws InterruptedException {
        out.println("run " + runId + " " + run.path("status").asText() + (run.path("reason").isTextual()
                ? ": " + run.path("reason").asText() : ""));
        Iterator<Map.Entry<String, JsonNode>> steps = run.path("steps").fields();
        while (steps.hasNext()) {
            Map.Entry<String, JsonNode> step = steps.next();
            JsonNode error = step.getValue().path("error");
            if (!error.isObject() || !step.getValue().path("phase").asText().equals("FAILED")) {
                continue;
            }
            out.printf("step %s failed (%s): %s%n", step.getKey(), error.path("code").asText(),
                    error.path("message").asText());
            try {
                HttpResponse<String> log = http.send(request.apply(orchestrator + "/runs/"
                        + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "/logs/"
                        + URLEncoder.encode(step.getKey(), StandardCharsets.UTF_8)).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (log.statusCode() == 200) {
                    List<String> lines = log.body().lines().toList();
                    out.printf("last %d lines of its log (./maskflow logs %s %s shows all):%n",
                            Math.min(LOG_LINES, lines.size()), runId, step.getKey());
                    lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())
                            .forEach(line -> out.println("  | " + line));
                }
            } catch (java.io.IOException e) {
                out.println("(its log could not be fetched: " + e.getMessage() + ")");
            }
        }
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
