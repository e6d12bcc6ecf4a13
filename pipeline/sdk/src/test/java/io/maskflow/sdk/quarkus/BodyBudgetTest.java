package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bodies a service holds at once are bounded: with 1,000 bytes of budget, a request whose body does not fit
 * beside one still arriving waits, and is let in as soon as that one is answered or gets a 503 after its wait; a
 * body larger than the whole budget is served alone; exempt paths do not count.
 */
class BodyBudgetTest {

    private static final int BUDGET = 1000;
    private static final Duration HOLD = Duration.ofSeconds(2);
    private Vertx vertx;
    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        BodyBudget.install(router, BUDGET, BUDGET, Duration.ofMillis(400), HOLD, Pattern.compile("/exempt"));
        router.route().handler(context -> context.request().body()
                .onSuccess(body -> context.response().end("read " + body.length())));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBodyThatDoesNotFitWaitsThenGetsA503AndTheBudgetComesBackWithTheAnswer() throws Exception {
        try (Socket slow = holding(800)) {
            HttpResponse<String> refused = post("/a", 500);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("the service holds as many request bodies as it takes at once "
                    + "(1000 bytes)");
            assertThat(post("/exempt", 500).body()).isEqualTo("read 500");
            assertThat(post("/a", 200).body()).isEqualTo("read 200");
            assertThat(finish(slow, 800)).contains("read 800");
        }
        assertThat(post("/a", 900).body()).isEqualTo("read 900");
        assertThat(post("/a", 5000).body()).isEqualTo("read 5000");
    }

    @Test
    void aWaitingBodyIsLetInWhenTheOneAheadIsAnswered() throws Exception {
        try (Socket slow = holding(800)) {
            CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(request("/a", 500),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            assertThat(finish(slow, 800)).contains("read 800");
            assertThat(waiting.get(5, TimeUnit.SECONDS).body()).isEqualTo("read 500");
        }
    }

    @Test
    void aBodyWithoutALengthCountsForTheSizeLimit() throws Exception {
        try (Socket slow = holding(2)) {
            HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri("/a"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            new byte[10]))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(503);
            assertThat(finish(slow, 2)).contains("read 2");
        }
    }

    /** A client that declares a body and never sends it keeps its claim for the hold time, not for good. */
    @Test
    void aClaimComesBackAfterTheHoldTimeEvenIfTheBodyNeverArrives() throws Exception {
        try (Socket silent = holding(800)) {
            assertThat(post("/a", 500).statusCode()).isEqualTo(503);
            Thread.sleep(HOLD.toMillis());
            assertThat(post("/a", 500).body()).isEqualTo("read 500");
        }
    }

    /**
     * A client that hangs up while it waits takes nothing: the claim its wait would have taken once room came was
     * taken for a closed connection and never came back (the next 900 bytes got a 503).
     */
    @Test
    void aClientThatHangsUpWhileWaitingTakesNothing() throws Exception {
        try (Socket slow = holding(800)) {
            Socket waiting = holding(500);
            waiting.close();
            assertThat(finish(slow, 800)).contains("read 800");
        }
        Thread.sleep(100);
        assertThat(post("/a", 900).body()).isEqualTo("read 900");
    }

    /**
     * HTTP/2 has no chunked encoding: a body sent there without a length counts for the size limit too (it counted
     * for nothing), and a 503 there ends only its own stream.
     */
    @Test
    void anHttp2BodyWithoutALengthCountsForTheSizeLimit() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = http2.send(HttpRequest.newBuilder(uri("/a")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        try (Socket slow = holding(2)) {
            HttpResponse<String> refused = http2.send(HttpRequest.newBuilder(uri("/a"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            new byte[10]))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(finish(slow, 2)).contains("read 2");
        }
        assertThat(http2.send(HttpRequest.newBuilder(uri("/a")).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[10]))).build(), HttpResponse.BodyHandlers.ofString())
                .body()).isEqualTo("read 10");
    }

    /** A request that declares {@code length} bytes and has sent one of them; it holds its claim meanwhile. */
    private Socket holding(int length) throws Exception {
        Socket socket = new Socket("localhost", server.actualPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n\r\nx")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(100);
        return socket;
    }

    /** Sends the rest of a held request's body and reads its answer. */
    private static String finish(Socket socket, int length) throws IOException {
        socket.getOutputStream().write(new byte[length - 1]);
        socket.getOutputStream().flush();
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        byte[] answer = new byte[4096];
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("read " + length)) {
            int n = in.read(answer);
            if (n < 0) {
                break;
            }
            text.append(new String(answer, 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    private HttpResponse<String> post(String path, int length) throws Exception {
        return client.send(request(path, length), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, int length) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[length]))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.actualPort() + path);
    }
}
