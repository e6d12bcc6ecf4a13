package io.maskflow.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tab of a headless Chromium driven over the DevTools protocol (a WebSocket, from the JDK's own client): the
 * page stays open and runs its scripts in real time, so a test can watch it change as the run it shows moves on.
 */
final class ChromiumPage implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** The messages of the dialogs (alert, confirm) the page opened, in order; each is answered as {@link #dialogs}. */
    private final List<String> dialogMessages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean acceptDialogs;

    private ChromiumPage(Process chromium, Path profile, WebSocket socket) {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium with a window of the given size and connects to its one tab. */
    static ChromiumPage start(Path executable, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browser = URI.create(listeningAddress(process));
            HttpClient http = HttpClient.newHttpClient();
            URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
            String page = null;
            for (int i = 0; i < 50 && page == null; i++) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if ("page".equals(t.path("type").asText())) {
                        page = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (page == null) {
                    Thread.sleep(100);
                }
            }
            if (page == null) {
                throw new IOException("Chromium opened no tab");
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener)
                    .get(20, TimeUnit.SECONDS);
            ChromiumPage opened = new ChromiumPage(process, profile, socket);
            listener.page = opened;
            opened.send("Page.enable", Map.of());
            opened.send("Runtime.enable", Map.of());
            return opened;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("could not connect to Chromium", e);
        }
    }

    /** The browser's DevTools address, which Chromium writes on its standard error when it is ready. */
    private static String listeningAddress(Process process) throws IOException {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
                address.completeExceptionally(new IOException("Chromium ended before it listened"));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Chromium did not say where DevTools listen", e);
        }
    }

    /** Sends one DevTools command and waits for its answer. */
    JsonNode send(String method, Map<String, ?> params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        write(command.toString());
        try {
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(method + " got no answer", e);
        } finally {
            waiting.remove(id);
        }
    }

    /**
     * Puts one message on the socket. The JDK's WebSocket refuses a send while another is under way ("Send pending"),
     * and the dialog answers go from the reader's thread while a test's command may be going out.
     */
    private synchronized void write(String text) {
        socket.sendText(text, true).join();
    }

    void open(String url) throws IOException {
        send("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression in the page (a promise is awaited). */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page; fails with what {@code shown} says then. */
    void await(String expression, Duration timeout, String shown) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()")
                    .asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never showed " + expression + "; it shows: " + evaluate(shown));
    }

    /** A PNG of the whole page, as long as it is, at the window's width. */
    void screenshot(Path file) throws IOException {
        JsonNode size = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(), "height",
                size.path("height").asDouble(), "scale", 1);
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", clip));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // the browser is stopped below either way
        }
        // the browser's helper processes (network, GPU, renderer) write into the profile too: stop them all first
        List<ProcessHandle> helpers = chromium.descendants().toList();
        chromium.destroy();
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroyForcibly();
            helper.onExit().completeOnTimeout(helper, 10, TimeUnit.SECONDS).join();
        }
        try (var files = Files.walk(profile)) {
            List<Path> all = files.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary profile left behind does no harm; a file that went while it was listed is not an error
        }
    }

    /** From now on, a dialog the page opens (a confirm) is accepted ({@code true}) or dismissed. */
    void dialogs(boolean accept) {
        acceptDialogs = accept;
    }

    /** The messages of the dialogs the page has opened so far. */
    List<String> dialogMessages() {
        return List.copyOf(dialogMessages);
    }

    private void answered(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if ("Page.javascriptDialogOpening".equals(message.path("method").asText())) {
                // the page waits for an answer; sent without waiting for the browser's reply (this is its reader)
                dialogMessages.add(message.path("params").path("message").asText());
                ObjectNode command = JSON.createObjectNode().put("id", ids.incrementAndGet())
                        .put("method", "Page.handleJavaScriptDialog");
                command.putObject("params").put("accept", acceptDialogs);
                write(command.toString());
                return;
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = waiting.get(message.get("id").asInt());
                if (f != null) {
                    f.complete(message);
                }
            }
        } catch (IOException e) {
            // not an answer to a command
        }
    }

    /** Gathers the frames of each message and hands whole messages to the page. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile ChromiumPage page;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                if (page != null) {
                    page.answered(whole);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
