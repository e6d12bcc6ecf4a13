package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's open-loop sender against a small HTTP server whose speed and answers the test decides. */
class OpenLoopSenderTest {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "image/jpeg");
    private static final byte[] BODY = new byte[45_000];

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsAtTheRateAndCountsEveryAnswer() throws Exception {
        AtomicInteger received = new AtomicInteger();
        URI uri = serve(4, exchange -> {
            received.incrementAndGet();
            answer(exchange, 200, "{\"class\":3}", false);
        });

        OpenLoopSender.Result result = OpenLoopSender.run(uri, HEADERS, BODY, 200, 1.0, 16);

        assertThat(result.due()).isBetween(199, 201);
        assertThat(result.ok()).isEqualTo(result.due()).isEqualTo(received.get());
        assertThat(result.failed()).isZero();
        assertThat(result.okLatenciesMs()).hasSize(result.ok());
        assertThat(Arrays.stream(result.okLatenciesMs())).allMatch(ms -> ms > 0 && ms < 1000);
        assertThat(result.connections()).isBetween(1, 16);
    }

    @Test
    void aSlowServerDoesNotSlowTheSenderItShowsInTheLatency() throws Exception {
        // one handler thread, 40 ms a request: 25 answers/s against 60 sent a second
        URI uri = serve(1, exchange -> {
            sleep(40);
            answer(exchange, 200, "{}", false);
        });

        OpenLoopSender.Result result = OpenLoopSender.run(uri, HEADERS, BODY, 60, 1.0, 4);

        assertThat(result.due()).isBetween(59, 61);
        assertThat(result.ok()).isEqualTo(result.due());
        // the last requests were due near 1 s and answered near 60 × 40 ms = 2.4 s: queueing counted from due
        assertThat(result.percentile(0.99)).isGreaterThan(1000);
        assertThat(result.percentile(0.01)).isLessThan(200);
        assertThat(result.connections()).isEqualTo(4);
        // the requests beyond four waited for a connection: that wait is in how late they went out
        assertThat(OpenLoopSender.Result.percentile(result.sentLateMs(), 0.99)).isGreaterThan(500);
    }

    @Test
    void otherStatusesAndChunkedAnswersAreCountedApart() throws Exception {
        AtomicInteger n = new AtomicInteger();
        URI uri = serve(2, exchange -> answer(exchange, n.incrementAndGet() % 2 == 0 ? 503 : 200,
                "{\"error\":\"busy\"}", true));

        OpenLoopSender.Result result = OpenLoopSender.run(uri, HEADERS, BODY, 100, 1.0, 8);

        assertThat(result.ok() + result.failed()).isEqualTo(result.due());
        assertThat(result.ok()).isBetween(result.due() / 2 - 1, result.due() / 2 + 1);
        assertThat(result.okLatenciesMs()).hasSize(result.ok());
    }

    @Test
    void aServerThatIsNotThereFailsEveryRequestWithoutHanging() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long start = System.nanoTime();

        OpenLoopSender.Result result = OpenLoopSender.run(URI.create("http://127.0.0.1:" + port + "/predict"),
                HEADERS, BODY, 50, 0.5, 4);

        assertThat(result.ok()).isZero();
        assertThat(result.failed()).isEqualTo(result.due()).isPositive();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aKeepAliveConnectionTheServerClosedIsNotCountedAgainstTheNextRequest() throws Exception {
        // a server that answers each request and then closes the connection without saying "Connection: close",
        // as a server does whose keep-alive timeout ran out: the next request finds the connection gone unanswered
        AtomicInteger answered = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        readRequest(socket.getInputStream());
                        answered.incrementAndGet();
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        // closed at the end of the test
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            OpenLoopSender.Result result = OpenLoopSender.run(URI.create("http://127.0.0.1:" + listener.getLocalPort()
                    + "/predict"), HEADERS, BODY, 20, 1.0, 4);

            assertThat(result.due()).isBetween(19, 21);
            assertThat(result.failed()).isZero();
            assertThat(result.ok()).isEqualTo(result.due()).isEqualTo(answered.get());
            assertThat(result.sentLateMs()).hasSize(result.due());
        }
    }

    /** Reads one request's head and its Content-Length bytes of body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
    }

    /** What a handler does with one exchange. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private URI serve(int threads, Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/predict", exchange -> {
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/predict");
    }

    private static void answer(HttpExchange exchange, int status, String json, boolean chunked) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
