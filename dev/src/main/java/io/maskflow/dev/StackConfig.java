package io.maskflow.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack finds its jars, keeps its data and listens.
 *
 * @param home the folder holding {@code kafka/} (the broker's jars) and {@code s3proxy/s3proxy.jar}
 * @param dataDir where the broker's log and the S3 objects are kept; a second start reuses them
 * @param kafkaPort the broker's client port
 * @param controllerPort the KRaft controller's port
 * @param s3Port the S3 server's port
 * @param accessKey the S3 access key
 * @param secretKey the S3 secret key
 */
public record StackConfig(Path home, Path dataDir, int kafkaPort, int controllerPort, int s3Port, String accessKey,
        String secretKey) {

    /** The access key of the local S3 server; a loopback-only development credential, not a secret. */
    public static final String LOCAL_ACCESS_KEY = "maskflow";
    /** The secret key of the local S3 server; a loopback-only development credential, not a secret. */
    public static final String LOCAL_SECRET_KEY = "maskflow-local";

    /** The laptop run: fixed well-known ports, data under {@code <project>/.maskflow/stack}. */
    public static StackConfig localRun(Path projectDir) {
        return new StackConfig(stackHome(projectDir), projectDir.resolve(".maskflow/stack"), 9092, 9093, 9000,
                LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY);
    }

    /** A test run: free ports (so tests never collide with a running laptop stack) and a fresh temporary folder. */
    public static StackConfig forTests() {
        try {
            Path data = Files.createTempDirectory("maskflow-stack-");
            return new StackConfig(stackHome(Path.of("").toAbsolutePath()), data, freePort(), freePort(), freePort(),
                    LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /**
     * The jar folder: the system property {@code maskflow.stack.home} (set by the build for tests), else
     * {@code dev/target/stack} found from {@code start} upwards.
     */
    static Path stackHome(Path start) {
        String configured = System.getProperty("maskflow.stack.home");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("dev/target/stack");
            if (Files.isDirectory(candidate.resolve("kafka"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the local stack's jars are not built: run 'mvn -pl dev package' first "
                + "(looked for dev/target/stack above " + start.toAbsolutePath() + ")");
    }

    private static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }
}
