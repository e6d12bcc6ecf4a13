package io.maskflow.orchestrator.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on a free port that plays the orchestrator (or serving, or a wrong service behind a proxy) for the CLI's
 * tests: it answers each path as the test says and keeps every request it received; {@link #cli} runs a command
 * against it and keeps what the command printed.
 */
final class FakeServer implements AutoCloseable {

    /** An answer: status, body and headers. */
    record Answer(int status, byte[] body, Map<String, String> headers) {
        Answer(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** A request received: method, path with its query, body. */
    record Request(String method, String uri, String body) {
    }

    /** The answers by path; a path without one gets {@link #otherwise}. */
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    volatile Answer otherwise = new Answer(404, "");
    /** The requests received, in order. */
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The bodies received, by path, in order. */
    final Map<String, List<byte[]>> received = new ConcurrentHashMap<>();
    final String url;
    /** The command line's environment: none of the machine's, so its settings do not leak into the tests. */
    final Map<String, String> env = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    new String(request, StandardCharsets.UTF_8)));
            Answer answer = answers.getOrDefault(path, otherwise);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs a command with this server as the orchestrator and serving; returns its exit code. */
    int cli(String... args) {
        return cli(url, url, CliToken.none(), args);
    }

    int cli(String orchestrator, String serving, CliToken token, String... args) {
        printed.reset();
        return new Cli(orchestrator, serving, new PrintStream(printed, true, StandardCharsets.UTF_8), token, env)
                .run(args);
    }

    /** What the last command printed. */
    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
