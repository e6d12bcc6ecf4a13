package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.dataset.CompetitionLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code maskflow upload PATH}: hashes every file of a local data set, asks the orchestrator which ones the store
 * lacks (none when the same content was uploaded before), sends those in batches of at most {@link #BATCH_BYTES}
 * as zip streams built in memory ({@link #PARALLEL} at a time, each retried), and commits the data set. Nothing
 * is written to disk; an interrupted upload resumes where it stopped when started again.
 */
final class DatasetUploader {

    static final long BATCH_BYTES = 32L << 20;
    static final int BATCH_FILES = 2000;
    static final int PARALLEL = 2;
    private static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final String orchestrator;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final CliToken token;

    DatasetUploader(HttpClient http, String orchestrator, PrintStream out, CliToken token) {
        this.http = http;
        this.token = token;
        this.orchestrator = orchestrator;
        this.out = out;
    }

    /** Uploads; returns the exit code (0 done, 1 the orchestrator refused or failed). */
    int upload(Path path) throws IOException, InterruptedException {
        try (LocalDataset data = LocalDataset.open(path)) {
            if (data.entries().isEmpty()) {
                out.println("error: " + path + " has no files under train/, eval/ or faces/; a data set in the "
                        + "competition layout has train/train.csv and train/images/<person>/..., a set of face photos "
                        + "has faces/<photo>");
                return 1;
            }
            out.printf("%s: %d files (%s) under %s%s%n", data.name(), data.entries().size(),
                    ProgressBar.size(data.bytes()), data.folders(), data.skipped().isEmpty() ? "" : "; left out "
                    + data.skipped().size() + " other file(s), e.g. " + data.skipped().subList(0, Math.min(3,
                    data.skipped().size())));
            Map<String, Map<String, Object>> files = data.manifest(new ProgressBar(out, "hashing", data.bytes(),
                    data.entries().size()));
            HttpResponse<String> proposed = send("POST", "/datasets", HttpRequest.BodyPublishers.ofString(
                    json.writeValueAsString(Map.of("files", files))), "application/json");
            // the missing files' names are matched to the folder's as they are
            JsonNode status = HttpAnswers.data(json, proposed, HttpAnswers.ORCHESTRATOR);
            if (proposed.statusCode() >= 400) {
                out.println("refused: " + TerminalText.safe(status.path("error").asText()));
                return 1;
            }
            String id = status.path("id").asText();
            if (!status.path("complete").asBoolean()) {
                Set<String> missing = new HashSet<>();
                status.path("missing").forEach(m -> missing.add(m.asText()));
                if (missing.size() < files.size()) {
                    out.printf("the store has %d of the files already (an earlier upload); sending the other %d%n",
                            files.size() - missing.size(), missing.size());
                }
                try {
                    sendFiles(id, sendOrder(data.entries().stream().filter(e -> missing.contains(e.path()))
                            .toList()));
                } catch (Refused e) {
                    // sending the same file again cannot help
                    out.println("error: " + e.getMessage());
                    out.println(refusedAdvice(id));
                    return 1;
                } catch (IOException e) {
                    out.println("the upload stopped; run the same command again to send what is missing, or give it "
                            + "up: ./maskflow upload --abandon " + id);
                    throw e;
                }
                HttpResponse<String> committed = send("POST", "/datasets/" + id + "/commit",
                        HttpRequest.BodyPublishers.noBody(), "application/json");
                // a 409 lists the files still missing
                status = HttpAnswers.json(json, committed, HttpAnswers.ORCHESTRATOR, "missing");
                if (committed.statusCode() != 200) {
                    out.println("error: the data set could not be completed (HTTP " + committed.statusCode() + "): "
                            + (status.has("error") ? status.path("error").asText() : status.path("missing").size()
                            + " file(s) still missing; run the same upload again to send them, or give it up: "
                            + "./maskflow upload --abandon " + id));
                    if (status.has("error") && (committed.statusCode() == 400 || committed.statusCode() == 422)) {
                        out.println(refusedAdvice(id)); // a file is wrong; a 503 or 401 is worth the same command
                    }
                    return 1;
                }
            } else {
                out.println("the store has this data set already: nothing to send");
            }
            String key = status.path("dataset").asText();
            out.printf("dataset %s  (%d files, %s)%n", key, status.path("files").asInt(),
                    ProgressBar.size(status.path("bytes").asLong()));
            if (files.keySet().stream().allMatch(p -> p.startsWith("faces/"))) {
                out.printf("put masks on them: ./maskflow submit mask-faces -p faces=%s --follow%n", key);
            } else {
                out.printf("train on it: ./maskflow submit train-on-dataset -p dataset=%s --follow%n", key);
            }
            return 0;
        }
    }

    /** What to do with an upload the orchestrator refused a file of: it cannot be finished as it is. */
    private static String refusedAdvice(String id) {
        return "upload " + id + " cannot be finished with this file: correct it and run ./maskflow upload again (a "
                + "changed file makes a new upload), and give this one up: ./maskflow upload --abandon " + id;
    }

    /**
     * The files in the order they are sent: {@code train/train.csv} and {@code eval/info.csv} first, so that a CSV the
     * orchestrator refuses (a wrong header, UTF-16) stops the upload at its first batch, not after every photo.
     */
    static List<LocalDataset.Entry> sendOrder(List<LocalDataset.Entry> entries) {
        List<LocalDataset.Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(e -> !isLayoutCsv(e)));
        return ordered;
    }

    private static boolean isLayoutCsv(LocalDataset.Entry entry) {
        return entry.path().equals(CompetitionLayout.TRAIN_CSV) || entry.path().equals(CompetitionLayout.EVAL_CSV);
    }

    /** A batch the orchestrator refused for what it holds (400, 422): sending it again cannot help. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** Gives up an upload that was never committed (its id, as the upload printed it): 0 when it was deleted. */
    public int abandon(String id) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("DELETE", "/datasets/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.noBody(), "application/json");
        JsonNode body = HttpAnswers.json(json, answer, HttpAnswers.ORCHESTRATOR);
        if (answer.statusCode() != 200) {
            out.println("error: " + body.path("error").asText());
            return 1;
        }
        out.printf("upload %s given up: %d stored object(s) deleted%n", id, body.path("deleted").asInt());
        return 0;
    }

    private void sendFiles(String id, List<LocalDataset.Entry> entries) throws IOException, InterruptedException {
        List<List<LocalDataset.Entry>> batches = new ArrayList<>();
        List<LocalDataset.Entry> batch = new ArrayList<>();
        long batchBytes = 0;
        for (LocalDataset.Entry entry : entries) {
            boolean csvsEnd = !batch.isEmpty() && isLayoutCsv(batch.get(0)) && !isLayoutCsv(entry);
            if (!batch.isEmpty() && (csvsEnd || batchBytes + entry.size() > BATCH_BYTES
                    || batch.size() == BATCH_FILES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(entry);
            batchBytes += entry.size();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        long total = entries.stream().mapToLong(LocalDataset.Entry::size).sum();
        ProgressBar bar = new ProgressBar(out, "uploading", total, entries.size());
        AtomicLong sentBytes = new AtomicLong();
        AtomicInteger sentFiles = new AtomicInteger();
        if (!batches.isEmpty() && isLayoutCsv(batches.get(0).get(0))) {
            // the CSVs alone and first: one the orchestrator refuses stops the upload before any photo is sent
            List<LocalDataset.Entry> csvs = batches.remove(0);
            sendBatch(id, csvs);
            bar.update(sentBytes.addAndGet(csvs.stream().mapToLong(LocalDataset.Entry::size).sum()),
                    sentFiles.addAndGet(csvs.size()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<LocalDataset.Entry> files : batches) {
                running.add(pool.submit(() -> {
                    sendBatch(id, files);
                    bar.update(sentBytes.addAndGet(files.stream().mapToLong(LocalDataset.Entry::size).sum()),
                            sentFiles.addAndGet(files.size()));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
        bar.done(sentBytes.get(), sentFiles.get());
    }

    private void sendBatch(String id, List<LocalDataset.Entry> files) throws IOException, InterruptedException {
        byte[] body = zip(files);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = send("POST", "/datasets/" + id + "/files", HttpRequest.BodyPublishers.ofByteArray(body),
                        "application/zip");
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(1000L * attempt);
                continue;
            }
            if (response.statusCode() == 200) {
                return;
            }
            String refused = "the orchestrator refused a batch (HTTP " + response.statusCode() + "): "
                    + HttpAnswers.reason(response, HttpAnswers.ORCHESTRATOR);
            if (response.statusCode() == 400 || response.statusCode() == 422) {
                throw new Refused(refused);
            }
            if (response.statusCode() < 500 || attempt == ATTEMPTS) {
                throw new HttpAnswers.Unusable(refused);
            }
            Thread.sleep(1000L * attempt);
        }
    }

    /** The files as a zip stream without compression (photos do not shrink; this keeps it cheap). */
    static byte[] zip(List<LocalDataset.Entry> files) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (LocalDataset.Entry file : files) {
                zip.putNextEntry(new ZipEntry(file.path()));
                try (InputStream in = file.open()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return buffer.toByteArray();
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String type)
            throws IOException, InterruptedException {
        return http.send(token.authorize(HttpRequest.newBuilder(URI.create(orchestrator + path)))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", type).header("Accept", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
