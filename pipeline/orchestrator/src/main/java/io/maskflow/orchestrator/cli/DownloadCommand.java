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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    /**
     * Fetches one output into {@code file} through a {@code .part} file beside it: without {@code -o} into the
     * current folder under the name of its key, into a folder under that name, or as the file named (a regular file
     * there is replaced). A symbolic link, a device, a pipe or a socket is refused, and the {@code .part} file is
     * never left behind.
     */
    int file(String runId, String output, String file) throws IOException, InterruptedException {
        Path given = file == null ? null : Path.of(file);
        if (given != null) {
            String problem = file.endsWith("/") && !Files.isDirectory(given) ? "no such folder"
                    : LocalFiles.notWritable(given, true);
            if (problem != null) {
                out.println("error: cannot write " + file + ": " + problem);
                return 1;
            }
        }
        Located located = locate(runId, output);
        if (located == null) {
            return 1;
        }
        JsonNode ref = located.ref();
        String key = ref.path("key").asText();
        String name = key.substring(key.lastIndexOf('/') + 1);
        Path target = given == null ? Path.of(name) : Files.isDirectory(given) ? given.resolve(name) : given;
        String problem = LocalFiles.notWritable(target, false);
        if (problem != null) {
            out.println("error: cannot write " + target + ": " + problem);
            return 1;
        }
        HttpResponse<InputStream> response = get(outputUrl(orchestrator, runId, "artifacts", located.source()));
        if (response == null) {
            return 1;
        }
        long size = ref.path("size").asLong();
        ProgressBar bar = new ProgressBar(out, "download", size, 1);
        Path partial = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
        boolean created = false;
        boolean moved = false;
        long done = 0;
        try {
            if (Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(partial); // left by a download that was cut short
            }
            try (InputStream in = response.body(); OutputStream to = Files.newOutputStream(partial,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                created = true;
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    write(to, buffer, n, target);
                    done += n;
                    bar.update(done, 0);
                }
            }
            if (done != size) {
                out.println("error: received " + done + " of " + size + " bytes; try again");
                return 1;
            }
            problem = LocalFiles.notWritable(target, false); // again: something may have come meanwhile
            if (problem != null) {
                out.println("error: cannot write " + target + ": " + problem);
                return 1;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (FileSystemException e) {
            out.println("error: " + LocalFiles.problem(e instanceof FileAlreadyExistsException ? partial : target, e,
                    true));
            return 1;
        } finally {
            if (created && !moved) {
                Files.deleteIfExists(partial);
            }
        }
        bar.done(done, 1);
        out.println("saved " + target + " (" + ProgressBar.size(done) + ", s3://" + ref.path("bucket").asText() + "/"
                + key + ")");
        return 0;
    }

    /** Writes to the file; a failure (a full disk) is the file's, not the orchestrator's. */
    private static void write(OutputStream to, byte[] buffer, int n, Path target) throws IOException {
        try {
            to.write(buffer, 0, n);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new FileSystemException(target.toString(), null, e.getMessage());
        }
    }

    /**
     * Fetches the data set an output belongs to as the orchestrator zips it (the plain competition layout, photos
     * out of their packs) and unpacks it into {@code folder}, which must be new or empty (files in it were
     * overwritten); what was written is removed again when the download fails.
     */
    int layout(String runId, String output, Path folder) throws IOException, InterruptedException {
        String problem = folderProblem(folder);
        if (problem != null) {
            out.println("error: cannot unpack into " + folder + ": " + problem);
            return 1;
        }
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
        List<Path> made = new ArrayList<>();
        boolean complete = false;
        int written = 0;
        long bytes = 0;
        try {
            Path root = makeFolders(folder.toAbsolutePath().normalize(), made);
            try (ZipInputStream zip = new ZipInputStream(response.body())) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = root.resolve(DatasetManifest.checkPath(entry.getName())).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("the orchestrator sent a file outside the folder: " + entry.getName());
                    }
                    makeFolders(target.getParent(), made);
                    made.add(target);
                    bytes += Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    bar.update(bytes, ++written);
                }
            }
            if (files >= 0 && written != files) {
                out.println("error: received " + written + " of " + files + " files (the rest are missing); try "
                        + "again");
                return 1;
            }
            complete = true;
        } finally {
            if (!complete) {
                for (int i = made.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(made.get(i));
                    } catch (IOException e) {
                        // a folder that holds something else stays
                    }
                }
            }
        }
        bar.done(bytes, written);
        out.println("saved " + written + " files (" + ProgressBar.size(bytes) + ") of " + located.source() + " in "
                + folder + " in the competition layout");
        return 0;
    }

    /** Why {@code --layout} cannot unpack into {@code folder}, or null: it must be a new or an empty folder. */
    private static String folderProblem(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return Files.isSymbolicLink(folder) ? "a symbolic link to nothing" : null;
        }
        if (!Files.isDirectory(folder)) {
            return (Files.isRegularFile(folder) ? "a file" : LocalFiles.kind(folder).replace("not a regular file",
                    "something else")) + ", not a folder";
        }
        try (Stream<Path> in = Files.list(folder)) {
            List<String> some = in.limit(3).map(p -> p.getFileName().toString()).toList();
            return some.isEmpty() ? null : "it holds files already (" + String.join(", ", some)
                    + (some.size() == 3 ? ", ..." : "") + "); give a new or an empty folder";
        }
    }

    /** Creates {@code folder} and the folders above it that are missing, noting each in {@code made}. */
    private static Path makeFolders(Path folder, List<Path> made) throws IOException {
        if (folder != null && !Files.isDirectory(folder)) {
            makeFolders(folder.getParent(), made);
            made.add(Files.createDirectory(folder));
        }
        return folder;
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
