package io.maskflow.orchestrator;

import io.maskflow.dev.LocalStack;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged orchestrator run as its own process against a local stack, as in production. */
final class OrchestratorProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final File log;

    private OrchestratorProcess(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the orchestrator and waits until it is ready. */
    static OrchestratorProcess start(LocalStack stack, int port, Path definitions) throws IOException,
            InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            jar = Path.of("pipeline/orchestrator/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the orchestrator first");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-Dquarkus.http.port=" + port, "-Dmaskflow.orchestrator.retry-backoff=200ms"));
        if (definitions != null) {
            command.add("-Dmaskflow.orchestrator.definitions-dir=" + definitions);
        }
        stack.serviceProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        File log = Files.createTempFile("orchestrator-", ".log").toFile();
        OrchestratorProcess started = new OrchestratorProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start(), port, log);
        started.awaitReady();
        return started;
    }

    int port() {
        return port;
    }

    File log() {
        return log;
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the orchestrator exited: " + Files.readString(log.toPath()));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready").toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the orchestrator did not become ready; log " + log);
    }

    /** Ends the process at once, as a crash or an OOM kill would, without a clean shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
