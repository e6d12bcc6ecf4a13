package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Following a run when the orchestrator cannot be reached at all. */
class RunFollowerTest {

    /** It said "...; trying again" and tried until the stall time (ten minutes by default) without ever connecting. */
    @Test
    void anOrchestratorNeverReachedEndsTheFollowingAfterTheAppearTime() throws Exception {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunFollower follower = new RunFollower(HttpClient.newHttpClient(), url -> HttpRequest.newBuilder(
                URI.create(url)), new ObjectMapper(), new PrintStream(printed, true, StandardCharsets.UTF_8), closed,
                Clock.systemUTC());
        long started = System.nanoTime();

        int code = follower.follow("r1", new RunFollower.Options(Duration.ofSeconds(20), Duration.ofSeconds(2), false,
                80, false));

        assertThat(code).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("error: cannot reach the orchestrator: "
                + "connection refused").contains("run r1 could not be followed");
    }
}
