package io.maskflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.TopicWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Maskflow as a user meets it: the real broker and S3 server, every packaged service as its own process, runs
 * triggered with Kafka's console producer. Checked from outside: the step events on Kafka, the artifacts with a
 * second S3 client (curl's SigV4 signing), serving's answers on the generated eval photos against the evaluator's
 * submission, a real Prometheus scraping every service, the orchestrator's page in headless Chromium, and a
 * second run that survives its trainer being killed mid-training and the broker being restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    private static final List<String> SERVICES = SystemServices.MODULES;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static LocalStack stack;
    @RegisterExtension
    static final SystemServices.Shared SYSTEM = new SystemServices.Shared();

    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    private static String firstRun;

    @BeforeAll
    static void findTheServices() {
        stack = SYSTEM.stack();
        SYSTEM.services().forEach((name, service) -> PORTS.put(name, service.port()));
    }

    @Test
    @Order(1)
    void aRunPublishedWithTheConsoleProducerEndsInServing() throws Exception {
        String runId = "system-" + System.currentTimeMillis();
        try (TopicWatcher kafka = new TopicWatcher(stack, "maskflow.steps.events")) {
            // three epochs on 40 persons stay below the gate's default minimum macro F1; this run checks the way to
            // serving, so it lets any model through
            requestRun(runId, "{\"persons\":40,\"evalPersons\":8,\"epochs\":3,\"imageSize\":48,\"seed\":11,"
                    + "\"minimumMacroF1\":0}");
            JsonNode run = awaitRun(runId, Duration.ofMinutes(6));
            firstRun = runId;

            // every step's events reached Kafka: STARTED then SUCCEEDED for each
            kafka.await("maskflow.steps.events", m -> m.contains(runId) && m.contains("\"SUCCEEDED\""), 4,
                    Duration.ofSeconds(30));
            for (String step : List.of("generate", "preprocess", "train", "evaluate")) {
                List<String> events = kafka.seen().stream().map(r -> r.value())
                        .filter(m -> m != null && m.contains(runId) && m.contains("\"stepId\":\"" + step + "\""))
                        .toList();
                assertThat(events).as("events of " + step).anyMatch(m -> m.contains("\"STARTED\""))
                        .anyMatch(m -> m.contains("\"SUCCEEDED\""));
            }

            // every output is in the S3 server, read back with a second client
            for (JsonNode step : run.get("steps")) {
                for (JsonNode ref : step.path("outputs")) {
                    byte[] object = s3(ref.get("key").asText());
                    assertThat((long) object.length).as(ref.get("key").asText()).isEqualTo(ref.get("size").asLong());
                }
            }

            // serving loads the promoted model and answers the eval photos about as the evaluator did
            String promoted = JSON.readTree(s3("models/promoted.json")).get("modelId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> promoted.equals(get("serving", "/models")
                    .path("modelId").asText()));
            JsonNode generate = run.get("steps").get("generate").get("outputs");
            String root = generate.get("dataset").get("key").asText().replace("dataset.json", "");
            Map<String, Integer> answers = csv(new String(s3(root + "answers/eval-answers.csv"),
                    StandardCharsets.UTF_8));
            Map<String, Integer> submitted = csv(new String(s3(run.get("steps").get("evaluate").get("outputs")
                    .get("submission").get("key").asText()), StandardCharsets.UTF_8));
            // the generated photos are in packs (zips of the layout); the index says where each one is
            DatasetPacks packs = EventCodec.instance().mapper().readValue(s3(root + DatasetPacks.FILE_NAME),
                    DatasetPacks.class);
            Map<String, byte[]> packBytes = new java.util.HashMap<>();
            int servedRight = 0;
            int evaluatorRight = 0;
            int agree = 0;
            byte[] photo = null;
            for (Map.Entry<String, Integer> answer : answers.entrySet()) {
                DatasetPacks.Member member = packs.members().get("eval/images/" + answer.getKey());
                byte[] pack = packBytes.computeIfAbsent(member.pack(), p -> {
                    try {
                        return s3(root + p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                photo = java.util.Arrays.copyOfRange(pack, (int) member.offset(),
                        (int) (member.offset() + member.size()));
                HttpResponse<String> response = HTTP.send(authorized(url("serving", "/predict"))
                        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                int served = JSON.readTree(response.body()).get("class").asInt();
                servedRight += served == answer.getValue() ? 1 : 0;
                evaluatorRight += submitted.get(answer.getKey()).equals(answer.getValue()) ? 1 : 0;
                agree += submitted.get(answer.getKey()) == served ? 1 : 0;
            }
            // a raw photo is answered on serving's event loop (PredictRoute): it asks for an operator as RESTEasy does
            Map<String, Integer> refused = Map.of("", 401, "mf_not-a-token", 401, stack.tokens().token("viewer"), 403);
            for (Map.Entry<String, Integer> caller : refused.entrySet()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(url("serving", "/predict"));
                if (!caller.getKey().isEmpty()) {
                    request.header("Authorization", "Bearer " + caller.getKey());
                }
                HttpResponse<String> response = HTTP.send(request.header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(caller.getValue());
                assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
            }
            double n = answers.size();
            System.out.printf("eval photos: %d; serving accuracy %.3f, evaluator accuracy %.3f, agreement %.3f%n",
                    answers.size(), servedRight / n, evaluatorRight / n, agree / n);
            // the evaluator averages each photo with its flip and serving does not, so a few answers may differ
            assertThat(Math.abs(servedRight - evaluatorRight) / n).isLessThanOrEqualTo(0.1);
            assertThat(agree / n).isGreaterThanOrEqualTo(0.8);

            prometheusScrapesEveryService();
            thePageShowsTheFinishedRun(runId);
        }
    }

    @Test
    @Order(2)
    void aRunSurvivesItsTrainerBeingKilledAndTheBrokerRestarting() throws Exception {
        String runId = "system-crash-" + System.currentTimeMillis();
        try (TopicWatcher kafka = new TopicWatcher(stack, "maskflow.steps.events")) {
            requestRun(runId, "{\"persons\":150,\"evalPersons\":8,\"epochs\":10,\"imageSize\":64,\"seed\":12,"
                    + "\"promote\":false}");
            kafka.await("maskflow.steps.events", m -> m.contains(runId) && m.contains("\"phase\":\"epoch\"")
                    && m.contains("\"done\":2,"), 1, Duration.ofMinutes(5));
        }
        SYSTEM.get("trainer").kill();
        stack.restartKafka();
        // the new trainer finds the killed one's claim on the command and waits for it to go unrenewed for a lease
        // before it takes over (30 s by default; 8 s here, so the test does not wait out the default)
        ServiceProcess trainer = ServiceProcess.start("services/trainer", stack, PORTS.get("trainer"),
                List.of("maskflow.step.claim-lease=8s"), "/q/health/live");
        SYSTEM.replace("trainer", trainer);
        JsonNode run = awaitRun(runId, Duration.ofMinutes(6));
        String log = Files.readString(trainer.log().toPath());
        assertThat(log).contains("claim went unrenewed for PT8S; taking the command over")
                .contains("resuming from the checkpoint after epoch");
        JsonNode curve = JSON.readTree(s3(run.get("steps").get("train").get("outputs").get("curve").get("key")
                .asText()));
        assertThat(curve).hasSize(10);
        // the first run is still there, finished
        assertThat(get("orchestrator", "/runs/" + firstRun).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(3)
    void cancellingARunStopsItsTrainingWithinSeconds() throws Exception {
        String runId = "system-cancel-" + System.currentTimeMillis();
        try (TopicWatcher kafka = new TopicWatcher(stack, "maskflow.steps.events")) {
            requestRun(runId, "{\"persons\":60,\"evalPersons\":4,\"epochs\":60,\"imageSize\":48,\"seed\":13,"
                    + "\"promote\":false}");
            kafka.await("maskflow.steps.events", m -> m.contains(runId) && m.contains("\"phase\":\"epoch\""), 1,
                    Duration.ofMinutes(5));
            HttpResponse<String> cancelled = HTTP.send(authorized(url("orchestrator", "/runs/" + runId)).DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

            JsonNode[] attempt = new JsonNode[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                attempt[0] = get("orchestrator", "/runs/" + runId).get("steps").get("train").get("attempts").get(0);
                return !attempt[0].path("endedAt").isNull() && !attempt[0].path("endedAt").isMissingNode();
            });
            assertThat(attempt[0].get("outcome").asText()).isEqualTo("cancelled");
            Instant asked = Instant.parse(attempt[0].get("stopRequestedAt").asText());
            Instant ended = Instant.parse(attempt[0].get("endedAt").asText());
            Duration stoppedAfter = Duration.between(asked, ended);
            System.out.printf("training stopped %d ms after the run was cancelled (worker %s)%n",
                    stoppedAfter.toMillis(), attempt[0].get("worker").asText());
            assertThat(stoppedAfter).isLessThan(Duration.ofSeconds(5));

            // and it stays stopped: no epoch of that run is reported after the stop
            Thread.sleep(3_000);
            long epochsAfter = kafka.seen().stream().map(r -> r.value()).filter(m -> m != null && m.contains(runId)
                    && m.contains("\"phase\":\"epoch\"")).map(m -> {
                        try {
                            return Instant.parse(JSON.readTree(m).get("time").asText());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).filter(t -> t.isAfter(ended)).count();
            assertThat(epochsAfter).isZero();
            assertThat(get("orchestrator", "/runs/" + runId).get("status").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    @Order(4)
    void aSearchStopsItsWeakTrialsEarlyAndKeepsTheBest() throws Exception {
        String runId = "system-search-" + System.currentTimeMillis();
        // the data of the first run (cached); a grid of three learning rates, two of them too small to learn
        // anything in an epoch; synchronous halving pauses every trial at epoch 1 (rungs 1, 2 and 4), keeps the best
        // of the three there and resumes it from its checkpoint. A paused attempt sees its stop within about a
        // second and may finish an epoch or two first: those count, and the trial resumes after them.
        requestRun(runId, "search", "{\"persons\":40,\"evalPersons\":8,\"imageSize\":48,\"seed\":11,"
                + "\"epochs\":6,\"method\":\"grid\",\"space\":{\"learningRate\":[0.003,1.0E-7,2.0E-7]},"
                + "\"halvingMinEpochs\":1,\"halvingEta\":2,\"halvingSchedule\":\"sync\",\"minimumMacroF1\":0}");
        JsonNode run = awaitRun(runId, Duration.ofMinutes(6));
        JsonNode steps = run.get("steps");
        JsonNode best = steps.get("trial-0");
        assertThat(best.get("phase").asText()).as(best.toString()).isEqualTo("SUCCEEDED");
        List<Long> epochs = new ArrayList<>();
        best.get("history").forEach(point -> epochs.add(point.get("done").asLong()));
        assertThat(epochs).as("every epoch once, whichever attempt trained it").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // paused and resumed at least once, one attempt at a time: each resumed attempt was sent only after the one
        // before it had stopped, as asked
        int resumes = best.get("resumes").asInt();
        assertThat(resumes).isPositive();
        JsonNode attempts = awaitAttemptsEnded(runId, "trial-0");
        assertThat(attempts).hasSize(resumes + 1);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(attempts.get(i - 1).get("outcome").asText()).isEqualTo("cancelled");
            assertThat(Instant.parse(attempts.get(i).get("dispatchedAt").asText())).isAfterOrEqualTo(
                    Instant.parse(attempts.get(i - 1).get("endedAt").asText()));
        }
        assertThat(Instant.parse(best.get("history").get(0).get("at").asText())).isBefore(
                Instant.parse(attempts.get(1).get("dispatchedAt").asText()));
        for (String pruned : List.of("trial-1", "trial-2")) {
            JsonNode trial = steps.get(pruned);
            assertThat(trial.get("phase").asText()).as(pruned + ": " + trial).isEqualTo("PRUNED");
            assertThat(trial.get("pruned").asText()).contains("successive halving at epoch 1");
            assertThat(trial.get("history").size()).as("epoch 1, and maybe more before the pause took").isBetween(1,
                    5);
            // the trainer was asked to stop and did: its attempt ended cancelled, with no model
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> get(
                    "orchestrator", "/runs/" + runId).get("steps").get(pruned).get("attempts").get(0)
                    .path("outcome").asText().equals("cancelled"));
            assertThat(trial.get("outputs")).isEmpty();
        }
        JsonNode evaluate = steps.get("evaluate");
        assertThat(evaluate.get("spec").get("inputs").fieldNames()).toIterable().contains("model-0", "model-1",
                "model-2");
        assertThat(evaluate.get("outputs").get("best").get("key").asText()).isEqualTo(steps.get("trial-0")
                .get("outputs").get("model").get("key").asText());
        assertThat(evaluate.get("metrics").has("holdoutMacroF1")).isTrue();
        thePageShowsTheSearch(runId);
    }

    /** Publishes a train-and-serve request with Kafka's own console producer, as a user would. */
    private static void requestRun(String runId, String parameters) {
        requestRun(runId, "train-and-serve", parameters);
    }

    private static void requestRun(String runId, String pipeline, String parameters) {
        stack.consoleProduce("maskflow.runs.requested", "{\"schemaVersion\":1,\"runId\":\"" + runId + "\","
                + "\"pipeline\":\"" + pipeline + "\",\"parameters\":" + parameters + ",\"requestedBy\":\"SystemIT\"}");
    }

    /**
     * A real Prometheus scraping the local processes with the scrape settings the chart gives the pods (the
     * prometheus.io annotations of k8s/base, which is the chart rendered): one job per component, its metrics
     * path from the annotation, the local port in place of the cluster one.
     */
    private void prometheusScrapesEveryService() throws Exception {
        int port = ServiceProcess.freePort();
        Path dir = Files.createTempDirectory("prometheus-");
        StringBuilder jobs = new StringBuilder();
        int scraped = 0;
        ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("run-local.sh"))) {
            root = root.getParent();
        }
        for (String doc : Files.readString(root.resolve("k8s/base/maskflow.yaml")).split("(?m)^---\\s*$")) {
            JsonNode resource = yaml.readTree(doc);
            if (resource == null || !"Deployment".equals(resource.path("kind").asText())) {
                continue;
            }
            JsonNode pod = resource.path("spec").path("template").path("metadata");
            String component = pod.path("labels").path("app.kubernetes.io/component").asText();
            JsonNode annotations = pod.path("annotations");
            if (!"true".equals(annotations.path("prometheus.io/scrape").asText()) || !PORTS.containsKey(component)) {
                continue;
            }
            jobs.append("  - job_name: ").append(component).append("\n    metrics_path: ")
                    .append(annotations.path("prometheus.io/path").asText()).append("\n    static_configs:\n")
                    .append("      - targets: ['127.0.0.1:").append(PORTS.get(component)).append("']\n");
            scraped++;
        }
        assertThat(scraped).as("scrape-annotated services in the chart").isEqualTo(SERVICES.size());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 2s\nscrape_configs:\n" + jobs);
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path="
                + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                JsonNode active = getJson(api.resolve("targets")).path("data").path("activeTargets");
                int up = 0;
                for (JsonNode t : active) {
                    up += "up".equals(t.path("health").asText()) ? 1 : 0;
                }
                return up == SERVICES.size();
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                    getJson(api.resolve("query?query=sum(maskflow_inference_requests_total%7Boutcome%3D%22ok%22%7D)"))
                            .path("data").path("result").get(0).path("value").get(1).asDouble() > 0);
        } finally {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private void thePageShowsTheFinishedRun(String runId) throws Exception {
        String dom = pageOf(runId);
        // the evaluation is drawn from the run's report.json: the 18 x 18 confusion matrix as a table
        assertThat(dom).contains(runId, "data-step=\"evaluate\" data-phase=\"SUCCEEDED\"",
                "<table class=\"confusion\" data-classes=\"18\"");
    }

    /** The run's page as headless Chromium drew it. */
    private static String pageOf(String runId) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertThat(Files.isExecutable(chromium)).as("Debian's chromium (scripts/install-test-tools.sh)").isTrue();
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chromium-"),
                "--virtual-time-budget=5000", "--dump-dom",
                url("orchestrator", "/#run=" + runId + "&token=" + stack.tokens().token("viewer")).toString()));
        Process dump = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return dom;
    }

    private void thePageShowsTheSearch(String runId) throws Exception {
        String dom = pageOf(runId);
        assertThat(dom).contains("<table class=\"search\" data-trials=\"3\"", "data-trial=\"trial-2\"",
                "stopped at epoch 1", "data-chart=\"search\"");
    }

    private static JsonNode awaitRun(String runId, Duration timeout) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            last[0] = get("orchestrator", "/runs/" + runId);
            return List.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED").contains(last[0].get("status").asText());
        });
        assertThat(last[0].get("status").asText()).as(String.valueOf(last[0].get("reason"))).isEqualTo("SUCCEEDED");
        return last[0];
    }

    /** The attempts of a step once every one of them has ended (a stopped attempt reports its end a little later). */
    private static JsonNode awaitAttemptsEnded(String runId, String stepId) {
        JsonNode[] attempts = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            attempts[0] = get("orchestrator", "/runs/" + runId).get("steps").get(stepId).get("attempts");
            boolean ended = true;
            for (JsonNode attempt : attempts[0]) {
                ended &= attempt.hasNonNull("endedAt");
            }
            return ended;
        });
        return attempts[0];
    }

    /** A request with the operator's API token (the services run with authentication on, as in production). */
    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + stack.tokens().token("operator"));
    }

    private static URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + PORTS.get(service) + path);
    }

    private static JsonNode get(String service, String path) throws IOException, InterruptedException {
        return getJson(url(service, path));
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(authorized(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** An object read with curl's own AWS SigV4 signing: a second S3 client beside Maskflow's MinIO SDK. */
    private static byte[] s3(String key) throws IOException, InterruptedException {
        Path out = Files.createTempFile("s3-", ".bin");
        Process curl = new ProcessBuilder("curl", "-s", "-o", out.toString(), "-w", "%{http_code}", "--aws-sigv4",
                "aws:amz:us-east-1:s3", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--user",
                stack.config().accessKey() + ":" + stack.config().secretKey(),
                stack.s3Endpoint() + "/maskflow/" + key).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status).as("curl GET s3://maskflow/" + key).isEqualTo("200");
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }

    private static Map<String, Integer> csv(String text) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        text.lines().skip(1).filter(l -> !l.isBlank()).forEach(l -> rows.put(l.split(",")[0],
                Integer.parseInt(l.split(",")[1].trim())));
        return rows;
    }
}
