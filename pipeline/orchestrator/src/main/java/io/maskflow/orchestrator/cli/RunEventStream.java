package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A run's server-sent events ({@code GET /runs/{id}/events}) read on one background thread and handed over as
 * {@link Item}s. A dropped connection (an orchestrator restarting, a replica handing the run over) is reconnected
 * with a growing pause of up to {@link #MAX_PAUSE}; a connection that has been silent for longer than three
 * keep-alives can be dropped with {@link #reconnect()}.
 */
final class RunEventStream implements AutoCloseable {

    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    /** What the stream says. */
    sealed interface Item permits Run, End, NotFound, Trouble {
    }

    /** The run as it is now. */
    record Run(JsonNode run) implements Item {
    }

    /** The server ended the stream: the run has finished (or was deleted). */
    record End(String reason) implements Item {
    }

    /** The orchestrator does not know the run (yet). */
    record NotFound(String message) implements Item {
    }

    /** The orchestrator could not be reached or answered an error; the stream tries again. */
    record Trouble(String message) implements Item {
    }

    private final HttpClient http;
    private final Supplier<HttpRequest.Builder> request;
    private final ObjectMapper json;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile long heardAt = System.nanoTime();

    RunEventStream(HttpClient http, Supplier<HttpRequest.Builder> request, ObjectMapper json) {
        this.http = http;
        this.request = request;
        this.json = json;
        this.reader = new Thread(this::read, "run-event-stream");
        reader.setDaemon(true);
    }

    RunEventStream start() {
        reader.start();
        return this;
    }

    /** The next item, or null when none came within {@code wait}. */
    Item next(Duration wait) throws InterruptedException {
        return items.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long since the server last sent anything, a keep-alive included. */
    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - heardAt);
    }

    /** Drops the current connection; the reader connects again. */
    void reconnect() {
        heardAt = System.nanoTime();
        closeQuietly(current);
        reader.interrupt();
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        closeQuietly(current);
    }

    private void read() {
        Duration pause = FIRST_PAUSE;
        while (!closed) {
            try {
                HttpResponse<InputStream> response = http.send(request.get().header("Accept", "text/event-stream")
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                heardAt = System.nanoTime();
                if (response.statusCode() != 200) {
                    String body;
                    try (InputStream in = response.body()) {
                        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    String message = body.isBlank() ? HttpAnswers.reason(response.statusCode(), response.uri(),
                            body, HttpAnswers.ORCHESTRATOR) : "HTTP " + response.statusCode() + ": " + errorOf(body);
                    items.add(response.statusCode() == 404 ? new NotFound(message) : new Trouble(message));
                } else {
                    current = response.body();
                    if (events(current)) {
                        return;
                    }
                    if (!closed) {
                        items.add(new Trouble("the orchestrator closed the event stream"));
                    }
                    pause = FIRST_PAUSE;
                }
            } catch (IOException e) {
                if (!closed) {
                    items.add(new Trouble("cannot reach the orchestrator: " + HttpAnswers.why(e)));
                }
            } catch (InterruptedException e) {
                // closed, or a silent connection dropped by reconnect(): the loop's condition tells which
            }
            Thread.interrupted();
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                // as above
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Reads events until the stream ends; true when the server said {@code end}. */
    private boolean events(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String event = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            heardAt = System.nanoTime();
            if (line.isEmpty()) {
                if (data.length() > 0 && dispatch(event, data.toString())) {
                    return true;
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
            // comments (": keep-alive") and ids only prove the connection is alive
        }
        return data.length() > 0 && dispatch(event, data.toString());
    }

    private boolean dispatch(String event, String data) throws IOException {
        if (event.equals("end")) {
            items.add(new End(data));
            return true;
        }
        if (event.equals("run")) {
            items.add(new Run(TerminalText.safe(json.readTree(data))));
        }
        return false;
    }

    private String errorOf(String body) {
        try {
            JsonNode error = json.readTree(body);
            if (error.path("error").isTextual()) {
                return TerminalText.safe(error.path("error").asText());
            }
        } catch (IOException e) {
            // not JSON: the text itself
        }
        return TerminalText.safe(body.strip());
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
