package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's web page in a real headless Chromium (Debian's {@code chromium}, which .ci/run installs):
 * the page shows a run with its steps and their states, and shows the new state once a step has finished.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RunPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource
    URL url;
    @Inject
    ArtifactStore store;

    /** The DOM after the page's scripts ran for a few seconds of virtual time; a screenshot goes to target/. */
    private String render(String fragment, String screenshot) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-");
        List<String> flags = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--virtual-time-budget=4000",
                "--window-size=1400,900"));
        Process dump = new ProcessBuilder(concat(flags, "--dump-dom", url + fragment)).redirectError(
                ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Process shot = new ProcessBuilder(concat(flags, "--screenshot=" + Path.of("target", screenshot)
                .toAbsolutePath(), url + fragment)).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        shot.waitFor(60, TimeUnit.SECONDS);
        return dom;
    }

    private static List<String> concat(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void showsARunWithItsStepsAndFollowsAStepThatFinishes() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared())) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = given().contentType("application/json")
                    .body(Map.of("pipeline", "kfold-ensemble", "parameters", Map.of("folds", 2)))
                    .post("/runs").then().statusCode(201).extract().path("runId");
            awaitPhase(steps, runId, "generate", "SUCCEEDED");

            String dom = render("#run=" + runId, "run-page-1.png");
            assertThat(dom).contains(runId, "kfold-ensemble", "<svg class=\"dag\"",
                    "data-step=\"generate\" data-phase=\"SUCCEEDED\"",
                    "data-step=\"preprocess\" data-phase=\"DISPATCHED\"",
                    "data-step=\"train-1\" data-phase=\"WAITING\"", "data-step=\"evaluate\"");
            assertThat(dom).contains("<td>" + runId + "</td>");

            awaitPhase(steps, runId, "preprocess", "SUCCEEDED");
            String after = render("#run=" + runId, "run-page-2.png");
            assertThat(after).contains("data-step=\"preprocess\" data-phase=\"SUCCEEDED\"",
                    "data-step=\"train-0\" data-phase=\"DISPATCHED\"",
                    "data-step=\"train-1\" data-phase=\"DISPATCHED\"");
        }
    }

    @Test
    void showsTheLogOfAStep() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared())) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = given().contentType("application/json")
                    .body(Map.of("pipeline", "train-and-serve", "parameters", Map.of("epochs", 1)))
                    .post("/runs").then().statusCode(201).extract().path("runId");
            awaitPhase(steps, runId, "generate", "SUCCEEDED");
            // what a step service built on the SDK writes for an attempt (StepLog)
            store.put(ArtifactKeys.stepLog(runId, "generate", 1), ("2026-12-01 03:00:00,000 INFO  [DatasetGenerator] "
                    + "(worker) generated 7 persons <in 1.2 s>\n").getBytes(StandardCharsets.UTF_8), "text/plain");

            String dom = render("#run=" + runId + "&log=generate", "run-page-log.png");
            assertThat(dom).contains("data-log=\"generate\"", "Log of generate", "=== generate, attempt 1 ===",
                    "generated 7 persons &lt;in 1.2 s&gt;");
        }
    }

    /** Answers commands of {@code stepId} until the run shows it in {@code phase}. */
    private void awaitPhase(StepPlayer steps, String runId, String stepId, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            steps.answer(c -> c.runId().equals(runId) && c.stepId().equals(stepId));
            String now = given().get("/runs/" + runId).then().extract().path("steps." + stepId + ".phase");
            if (phase.equals(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("step " + stepId + " of " + runId + " never became " + phase);
    }
}
