package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.dataset.DatasetManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code maskflow download}: one output of a run into a file, or ({@code --layout}) the data set an output belongs
 * to unpacked into a folder in the competition layout. An output is named as a run output ({@code submission}), as
 * {@code <step>.<output>}, or by a step output's name alone.
 */
final class DownloadCommand {

    /** The run as {@code GET /runs/{id}} answers it (an {@code error} field when there is none). */
    interface RunLookup {
        JsonNode run(String runId) throws IOException, InterruptedException;
    }

    private final HttpClient http;
    private final String orchestrator;
    private final PrintStream out;
    private final CliToken token;
    private final RunLookup runs;

    DownloadCommand(HttpClient http, String orchestrator, PrintStream out, CliToken token, RunLookup runs) {
        this.http = http;
        this.orchestrator = orchestrator;
        this.out = out;
        this.token = token;
        this.runs = runs;
    }

    /** {@code /runs/{runId}/<kind>/<step>/<output>} of {@code <step>.<output>}. */
    static String outputUrl(String orchestrator, String runId, String kind, String source) {
        int dot = source.lastIndexOf('.');
        return orchestrator + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "/" + kind + "/"
                + URLEncoder.encode(source.substring(0, dot), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(source.substring(dot + 1), StandardCharsets.UTF_8);
    }

    /** Fetches one output into {@code file} (default: the name of its key), through a {@code .part} file. */
    int file(String runId, String output, String file) throws IOException, InterruptedException {
        Located located = locate(runId, output);
        if (located == null) {
            return 1;
        }
        JsonNode ref = located.ref();
        String key = ref.path("key").asText();
        Path target = Path.of(file != null ? file : key.substring(key.lastIndexOf('/') + 1));
        HttpResponse<InputStream> response = get(outputUrl(orchestrator, runId, "artifacts", located.source()));
        if (response == null) {
            return 1;
        }
        long size = ref.path("size").asLong();
        ProgressBar bar = new ProgressBar(out, "download", size, 1);
        Path partial = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
        long done = 0;
        try (InputStream in = response.body(); OutputStream to = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                to.write(buffer, 0, n);
                done += n;
                bar.update(done, 0);
            }
        }
        if (done != size) {
            Files.deleteIfExists(partial);
            out.println("error: received " + done + " of " + size + " bytes; try again");
            return 1;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        bar.done(done, 1);
        out.println("saved " + target + " (" + ProgressBar.size(done) + ", s3://" + ref.path("bucket").asText() + "/"
                + key + ")");
        return 0;
    }

    /**
     * Fetches the data set an output belongs to as the orchestrator zips it (the plain competition layout, photos
     * out of their packs) and unpacks it into {@code folder}.
     */
    int layout(String runId, String output, Path folder) throws IOException, InterruptedException {
        Located located = locate(runId, output);
        if (located == null) {
            return 1;
        }
        HttpResponse<InputStream> response = get(outputUrl(orchestrator, runId, "datasets", located.source()));
        if (response == null) {
            return 1;
        }
        long files = response.headers().firstValueAsLong("X-Maskflow-Files").orElse(-1);
        ProgressBar bar = new ProgressBar(out, "download", response.headers().firstValueAsLong("X-Maskflow-Bytes")
                .orElse(0), (int) files);
        Path root = Files.createDirectories(folder).toAbsolutePath().normalize();
        int written = 0;
        long bytes = 0;
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(DatasetManifest.checkPath(entry.getName())).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("the orchestrator sent a file outside the folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                bytes += Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                bar.update(bytes, ++written);
            }
        }
        if (files >= 0 && written != files) {
            out.println("error: received " + written + " of " + files + " files (the rest are missing); try again");
            return 1;
        }
        bar.done(bytes, written);
        out.println("saved " + written + " files (" + ProgressBar.size(bytes) + ") of " + located.source() + " in "
                + folder + " in the competition layout");
        return 0;
    }

    /** An output found in a run: {@code <step>.<output>} and its artifact reference. */
    private record Located(String source, JsonNode ref) {
    }

    /** The output in the run, or null after saying why there is none. */
    private Located locate(String runId, String output) throws IOException, InterruptedException {
        JsonNode run = runs.run(runId);
        if (run.has("error")) {
            out.println("error: " + run.path("error").asText());
            return null;
        }
        String source = run.path("outputSources").path(output).asText("");
        if (source.isEmpty() && output.contains(".")) {
            source = output;
        }
        if (source.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> steps = run.path("steps").fields(); steps.hasNext(); ) {
                Map.Entry<String, JsonNode> step = steps.next();
                if (step.getValue().path("outputs").has(output)) {
                    source = step.getKey() + "." + output;
                    break;
                }
            }
        }
        int dot = source.lastIndexOf('.');
        JsonNode ref = dot < 0 ? null : run.path("steps").path(source.substring(0, dot)).path("outputs")
                .path(source.substring(dot + 1));
        if (ref == null || !ref.has("key")) {
            List<String> known = new ArrayList<>();
            run.path("outputSources").fieldNames().forEachRemaining(known::add);
            out.println("error: run " + runId + " has no output '" + output + "' (yet); its outputs: " + known
                    + ", or <step>.<output>");
            return null;
        }
        return new Located(source, ref);
    }

    /** The answer's body, or null after printing the orchestrator's reason. */
    private HttpResponse<InputStream> get(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(token.authorize(HttpRequest.newBuilder(URI.create(url)))
                .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response;
        }
        try (InputStream body = response.body()) {
            out.println("error: " + HttpAnswers.reason(response.statusCode(), response.uri(),
                    new String(body.readNBytes(1 << 16), StandardCharsets.UTF_8), HttpAnswers.ORCHESTRATOR));
        }
        return null;
    }
}
