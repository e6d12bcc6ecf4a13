package io.maskflow.dev;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

/**
 * An S3-compatible server (S3Proxy on its filesystem backend) that the MinIO SDK talks to as it would to MinIO.
 * Objects are plain files under the data folder, so they survive a restart.
 */
final class S3Server extends LocalServer {

    S3Server(StackConfig config) {
        super("S3 server", config, "s3");
    }

    @Override
    void prepare() throws IOException {
        Files.createDirectories(dir.resolve("objects"));
        Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
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
    }

    @Override
    List<String> command() {
        return List.of(ManagedProcess.javaBinary(), "-Xms64m", "-Xmx256m",
                "-jar", config.home().resolve("s3proxy/s3proxy.jar").toAbsolutePath().toString(),
                "--properties", dir.resolve("s3proxy.conf").toString());
    }

    /** S3Proxy has no health endpoint: any HTTP reply means it is up. */
    @Override
    boolean isReady(ManagedProcess process) {
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

    @Override
    String logName() {
        return "s3proxy.log";
    }
}
