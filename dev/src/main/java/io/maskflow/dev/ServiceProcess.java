package io.maskflow.dev;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Maskflow service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process against a local
 * stack, as in production: for tests that restart, kill or multiply a service.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Every port {@link #freePort} has handed out in this JVM. */
    private static final Set<Integer> GIVEN_PORTS = ConcurrentHashMap.newKeySet();

    private final String name;
    private final Process process;
    private final int port;
    private final File log;

    private ServiceProcess(String name, Process process, int port, File log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a service and waits until {@code readyPath} answers 200. It logs in to Kafka as its own principal,
     * named after the module's folder ({@code services/serving} as {@code serving}).
     *
     * @param module the module directory relative to the repository root, e.g. {@code services/serving}
     * @param properties extra {@code -D} system properties, {@code name=value}; one the stack sets too replaces it
     */
    public static ServiceProcess start(String module, LocalStack stack, int port, List<String> properties,
            String readyPath) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("run-local.sh"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("not inside the Maskflow repository: " + Path.of("").toAbsolutePath());
        }
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first");
        }
        String name = Path.of(module).getFileName().toString();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap(name), "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port,
                // the start line ("Listening on: ...") is how the start is told apart from another service's
                // answer on the port (awaitStarted), also when a caller sets the log level to WARN
                "-Dquarkus.log.category.\"io.quarkus\".level=INFO"));
        // JVM options to try on the services a benchmark starts (the serving benchmark's SERVING_JVM_OPTIONS); the
        // collector is run-local.sh's (and a container's at the chart's memory limits) unless they name another
        List<String> options = Arrays.stream(System.getProperty("maskflow.service-jvm-options", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        if (options.stream().noneMatch(option -> option.matches("-XX:\\+Use[A-Za-z]*GC"))) {
            command.add("-XX:+UseSerialGC");
        }
        command.addAll(options);
        properties.forEach(p -> command.add("-D" + p));
        // a setting the caller gives wins over the stack's (a store endpoint behind a gate the test shuts, say)
        stack.serviceProperties(name).forEach((k, v) -> {
            if (properties.stream().noneMatch(p -> p.startsWith(k + "="))) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.add("-jar");
        command.add(jar.toString());
        File log = Files.createTempFile(name + "-", ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("GLIBC_TUNABLES", System.getProperty("maskflow.glibc-tunables",
                nativeMemory(name)));
        ServiceProcess started = new ServiceProcess(name, builder.start(), port, log);
        try {
            started.awaitStarted(readyPath, Duration.ofSeconds(90));
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.kill();
            throw e;
        }
        return started;
    }

    /**
     * Starts a service on a port nothing listens on, as {@link #start} does; when another process takes that port
     * between its choice and the service's start (a port is only known free when it is chosen), tries again on
     * another one, three times at most.
     */
    public static ServiceProcess startOnFreePort(String module, LocalStack stack, List<String> properties,
            String readyPath) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return start(module, stack, freePort(), properties, readyPath);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A service exited because another process listens on its port. */
    public static final class PortTaken extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    /** A process that is already running, for tests of the waiting. */
    static ServiceProcess of(String name, Process process, int port, File log) {
        return new ServiceProcess(name, process, port, log);
    }

    /**
     * Waits until the service's own log says it listens on its port, then until {@code readyPath} answers 200.
     * The port alone does not tell whose answer it is: when two services were given the same port, the one that
     * lost the race to bind it found the other one's health endpoint answering 200 while it was still starting,
     * was taken for started, and died a moment later; every request meant for it then went to the other service
     * (a CI run's security test got serving's 404s from "the orchestrator"). A service that cannot bind its port
     * exits, and this throws with its log.
     */
    void awaitStarted(String readyPath, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String listening = ":" + port;
        while (!listensOn(listening)) {
            if (!process.isAlive()) {
                String printed = Files.readString(log.toPath(), StandardCharsets.ISO_8859_1);
                String message = name + " exited before it listened on port " + port + ": " + printed;
                // Quarkus says "Port 8080 seems to be in use by another process."
                throw printed.contains("seems to be in use by another process")
                        || printed.contains("Address already in use") ? new PortTaken(message)
                        : new IllegalStateException(message);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not say it listens on port " + port + " within "
                        + timeout + "; log " + log);
            }
            Thread.sleep(100);
        }
        awaitStatus(readyPath, 200, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Whether the log has Quarkus' start line for this port ({@code Listening on: http://0.0.0.0:8080}). */
    private boolean listensOn(String port) throws IOException {
        for (String line : Files.readAllLines(log.toPath(), StandardCharsets.ISO_8859_1)) {
            int at = line.indexOf("Listening on: http");
            if (at >= 0 && line.substring(at).matches("Listening on: https?://[^ ,]*" + port + "\\b.*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How glibc keeps the native memory PyTorch frees at every batch, as run-local.sh and the images set it: blocks
     * up to 32 MiB stay in the heap and up to 1 GiB of freed memory stays with the process, instead of going back
     * to the kernel and being faulted in again (docs/trainer.md, "Training rate"). A benchmark may start the
     * services with another setting in the system property {@code maskflow.glibc-tunables}.
     */
    static final String NATIVE_MEMORY = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824";

    /**
     * The trainer's setting adds one arena for every thread: a thread's own arena gives whole 64 MiB heaps back as
     * soon as they empty, whatever the trim threshold, so every batch faulted its memory in again (docs/trainer.md,
     * "One malloc arena for every thread"). Serving answered a little less at 4 - 16 connections with it.
     */
    static String nativeMemory(String service) {
        return service.equals("trainer") ? NATIVE_MEMORY + ":glibc.malloc.arena_max=1" : NATIVE_MEMORY;
    }

    /**
     * The heap a service gets, as run-local.sh gives it: the trainer and the evaluator hold a data set's images in
     * memory (about 12 KiB each at 64 px), the others stream.
     */
    static String heap(String service) {
        return switch (service) {
            case "trainer" -> "2g";
            case "evaluator" -> "1g";
            default -> "384m";
        };
    }

    public int port() {
        return port;
    }

    /** The service's process id (for its /proc figures). */
    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public File log() {
        return log;
    }

    /** Waits until {@code path} answers {@code status}. */
    public void awaitStatus(String path, int status, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log.toPath()));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL()
                        .openConnection();
                if (connection.getResponseCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + ": " + path + " did not answer " + status + " within " + timeout
                + "; log " + log);
    }

    /** Ends the process at once, as a crash or an OOM kill would, without a clean shutdown. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * A port nothing listens on now, and one this JVM has not handed out before: the kernel may pick a port it
     * picked a moment ago once that socket is closed, and two services given the same port cannot both start.
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (GIVEN_PORTS.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no free port that was not handed out before, after 1000 tries");
    }
}
