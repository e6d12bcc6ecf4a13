package io.maskflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.dev.KafkaUsers;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.system.BadInputs.Bad;
import io.maskflow.system.Endpoints.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input battery, against the six packaged services on a real broker and store, as deployed (security on):
 * several hundred malformed requests, generated for every endpoint the services have (found from their classes,
 * as in {@link SecurityIT}, so a new endpoint is covered without touching this test), sent with an admin token so
 * they reach the handlers; then garbage, truncated, oversized and wrong-version messages on every topic a service
 * consumes. Passes when no request got a 5xx, every error answer is JSON naming what was wrong, every bad message
 * is on the dead-letter topic with its reason (or, for a run request whose run id is readable, is a REJECTED run),
 * and afterwards every service is ready and a small train-and-serve run ends SUCCEEDED and serving answers a photo.
 */
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEAD_LETTER = "maskflow.deadletter";
    private static final String RUNS_EVENTS = "maskflow.runs.events";
    private static final String RUNS_REQUESTED = "maskflow.runs.requested";
    /**
     * Every topic a service consumes, with the service, from the broker's access table (a service reads only what
     * it is allowed to, so a new consumed topic is there or the service could not read it).
     */
    private static final Map<String, String> CONSUMED = new LinkedHashMap<>();

    static {
        for (KafkaUsers.Access access : KafkaUsers.SERVICES) {
            access.reads().forEach(topic -> CONSUMED.put(topic, access.principal()));
        }
    }

    private static final String PROMOTED = "models/promoted.json";
    private static final String PROMOTED_BEFORE = "it/bad-input/promoted-before.json";

    @RegisterExtension
    static final SystemServices.Shared SYSTEM = new SystemServices.Shared();

    private static LocalStack stack;
    private static Map<String, ServiceProcess> running;
    private static TopicWatcher watcher;
    private static String admin;
    private static boolean promotedBefore;

    @BeforeAll
    static void startEverything() throws Exception {
        stack = SYSTEM.stack();
        // the small run promotes its model; the other tests on this stack find the promoted model as it was
        promotedBefore = s3("PUT", PROMOTED_BEFORE, "x-amz-copy-source: /maskflow/" + PROMOTED) == 200;
        running = SYSTEM.services();
        watcher = new TopicWatcher(stack, DEAD_LETTER, RUNS_EVENTS);
        admin = stack.tokens().token("admin");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        if (promotedBefore) {
            assertThat(s3("PUT", PROMOTED, "x-amz-copy-source: /maskflow/" + PROMOTED_BEFORE)).isEqualTo(200);
            assertThat(s3("DELETE", PROMOTED_BEFORE, null)).isIn(200, 204);
        } else {
            assertThat(s3("DELETE", PROMOTED, null)).isIn(200, 204);
        }
    }

    /** One S3 call with curl's own SigV4 signing (as {@link SystemIT} reads objects); its HTTP status. */
    private static int s3(String method, String key, String header) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "-X", method, "--aws-sigv4", "aws:amz:us-east-1:s3", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                "--user", stack.config().accessKey() + ":" + stack.config().secretKey()));
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        command.add(stack.s3Endpoint() + "/maskflow/" + key);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(status);
    }

    @Test
    void badInputGetsA4xxOrADeadLetterWithTheReasonAndTheServicesStillWork() throws Exception {
        long start = System.nanoTime();
        // real work while the battery runs: it also gives serving a model, so that its image endpoints are reached
        String runId = "battery-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> run = send("orchestrator", "POST", "/runs", "application/json", Map.of(), BadInputs.utf8(
                "{\"runId\":\"" + runId + "\",\"pipeline\":\"train-and-serve\",\"parameters\":{\"persons\":24,"
                        + "\"evalPersons\":4,\"epochs\":1,\"imageSize\":32,\"seed\":5,\"minimumMacroF1\":0}}"));
        assertThat(run.statusCode()).as(run.body()).isBetween(200, 299);

        List<Bad> requests = new ArrayList<>();
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.role() != null) {
                requests.addAll(BadInputs.forEndpoint(endpoint));
            }
        }
        Tally tally = new Tally();
        for (Bad bad : requests) {
            if (!bad.endpoint().service().equals("serving")) {
                tally.send(bad);
            }
        }
        awaitRun(runId, Duration.ofMinutes(4));
        awaitStatus("serving", "/v2/health/ready", 200, Duration.ofSeconds(60));
        for (Bad bad : requests) {
            if (bad.endpoint().service().equals("serving")) {
                tally.send(bad);
            }
        }
        double httpSeconds = (System.nanoTime() - start) / 1e9;

        Messages messages = publishBadMessages();
        messages.awaitAccounted(Duration.ofSeconds(60));

        for (String service : running.keySet()) {
            assertThat(send(service, "GET", "/q/health/ready", null, Map.of(), null).statusCode()).as(service
                    + " ready after the battery").isEqualTo(200);
        }
        HttpResponse<String> prediction = send("serving", "POST", "/predict", "image/jpeg", Map.of(),
                BadInputs.Fixtures.image("jpeg", 384, 512, java.awt.image.BufferedImage.TYPE_INT_RGB));
        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        assertThat(JSON.readTree(prediction.body()).path("class").isInt()).as(prediction.body()).isTrue();

        tally.print(requests.size(), messages, httpSeconds, (System.nanoTime() - start) / 1e9);
        assertThat(requests).as("malformed requests generated").hasSizeGreaterThanOrEqualTo(300);
        assertThat(CONSUMED.values()).as("services consuming a topic").containsAll(SystemServices.NAMES);
        assertThat(tally.problems).as("5xx answers and error answers that do not say what was wrong").isEmpty();
        assertThat(messages.unaccounted()).as("bad messages neither dead-lettered with a reason nor rejected")
                .isEmpty();
    }

    /**
     * A request the HTTP router refuses before any endpoint runs (an HTTP/1.1 request without a Host header) is a 400
     * with a reason on every service; it was a bare status line with an empty body. Sent over a plain socket: Java's
     * HTTP client always sends a Host header.
     */
    @Test
    void requestsTheRouterRefusesAre400sWithAReason() throws Exception {
        for (String service : running.keySet()) {
            String answer = raw(URI.create(running.get(service).url()), "GET /q/health/ready HTTP/1.1\r\n"
                    + "Authorization: Bearer " + admin + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(service).startsWith("HTTP/1.1 400")
                    .contains("\"error\":\"For HTTP/1.x requests, the 'Host' header is required\"");
        }
    }

    /**
     * A method an endpoint's path does not take is a 405 that names, in its reason and its Allow header, the methods
     * the path does take, on every path of every service. Where another resource class's path begins the same way
     * ({@code PUT /runs/x/logs}), the framework answered 404 "Unable to find matching target resource method".
     */
    @Test
    void aMethodAPathDoesNotTakeIsA405NamingTheOnesItDoes() throws Exception {
        List<Endpoint> endpoints = Endpoints.all();
        Map<String, Set<String>> takes = new TreeMap<>();
        for (Endpoint sample : endpoints) {
            Set<String> verbs = takes.computeIfAbsent(sample.service() + " " + sample.samplePath(),
                    k -> new TreeSet<>());
            for (Endpoint endpoint : endpoints) {
                String template = endpoint.path().replaceAll("\\{[^}]+}", "[^/]+");
                if (endpoint.service().equals(sample.service()) && sample.samplePath().matches(template)) {
                    verbs.add(endpoint.verb());
                }
            }
        }
        int checked = 0;
        for (Map.Entry<String, Set<String>> path : takes.entrySet()) {
            String service = path.getKey().substring(0, path.getKey().indexOf(' '));
            String where = path.getKey().substring(service.length() + 1);
            for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                if (path.getValue().contains(verb)) {
                    continue;
                }
                boolean body = !verb.equals("GET") && !verb.equals("DELETE");
                HttpResponse<String> answer = send(service, verb, where, body ? "application/json" : null, Map.of(),
                        body ? BadInputs.utf8("{}") : null);
                String what = path.getKey() + " " + verb + " -> " + answer.statusCode() + " " + answer.body();
                assertThat(answer.statusCode()).as(what).isEqualTo(405);
                assertThat(JSON.readTree(answer.body()).path("error").asText()).as(what)
                        .isEqualTo(verb + " is not allowed on " + where + "; it takes "
                                + String.join(", ", withHead(path.getValue())));
                assertThat(answer.headers().firstValue("Allow")).as(what)
                        .hasValue(String.join(", ", withHead(path.getValue())));
                checked++;
            }
        }
        System.out.printf("405 with the methods a path takes: %d requests%n", checked);
        assertThat(checked).isGreaterThan(100);
    }

    /**
     * A body of a type an endpoint does not take is a 415 that names the types it does; the framework's words were
     * "The content-type header value did not match the value in @Consumes", for {@code image/jpg} as for a zip sent
     * as {@code application/x-zip-compressed} (both now taken where a JPEG or a zip is).
     */
    @Test
    void aBodyOfATypeAnEndpointDoesNotTakeIsA415NamingTheOnesItDoes() throws Exception {
        int checked = 0;
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.consumes() == null || endpoint.role() == null) {
                continue;
            }
            HttpResponse<String> answer = send(endpoint.service(), endpoint.verb(), endpoint.samplePath(),
                    "text/x-nothing", Map.of(), BadInputs.utf8("x"));
            String what = endpoint.service() + " " + endpoint.verb() + " " + endpoint.path() + " -> "
                    + answer.statusCode() + " " + answer.body();
            assertThat(answer.statusCode()).as(what).isEqualTo(415);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(what)
                    .startsWith("the body's Content-Type 'text/x-nothing' is not one " + endpoint.verb() + " "
                            + endpoint.samplePath() + " takes: send ")
                    .contains(endpoint.consumes());
            checked++;
        }
        System.out.printf("415 with the types an endpoint takes: %d requests%n", checked);
        assertThat(checked).isGreaterThan(10);
        HttpResponse<String> jpg = send("serving", "POST", "/predict", "image/jpg", Map.of(),
                BadInputs.Fixtures.image("jpeg", 384, 512, java.awt.image.BufferedImage.TYPE_INT_RGB));
        assertThat(jpg.statusCode()).as(jpg.body()).isIn(200, 503);
    }

    /**
     * A query parameter an endpoint does not read is a 400 naming it and the ones the endpoint takes, on every
     * endpoint of every service: {@code GET /runs?stauts=failed} listed every run, {@code POST /predict?model=x}
     * answered with the served model, each without a word.
     */
    @Test
    void aQueryParameterAnEndpointDoesNotReadIsA400NamingTheOnesItDoes() throws Exception {
        int checked = 0;
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.role() == null) {
                continue;
            }
            String type = endpoint.consumes() == null ? null
                    : endpoint.consumes().startsWith("multipart/") ? endpoint.consumes() + "; boundary=x7Zq"
                    : endpoint.consumes();
            HttpResponse<String> answer = send(endpoint.service(), endpoint.verb(),
                    endpoint.samplePath() + "?noSuchParameter=1", type, Map.of(), type == null ? null : new byte[0]);
            String what = endpoint.service() + " " + endpoint.verb() + " " + endpoint.path() + " -> "
                    + answer.statusCode() + " " + answer.body();
            assertThat(answer.statusCode()).as(what).isEqualTo(400);
            String takes = endpoint.queryParams().isEmpty() ? "none"
                    : String.join(", ", new TreeSet<>(endpoint.queryParams()));
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(what)
                    .isEqualTo("unknown query parameter 'noSuchParameter' on " + endpoint.verb() + " "
                            + endpoint.samplePath() + "; it takes " + takes);
            checked++;
        }
        System.out.printf("400 naming an unknown query parameter: %d requests%n", checked);
        assertThat(checked).isGreaterThan(40);
    }

    /**
     * The framework's own words, found by a probe of the running stack: a path no endpoint has was "Unable to find
     * matching target resource method" (or "HTTP 404 Not Found"), an Accept header an endpoint cannot answer "The
     * accept header value did not match the value in @Produces", a parameter given twice was resolved without a word.
     */
    @Test
    void pathsAcceptHeadersAndRepeatedParametersTheFrameworkRefusesGetAReason() throws Exception {
        for (String service : running.keySet()) {
            for (String path : List.of("/no/such/path", "/runs/x/artifacts/train", "/models/x/y/z")) {
                HttpResponse<String> answer = send(service, "GET", path, null, Map.of(), null);
                String what = service + " GET " + path + " -> " + answer.statusCode() + " " + answer.body();
                if (answer.statusCode() == 405) {
                    continue; // a path another method takes (AllowedMethods)
                }
                assertThat(answer.statusCode()).as(what).isEqualTo(404);
                assertThat(JSON.readTree(answer.body()).path("error").asText()).as(what).isEqualTo("no endpoint of "
                        + "maskflow-" + service + " answers GET " + path + ": its paths are listed at /q/openapi");
            }
            // and they are: until 2026-12-07 only the orchestrator and serving had /q/openapi
            HttpResponse<String> openApi = send(service, "GET", "/q/openapi?format=json", null, Map.of(), null);
            assertThat(openApi.statusCode()).as(service + " GET /q/openapi").isEqualTo(200);
            assertThat(JSON.readTree(openApi.body()).path("paths").size()).as(service + " paths").isGreaterThan(0);
        }
        // a compressed body was a 400 about a control character (gzip) or read as if plain (br); a Latin-1 one a 400
        // about UTF-8 bytes (until 2026-12-07): now a 415 saying what to send, before the body is read
        byte[] run = "{\"pipeline\":\"train-and-serve\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> gzip = send("orchestrator", "POST", "/runs", "application/json",
                Map.of("Content-Encoding", "gzip"), run);
        assertThat(gzip.statusCode()).as(gzip.body()).isEqualTo(415);
        assertThat(JSON.readTree(gzip.body()).path("error").asText()).contains("Content-Encoding 'gzip' is not taken");
        HttpResponse<String> latin1 = send("orchestrator", "POST", "/runs", "application/json; charset=iso-8859-1",
                Map.of(), run);
        assertThat(latin1.statusCode()).as(latin1.body()).isEqualTo(415);
        HttpResponse<String> photo = send("serving", "POST", "/predict", "image/jpeg",
                Map.of("Content-Encoding", "br"), new byte[] {(byte) 0xff, (byte) 0xd8});
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(415);
        HttpResponse<String> csv = send("orchestrator", "GET", "/runs", null, Map.of("Accept", "text/csv"), null);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(406);
        assertThat(JSON.readTree(csv.body()).path("error").asText()).isEqualTo("the Accept header 'text/csv' takes "
                + "nothing GET /runs answers with: it answers application/json");
        HttpResponse<String> twice = send("orchestrator", "GET", "/runs?status=failed&status=running", null,
                Map.of(), null);
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(JSON.readTree(twice.body()).path("error").asText()).isEqualTo("query parameter 'status' is given "
                + "2 times on GET /runs: give it once");
        HttpResponse<String> several = send("datagen", "GET", "/datasets/preview?maskTypes=n95&maskTypes=cloth",
                null, Map.of(), null);
        assertThat(several.statusCode()).as(several.body()).isEqualTo(200);
    }

    private static Set<String> withHead(Set<String> verbs) {
        Set<String> all = new TreeSet<>(verbs);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        return all;
    }

    private static String raw(URI url, String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** What the battery's requests got. */
    private static final class Tally {
        final Map<Integer, Integer> byStatus = new TreeMap<>();
        final Map<String, Integer> byService = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();

        /** Sends one request and keeps what it got; a connection closed without an answer is a problem too. */
        void send(Bad bad) throws Exception {
            HttpResponse<String> response;
            try {
                response = BadInputIT.send(bad);
            } catch (java.io.IOException e) {
                byStatus.merge(0, 1, Integer::sum);
                byService.merge(bad.endpoint().service(), 1, Integer::sum);
                problems.add(bad.endpoint().service() + " " + bad.endpoint().verb() + " " + bad.endpoint().path()
                        + " with " + bad.what() + " -> no answer: " + e);
                return;
            }
            int status = response.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            byService.merge(bad.endpoint().service(), 1, Integer::sum);
            String where = bad.endpoint().service() + " " + bad.endpoint().verb() + " " + bad.endpoint().path()
                    + " with " + bad.what() + " -> " + status + " " + first(response.body());
            if (status >= 500) {
                problems.add(where);
            } else if (status >= 400) {
                String error = errorOf(response);
                if (error == null || error.isBlank()) {
                    problems.add(where + " (the error body is not JSON with an error field)");
                }
            } else {
                accepted.add(where);
            }
        }

        void print(int requests, Messages messages, double httpSeconds, double seconds) {
            StringBuilder out = new StringBuilder("\nBad-input battery (BadInputIT)\n");
            out.append(String.format("  %-44s %8d%n", "malformed requests sent", requests));
            byService.forEach((service, n) -> out.append(String.format("    %-42s %8d%n", "to " + service, n)));
            byStatus.forEach((status, n) -> out.append(String.format("    %-42s %8d%n", status == 0 ? "no answer"
                    : "answered " + status, n)));
            out.append(String.format("  %-44s %8d%n", "5xx answers", byStatus.entrySet().stream()
                    .filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum()));
            out.append(String.format("  %-44s %8d%n", "error answers not saying what was wrong", problems.stream()
                    .filter(p -> p.endsWith("error field)")).count()));
            out.append(String.format("  %-44s %8d%n", "bad messages published", messages.sent.size()));
            messages.perTopic().forEach((topic, n) -> out.append(String.format("    %-42s %8d%n", "on " + topic, n)));
            out.append(String.format("  %-44s %8d%n", "dead letters received for them", messages.deadLettered));
            out.append(String.format("  %-44s %8d%n", "REJECTED run events for them", messages.rejected));
            out.append(String.format("  %-44s %8d%n", "bad messages unaccounted for", messages.unaccounted().size()));
            out.append(String.format("  %-44s %8.0f s%n", "requests (and the small run) took", httpSeconds));
            out.append(String.format("  %-44s %8.0f s%n", "whole battery took", seconds));
            out.append("  answered 2xx, each listed to be read (e.g. a path normalised to another page, a filter that "
                    + "matches nothing): ").append(accepted.size()).append('\n');
            accepted.forEach(a -> out.append("    ").append(a).append('\n'));
            problems.forEach(p -> out.append("  PROBLEM ").append(p).append('\n'));
            System.out.println(out);
        }
    }

    /** The bad messages published, and what became of each. */
    private static final class Messages {
        /** topic/partition/offset of each message, with a few words on it and its run id when readable. */
        final Map<String, String[]> sent = new LinkedHashMap<>();
        final Map<String, String> reasons = new LinkedHashMap<>();
        int deadLettered;
        int rejected;

        Map<String, Integer> perTopic() {
            Map<String, Integer> counts = new TreeMap<>();
            sent.keySet().forEach(k -> counts.merge(k.substring(0, k.indexOf('/')), 1, Integer::sum));
            return counts;
        }

        List<String> unaccounted() {
            return sent.entrySet().stream().filter(e -> !reasons.containsKey(e.getKey()))
                    .map(e -> e.getKey() + " (" + e.getValue()[0] + ")").toList();
        }

        void awaitAccounted(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !unaccounted().isEmpty()) {
                Thread.sleep(500);
                for (ConsumerRecord<String, String> record : watcher.seen()) {
                    account(record);
                }
            }
        }

        private void account(ConsumerRecord<String, String> record) throws Exception {
            JsonNode event = JSON.readTree(record.value());
            if (record.topic().equals(DEAD_LETTER)) {
                String key = event.path("sourceTopic").asText() + "/" + event.path("partition").asInt() + "/"
                        + event.path("offset").asLong();
                String reason = event.path("reason").asText("");
                if (sent.containsKey(key) && !reason.isBlank() && reasons.putIfAbsent(key, reason) == null) {
                    deadLettered++;
                }
            } else if (event.path("status").asText().equals("REJECTED")) {
                String runId = event.path("runId").asText();
                for (Map.Entry<String, String[]> e : sent.entrySet()) {
                    String reason = event.path("reason").asText("");
                    if (runId.equals(e.getValue()[1]) && !reason.isBlank()
                            && reasons.putIfAbsent(e.getKey(), reason) == null) {
                        rejected++;
                    }
                }
            }
        }
    }

    /**
     * Garbage, empty, truncated, oversized (900 KB: far beyond the 64 KiB of it a dead letter keeps, within the
     * broker's 1 MB), wrong-version and otherwise malformed messages on every consumed topic, sent as the stack's
     * admin principal.
     */
    private static Messages publishBadMessages() throws Exception {
        Messages messages = new Messages();
        Properties p = new Properties();
        p.putAll(stack.kafkaClientProperties(KafkaUsers.ADMIN));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            int n = 0;
            for (Map.Entry<String, String> topic : CONSUMED.entrySet()) {
                for (Map.Entry<String, byte[]> message : badMessages(topic.getKey(), "bad-msg-" + n++).entrySet()) {
                    String runId = null;
                    if (message.getValue() != null) {
                        String text = new String(message.getValue(), StandardCharsets.UTF_8);
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"runId\":\"([^\"]+)\"")
                                .matcher(text);
                        runId = m.find() ? m.group(1) : null;
                    }
                    RecordMetadata where = producer.send(new ProducerRecord<>(topic.getKey(), "battery",
                            message.getValue())).get(30, TimeUnit.SECONDS);
                    messages.sent.put(topic.getKey() + "/" + where.partition() + "/" + where.offset(),
                            new String[] {topic.getValue() + ": " + message.getKey(), runId});
                }
            }
        }
        return messages;
    }

    private static Map<String, byte[]> badMessages(String topic, String runPrefix) {
        String time = Instant.now().toString();
        String valid = switch (topic) {
            case RUNS_REQUESTED -> "{\"schemaVersion\":1,\"runId\":\"%s\",\"pipeline\":\"train-and-serve\","
                    + "\"parameters\":{},\"requestedBy\":\"battery\",\"time\":\"" + time + "\"}";
            case "maskflow.steps.events" -> "{\"schemaVersion\":1,\"runId\":\"%s\",\"stepId\":\"generate\","
                    + "\"step\":\"datagen\",\"status\":\"SUCCEEDED\",\"attempt\":1,\"outputs\":{},\"metrics\":{},"
                    + "\"cached\":false,\"worker\":\"battery\",\"time\":\"" + time + "\"}";
            case "maskflow.models.promoted" -> "{\"schemaVersion\":1,\"runId\":\"%s\",\"stepId\":\"evaluate\","
                    + "\"modelId\":\"m\",\"model\":{\"bucket\":\"maskflow\",\"key\":\"models/x.zip\",\"size\":1,"
                    + "\"sha256\":\"" + "0".repeat(64) + "\"},\"metrics\":{},\"time\":\"" + time + "\"}";
            default -> "{\"schemaVersion\":1,\"runId\":\"%s\",\"stepId\":\"s\",\"step\":\""
                    + topic.substring(topic.lastIndexOf('.') + 1) + "\",\"attempt\":1,\"parameters\":{},"
                    + "\"inputs\":{},\"cache\":true,\"time\":\"" + time + "\"}";
        };
        Map<String, byte[]> bad = new LinkedHashMap<>();
        byte[] garbage = new byte[512];
        new java.util.Random(7).nextBytes(garbage);
        bad.put("random bytes", garbage);
        bad.put("text, not JSON", BadInputs.utf8("hello, this is not an event"));
        bad.put("an empty message", new byte[0]);
        bad.put("a message without a value", null);
        String whole = String.format(valid, runPrefix + "-truncated");
        bad.put("a truncated event", BadInputs.utf8(whole.substring(0, whole.length() / 2)));
        bad.put("a JSON array", BadInputs.utf8("[" + String.format(valid, runPrefix + "-array") + "]"));
        bad.put("objects nested 5000 deep", BadInputs.utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        bad.put("schemaVersion 99", BadInputs.utf8(String.format(valid, runPrefix + "-v99")
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99")));
        bad.put("schemaVersion \"one\"", BadInputs.utf8(String.format(valid, runPrefix + "-vtext")
                .replace("\"schemaVersion\":1", "\"schemaVersion\":\"one\"")));
        bad.put("no schemaVersion", BadInputs.utf8(String.format(valid, runPrefix + "-vnone")
                .replace("\"schemaVersion\":1,", "")));
        bad.put("an unknown field", BadInputs.utf8(String.format(valid, runPrefix + "-unknown")
                .replace("{\"schemaVersion\"", "{\"bogusField\":1,\"schemaVersion\"")));
        bad.put("900 KB with an unknown field", BadInputs.utf8(String.format(valid, runPrefix + "-oversized")
                .replace("{\"schemaVersion\"", "{\"padding\":\"" + "p".repeat(900_000) + "\",\"schemaVersion\"")));
        bad.put("a run id with path traversal", BadInputs.utf8(String.format(valid, "../../etc/passwd")));
        return bad;
    }

    private static String errorOf(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(response.body()).path("error").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String first(String body) {
        String line = body == null ? "" : body.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void awaitRun(String runId, Duration timeout) throws Exception {
        List<String> done = watcher.await(RUNS_EVENTS, m -> m.contains("\"" + runId + "\"")
                && (m.contains("\"SUCCEEDED\"") || m.contains("\"FAILED\"") || m.contains("\"REJECTED\"")
                || m.contains("\"CANCELLED\"")), 1, timeout);
        assertThat(done.get(0)).as("the small run next to the battery").contains("\"SUCCEEDED\"");
    }

    private static void awaitStatus(String service, String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = send(service, "GET", path, null, Map.of(), null).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(service + path + " answered " + last + ", not " + status + ", for "
                + timeout.toSeconds() + " s");
    }

    private static HttpResponse<String> send(Bad bad) throws Exception {
        return send(bad.endpoint().service(), bad.endpoint().verb(), bad.path(), bad.contentType(), bad.headers(),
                bad.body());
    }

    private static HttpResponse<String> send(String service, String verb, String path, String type,
            Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.get(service).url() + path))
                .timeout(Duration.ofSeconds(60))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        headers.forEach(request::header);
        request.header("Authorization", "Bearer " + admin);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
