package io.maskflow.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Starts the real servers: the broker accepts connections and the S3 server answers HTTP. */
class LocalStackTest {

    @Test
    void startsARealBrokerAndS3ServerThatAnswer() throws IOException {
        LocalStack stack = LocalStack.shared();
        System.out.println(stack.describe());

        try (Socket socket = new Socket("127.0.0.1", stack.config().kafkaPort());
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream()) {
            // An ApiVersions request (key 18, version 0) for client "t": a real broker answers with its API list.
            byte[] request = {0, 0, 0, 11, 0, 18, 0, 0, 0, 0, 0, 7, 0, 1, 't'};
            out.write(request);
            out.flush();
            byte[] length = in.readNBytes(4);
            int size = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
                    | (length[3] & 0xff);
            byte[] response = in.readNBytes(size);
            assertThat(size).isGreaterThan(20);
            assertThat(response[3]).as("correlation id echoed").isEqualTo((byte) 7);
            assertThat(response[4] << 8 | response[5]).as("error code").isZero();
        }

        HttpURLConnection connection = (HttpURLConnection) URI.create(stack.s3Endpoint() + "/").toURL()
                .openConnection();
        assertThat(connection.getResponseCode()).as("anonymous S3 request is refused").isEqualTo(403);
        assertThat(connection.getHeaderField("Server")).isNotNull();
    }
}
