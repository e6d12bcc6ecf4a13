package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code maskflow run ID --follow} as a separate process, as a user runs it: in a pseudo-terminal ({@code script})
 * it redraws its block in place; with its output in a file it appends plain lines; Ctrl-C ends it within seconds.
 * The steps are played through the real broker; the follower reads the orchestrator's event stream.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class FollowIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TestHTTPResource
    URL url;

    private final EventCodec codec = EventCodec.instance();

    /** The CLI on this test's class path, following a run; its output (terminal codes included) goes to a file. */
    private Process follower(String runId, boolean terminal, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a build started in the background inherits SIGINT ignored, and so would the follower: perl (in every
        // Debian) puts the default back before it starts java, as a terminal's shell would have it
        List<String> cli = List.of("perl", "-e", "$SIG{INT} = \"DEFAULT\"; exec @ARGV or die $!", java, "-cp",
                System.getProperty("java.class.path"), "io.maskflow.orchestrator.cli.Cli", "run", runId, "--follow",
                "--stall", "2m");
        List<String> command = terminal ? List.of(SCRIPT.toString(), "-q", "-f", "-e", "-c",
                String.join(" ", cli.stream().map(a -> "'" + a + "'").toList()), "/dev/null") : cli;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("MASKFLOW_URL", url.toString());
        builder.environment().put("TERM", "xterm");
        builder.environment().put("COLUMNS", "160");
        builder.environment().remove("MASKFLOW_TOKEN");
        return builder.start();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void await(Path file, Predicate<String> until, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!until.test(read(file))) {
            assertThat(System.nanoTime()).as(what + "; printed so far:\n" + read(file)).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private String startRun() {
        return given().contentType("application/json")
                .body(Map.of("pipeline", "train-and-serve", "parameters", Map.of("epochs", 3)))
                .post("/runs").then().statusCode(201).extract().path("runId");
    }

    @Test
    void followsARunLiveInATerminalAndInPlainLinesAndEndsWithIt() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux' script is not installed");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared())) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = startRun();
            Path live = Files.createTempFile("follow-live-", ".txt");
            Path plain = Files.createTempFile("follow-plain-", ".txt");
            Process terminal = follower(runId, true, live);
            Process appended = follower(runId, false, plain);
            await(live, text -> text.contains("run " + runId), "the terminal follower drew the run");
            await(plain, text -> text.contains("run " + runId), "the plain follower printed the run");

            StepCommand generate = awaitCommand(steps, runId, StepType.DATAGEN);
            kafka.send(Topics.STEPS_EVENTS, runId, codec.encode(StepStatusEvent.started(generate, "fake")));
            for (int persons = 100; persons <= 300; persons += 100) {
                kafka.send(Topics.STEPS_EVENTS, runId, codec.encode(StepStatusEvent.progress(generate,
                        Progress.of("persons", persons, 600), "fake")));
                int shown = persons;
                await(live, text -> text.contains(shown + "/600 persons"), "persons " + shown + " drawn");
            }
            // generate and preprocess succeed (their commands answered as they come) until training is asked for
            StepCommand train = awaitCommand(steps, runId, StepType.TRAIN);
            kafka.send(Topics.STEPS_EVENTS, runId, codec.encode(StepStatusEvent.started(train, "fake")));
            kafka.send(Topics.STEPS_EVENTS, runId, codec.encode(StepStatusEvent.progress(train, new Progress("epoch",
                    1, 3, "epoch 1", Map.of("loss", 1.5, "trainMacroF1", 0.31, "valMacroF1", 0.27,
                    "imagesPerSecond", 400.0, "etaSeconds", 20.0)), "fake")));
            await(live, text -> text.contains("1/3 epochs  F1 val 0.270 train 0.310  loss 1.500"), "epoch 1 drawn");
            // each stream sends the run as it stands at its next check (every 250 ms), so a change followed by
            // another within one check reaches a follower as one: both must have seen the epoch before it ends
            await(plain, text -> text.contains("1/3 epochs  F1 val 0.270"), "epoch 1 printed");
            steps.answer(c -> c.runId().equals(runId));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (terminal.isAlive() || appended.isAlive()) {
                steps.answer(c -> c.runId().equals(runId));
                assertThat(System.nanoTime()).as("both followers end with the run").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(terminal.exitValue()).as(read(live)).isZero();
            assertThat(appended.exitValue()).as(read(plain)).isZero();

            String drawn = read(live);
            System.out.println("--- in a terminal ---\n" + drawn + "\n--- plain ---\n" + read(plain));
            assertThat(drawn).as("redrawn in place: cursor up, clear line").contains("\u001b[2K", "F\u001b[2K")
                    .contains("[#######.............] 1/3 epochs", "SUCCEEDED");
            String lines = read(plain);
            assertThat(lines).doesNotContain("\u001b[").contains("] run " + runId + "  train-and-serve  RUNNING",
                    "] run " + runId + "  train-and-serve  SUCCEEDED", "1/3 epochs  F1 val 0.270");
            assertThat(lines.lines().filter(l -> l.contains("persons")).count())
                    .as("plain lines come when a phase changes or every 5 s, not for every event").isLessThan(3);
        }
    }

    @Test
    void ctrlCStopsFollowingWithinSecondsAndSaysTheRunGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux' script is not installed");
        String runId = startRun();
        Path live = Files.createTempFile("follow-interrupted-", ".txt");
        Process terminal = follower(runId, true, live);
        await(live, text -> text.contains("run " + runId), "the follower drew the run");
        List<ProcessHandle> java = new ArrayList<>(terminal.descendants().filter(p -> p.info().command()
                .map(c -> c.endsWith("java")).orElse(false)).toList());
        assertThat(java).hasSize(1);
        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(java.get(0).pid())).start().waitFor();
        assertThat(terminal.waitFor(10, TimeUnit.SECONDS)).as("ended after Ctrl-C").isTrue();
        System.out.printf("the follower ended %d ms after SIGINT%n", (System.nanoTime() - sent) / 1_000_000);
        assertThat(read(live)).contains("stopped following run " + runId + "; the run goes on");
        given().get("/runs/" + runId).then().statusCode(200);
    }

    private static StepCommand awaitCommand(StepPlayer steps, String runId, StepType type)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (type == StepType.TRAIN) {
                steps.answer(c -> c.runId().equals(runId) && c.step() != StepType.TRAIN);
            }
            Optional<StepCommand> found = steps.commandsOf(runId).stream().filter(c -> c.step() == type)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " command for " + runId + " within 60 s");
    }
}
