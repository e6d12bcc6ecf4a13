package io.maskflow.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An S3-compatible server (S3Proxy on its filesystem backend) that the MinIO SDK talks to as it would to MinIO.
 * Objects are plain files under the data folder, so they survive a restart.
 */
final class S3Server implements AutoCloseable {

    private final StackConfig config;
    private final Path dir;
    private ManagedProcess process;

    S3Server(StackConfig config) {
        this.config = config;
        this.dir = config.dataDir().resolve("s3");
    }

    void start(Duration timeout) {
        try {
            Files.createDirectories(dir.resolve("objects"));
            Path properties = dir.resolve("s3proxy.conf");
            Files.writeString(properties, String.join("\n",
                    "# Written by Maskflow's local stack at every start.",
                    "s3proxy.endpoint=" + config.s3Endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + config.accessKey(),
                    "s3proxy.credential=" + config.secretKey(),
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.identity=" + config.accessKey(),
                    "jclouds.credential=" + config.secretKey(),
                    "jclouds.filesystem.basedir=" + dir.resolve("objects").toAbsolutePath(),
                    ""));
            Files.deleteIfExists(dir.resolve("s3proxy.log"));
            List<String> command = List.of(ManagedProcess.javaBinary(), "-Xms64m", "-Xmx256m",
                    "-jar", config.home().resolve("s3proxy/s3proxy.jar").toAbsolutePath().toString(),
                    "--properties", properties.toString());
            process = ManagedProcess.start("S3 server", command, dir, dir.resolve("s3proxy.log"));
            process.awaitReady(this::answers, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the S3 server in " + dir, e);
        }
    }

    /** S3Proxy has no health endpoint: any HTTP reply means it is up. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(config.s3Endpoint() + "/").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
