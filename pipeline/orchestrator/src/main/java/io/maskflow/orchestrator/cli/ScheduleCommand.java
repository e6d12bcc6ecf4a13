package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code maskflow schedule ...}: recurring runs over the orchestrator's {@code /schedules} API.
 * <pre>
 * maskflow schedule create NAME --pipeline P --cron 'EXPR' [--time-zone Z] [--param k=v]... [--paused]
 * maskflow schedule list
 * maskflow schedule show|pause|resume|delete NAME
 * </pre>
 */
final class ScheduleCommand {

    static final String USAGE = String.join("\n",
            "  schedule create NAME --pipeline P --cron 'EXPR' [--time-zone Z] [--param k=v]... [--paused]",
            "                                              a recurring run; EXPR is Quartz cron (6-7 fields, seconds",
            "                                              first: '0 0 2 * * ?') or Unix cron (5 fields)",
            "  schedule list                               the schedules, each with its next slot",
            "  schedule show|pause|resume|delete NAME      one schedule with its next slots; change it");

    private final HttpClient http;
    private final String orchestrator;
    private final PrintStream out;
    private final CliToken token;
    private final ObjectMapper json = new ObjectMapper();

    ScheduleCommand(HttpClient http, String orchestrator, PrintStream out, CliToken token) {
        this.http = http;
        this.orchestrator = orchestrator;
        this.out = out;
        this.token = token;
    }

    /** {@code schedule <verb>}, its arguments read by {@link CliArgs}; returns the exit code. */
    int run(CliArgs args) throws IOException, InterruptedException {
        String verb = args.command().substring("schedule ".length());
        if (verb.equals("list")) {
            return list();
        }
        String name = args.positional(0);
        String path = "/schedules/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return switch (verb) {
            case "create" -> create(name, args);
            case "show" -> print(call("GET", path, null), 200, true, args);
            case "pause", "resume" -> print(call("POST", path + "/" + verb, null), 200, false, args);
            default -> {
                HttpResponse<String> deleted = call("DELETE", path, null);
                if (deleted.statusCode() == 204) {
                    out.println("schedule " + name + " deleted (its runs stay)");
                    yield 0;
                }
                yield print(deleted, 204, false, args);
            }
        };
    }

    private int create(String name, CliArgs args) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("pipeline", required(args, "--pipeline"));
        body.put("cron", required(args, "--cron"));
        String zone = args.value("--time-zone");
        if (zone != null) {
            body.put("timeZone", zone);
        }
        body.put("parameters", args.parameters());
        if (args.has("--paused")) {
            body.put("paused", true);
        }
        return print(call("POST", "/schedules", json.writeValueAsString(body)), 201, true, args);
    }

    private int list() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "/schedules", null);
        if (response.statusCode() != 200) {
            return print(response, 200, false, null);
        }
        JsonNode list = HttpAnswers.json(json, response, HttpAnswers.ORCHESTRATOR);
        if (list.isEmpty()) {
            out.println("no schedules");
        }
        out.printf("%-24s %-18s %-22s %-8s %-22s %s%n", "NAME", "PIPELINE", "CRON", "STATE", "NEXT", "LAST RUN");
        for (JsonNode s : list) {
            out.printf("%-24s %-18s %-22s %-8s %-22s %s%n", s.path("name").asText(), s.path("pipeline").asText(),
                    s.path("cron").asText() + zone(s), s.path("paused").asBoolean() ? "paused" : "active",
                    s.path("nextFireTimes").path(0).asText("-"), s.path("lastRunId").asText("-"));
        }
        return 0;
    }

    private static String zone(JsonNode schedule) {
        String zone = schedule.path("timeZone").asText("UTC");
        return zone.equals("UTC") ? "" : " " + zone;
    }

    /** Prints a schedule (or the server's error); 0 when the answer had the expected status. */
    private int print(HttpResponse<String> response, int expected, boolean withNext, CliArgs args)
            throws IOException {
        JsonNode body = HttpAnswers.json(json, response, HttpAnswers.ORCHESTRATOR);
        if (response.statusCode() != expected || !body.has("name")) {
            String error = body.path("error").asText();
            out.println("error: HTTP " + response.statusCode() + (body.has("error") ? ": "
                    + (args != null ? args.shown(error) : error) : " from " + HttpAnswers.shown(response.uri())
                    + " without a schedule (" + HttpAnswers.ORCHESTRATOR + ")"));
            return 1;
        }
        out.printf("schedule %s: %s at '%s' (%s), %s%n", body.path("name").asText(), body.path("pipeline").asText(),
                body.path("cron").asText(), body.path("timeZone").asText(), body.path("paused").asBoolean()
                        ? "paused" : "active");
        if (!body.path("parameters").isEmpty()) {
            out.println("  parameters " + body.path("parameters"));
        }
        if (body.hasNonNull("lastRunId")) {
            out.println("  last run   " + body.path("lastRunId").asText() + " (slot " + body.path("lastSlot").asText()
                    + ")");
        }
        if (withNext) {
            for (JsonNode next : body.path("nextFireTimes")) {
                out.println("  next       " + next.asText());
            }
        }
        return 0;
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = token.authorize(HttpRequest.newBuilder(URI.create(orchestrator + path)))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String required(CliArgs args, String name) {
        String value = args.value(name);
        if (value == null) {
            throw new IllegalArgumentException("schedule create needs " + name);
        }
        return value;
    }
}
