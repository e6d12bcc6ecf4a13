package io.maskflow.dev;

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

/**
 * A packaged Maskflow service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process against a local
 * stack, as in production: for tests that restart, kill or multiply a service.
 */
public final class ServiceProcess implements AutoCloseable {

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
     * @param properties extra {@code -D} system properties
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
                "-Xmx" + heap(name), "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port));
        properties.forEach(p -> command.add("-D" + p));
        stack.serviceProperties(name).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        File log = Files.createTempFile(name + "-", ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("GLIBC_TUNABLES", System.getProperty("maskflow.glibc-tunables",
                nativeMemory(name)));
        ServiceProcess started = new ServiceProcess(name, builder.start(), port, log);
        started.awaitStatus(readyPath, 200, Duration.ofSeconds(90));
        return started;
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

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
