package io.maskflow.orchestrator.cli;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.StackConfig;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.MinioArtifactStore;
import io.maskflow.sdk.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The upload of a user's data set folder ({@code maskflow upload}, issue 11) against the raw PUT rate of the same
 * bytes with a plain MinIO client, measured round by round in one run; issue 24 asks the upload to reach at least
 * 0.70 of the raw rate. Starts the local stack and the packaged orchestrator as separate processes, as in
 * production, and uploads through the real path: the CLI's {@code upload} (hashing, the proposal, zip batches) over
 * HTTP to the orchestrator, which checks each file and PUTs it into the S3 server of {@code dev/}. The raw side
 * PUTs the same files (read from the same folder) into a bucket of its own with {@code MinioClient.putObject},
 * {@code threads} at a time, as the MinIO client comes (at most 5 requests at once to one server, a thread started
 * for each PUT); a third side PUTs them through Maskflow's own store client, which has neither limit. Which side
 * goes first alternates, so a change of the machine's load falls on all alike.
 *
 * <p>Every round uploads a new folder in the competition layout: {@code persons} persons of seven photos each, of
 * random bytes 40 - 120 KB long (the upload neither decodes nor compresses them; real photos of 384 x 512 are about
 * that size), so no upload finds its files in the store already.
 *
 * <p>Run after packaging the orchestrator ({@code mvn -o -q package -pl pipeline/orchestrator -DskipTests}):
 * {@code mvn -o -q -pl pipeline/orchestrator test-compile exec:java
 * -Dexec.mainClass=io.maskflow.orchestrator.cli.UploadThroughputBenchmark [-Dexec.args="persons rounds threads"]}
 * (defaults: 300 persons = 2,100 photos a round, 5 rounds, 8 raw PUTs at once).
 */
public final class UploadThroughputBenchmark {

    private static final String[] PHOTOS = {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"};

    private UploadThroughputBenchmark() {
    }

    /** One measured side of a round: files per second and CPU per file of each process, in milliseconds. */
    private record Phase(double filesPerSecond, double ownCpuMs, double orchestratorCpuMs, double serverCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path work = Files.createTempDirectory("upload-benchmark");
        try (LocalStack stack = LocalStack.start(StackConfig.forTests());
                ServiceProcess orchestrator = ServiceProcess.startOnFreePort("pipeline/orchestrator", stack,
                        List.of(), "/q/health/ready")) {
            CliToken token = new CliToken(Optional.of(stack.tokens().token("operator")), "the local stack");
            MinioClient raw = MinioClient.builder().endpoint(stack.s3Endpoint())
                    .credentials(stack.config().accessKey(), stack.config().secretKey()).region("us-east-1").build();
            if (!raw.bucketExists(BucketExistsArgs.builder().bucket("raw-puts").build())) {
                raw.makeBucket(MakeBucketArgs.builder().bucket("raw-puts").build());
            }
            ArtifactStore tuned = new MinioArtifactStore(new StoreConfig(stack.s3Endpoint(),
                    stack.config().accessKey(), stack.config().secretKey(), "store-puts", "us-east-1", 3,
                    Duration.ofMillis(200)), new SimpleMeterRegistry());
            Phase[] upload = new Phase[rounds];
            Phase[] put = new Phase[rounds];
            Phase[] storePut = new Phase[rounds];
            for (int round = -1; round < rounds; round++) {
                Path folder = folder(work.resolve("round" + round), persons, 1000 + round);
                List<Path> files = files(folder);
                Phase up;
                Phase direct;
                Phase viaStore;
                if (round % 2 == 0) {
                    up = upload(orchestrator, token, folder, files.size());
                    direct = rawPuts(raw, folder, files, threads, "round" + round + "/");
                    viaStore = storePuts(tuned, folder, files, threads, "round" + round + "/");
                } else {
                    viaStore = storePuts(tuned, folder, files, threads, "round" + round + "/");
                    direct = rawPuts(raw, folder, files, threads, "round" + round + "/");
                    up = upload(orchestrator, token, folder, files.size());
                }
                deleteRecursively(folder);
                if (round < 0) {
                    continue; // warm-up: the JIT of both processes, the connections, the buckets
                }
                upload[round] = up;
                put[round] = direct;
                storePut[round] = viaStore;
                System.out.printf(Locale.ROOT, "round %d: maskflow upload %.1f files/s, raw PUTs %.1f files/s, "
                        + "ratio %.2f; PUTs through Maskflow's store client %.1f files/s%n", round + 1,
                        up.filesPerSecond(), direct.filesPerSecond(), up.filesPerSecond() / direct.filesPerSecond(),
                        viaStore.filesPerSecond());
            }
            summarise(upload, put, storePut, persons * PHOTOS.length + 3, threads);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void summarise(Phase[] upload, Phase[] put, Phase[] storePut, int files, int threads) {
        double[] ratio = new double[upload.length];
        for (int round = 0; round < upload.length; round++) {
            ratio[round] = upload[round].filesPerSecond() / put[round].filesPerSecond();
        }
        System.out.printf(Locale.ROOT, "upload throughput benchmark: %d rounds of a folder of %d files (photos of "
                + "40 - 120 KB); raw PUTs %d at once; median [lowest - highest] of the rounds%n", upload.length,
                files, threads);
        System.out.printf("  maskflow upload (CLI -> orchestrator -> S3)  %s files/s%n",
                spread(upload, Phase::filesPerSecond, "%.1f"));
        System.out.printf("  raw PUTs with the MinIO client               %s files/s%n",
                spread(put, Phase::filesPerSecond, "%.1f"));
        System.out.printf("  upload / raw PUTs                            %s  (per round; goal: at least 0.70)%n",
                spread(ratio, "%.2f"));
        System.out.printf("  CPU per file, upload: CLI %s ms, orchestrator %s ms, S3 server %s ms%n",
                spread(upload, Phase::ownCpuMs, "%.2f"), spread(upload, Phase::orchestratorCpuMs, "%.2f"),
                spread(upload, Phase::serverCpuMs, "%.2f"));
        System.out.printf("  CPU per file, raw PUTs: client %s ms, S3 server %s ms%n",
                spread(put, Phase::ownCpuMs, "%.2f"), spread(put, Phase::serverCpuMs, "%.2f"));
        double[] toStore = new double[upload.length];
        for (int round = 0; round < upload.length; round++) {
            toStore[round] = upload[round].filesPerSecond() / storePut[round].filesPerSecond();
        }
        System.out.printf("  PUTs through Maskflow's store client         %s files/s; CPU per file: client %s ms, "
                + "S3 server %s ms%n", spread(storePut, Phase::filesPerSecond, "%.1f"),
                spread(storePut, Phase::ownCpuMs, "%.2f"), spread(storePut, Phase::serverCpuMs, "%.2f"));
        System.out.printf("  upload / PUTs through the store client       %s%n", spread(toStore, "%.2f"));
    }

    /** {@code maskflow upload <folder>} against the orchestrator, as a user runs it. */
    private static Phase upload(ServiceProcess orchestrator, CliToken token, Path folder, int files) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        int code = new Cli(orchestrator.url(), "http://127.0.0.1:1", new PrintStream(text, true,
                StandardCharsets.UTF_8), token, Map.of()).run("upload", folder.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("the upload failed: " + text.toString(StandardCharsets.UTF_8));
        }
        return cpu.phase(files, seconds);
    }

    /** The same files PUT one object each with a plain MinIO client, {@code threads} at a time. */
    private static Phase rawPuts(MinioClient raw, Path folder, List<Path> files, int threads, String prefix)
            throws Exception {
        return timedPuts(files, threads, file -> {
            byte[] content = Files.readAllBytes(file);
            raw.putObject(PutObjectArgs.builder().bucket("raw-puts").object(key(prefix, folder, file))
                    .stream(new ByteArrayInputStream(content), content.length, -1)
                    .contentType("application/octet-stream").build());
        });
    }

    /**
     * The same files PUT with {@code MinioArtifactStore}, the store client the orchestrator uses (content hash in
     * the metadata, one request per file), {@code threads} at a time: the fastest PUT of the bytes the code has.
     */
    private static Phase storePuts(ArtifactStore store, Path folder, List<Path> files, int threads, String prefix)
            throws Exception {
        return timedPuts(files, threads, file -> store.put(key(prefix, folder, file), Files.readAllBytes(file),
                "application/octet-stream"));
    }

    /** One PUT of one file. */
    private interface Put {
        void file(Path file) throws Exception;
    }

    /** Every file PUT once, {@code threads} at a time, with the wall time and this JVM's CPU of the whole. */
    private static Phase timedPuts(List<Path> files, int threads, Put put) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (Path file : files) {
                puts.add(pool.submit(() -> {
                    put.file(file);
                    return null;
                }));
            }
            for (Future<?> done : puts) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return cpu.phase(files.size(), (System.nanoTime() - start) / 1e9);
    }

    private static String key(String prefix, Path folder, Path file) {
        return prefix + folder.relativize(file).toString().replace('\\', '/');
    }

    /** A data set in the competition layout: train.csv, seven photos a person, one eval photo and its info.csv. */
    private static Path folder(Path root, int persons, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        for (int p = 1; p <= persons; p++) {
            String id = String.format(Locale.ROOT, "%06d", p);
            String name = id + "_female_Asian_" + (20 + p % 40);
            csv.append(id).append(",female,Asian,").append(20 + p % 40).append(',').append(name).append('\n');
            Path person = Files.createDirectories(root.resolve("train/images/" + name));
            for (String photo : PHOTOS) {
                byte[] content = new byte[40_000 + random.nextInt(80_000)];
                random.nextBytes(content);
                Files.write(person.resolve(photo + ".jpg"), content);
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv);
        Files.createDirectories(root.resolve("eval/images"));
        Files.writeString(root.resolve("eval/info.csv"), "ImageID,ans\nabc.jpg,0\n");
        Files.writeString(root.resolve("eval/images/abc.jpg"), "eval photo " + seed);
        return root;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** CPU time so far of this JVM, the orchestrator and the S3 server (both children of this JVM's stack). */
    private record Cpu(long own, long orchestrator, long server) {

        static Cpu now() {
            return new Cpu(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime(), child("quarkus-run.jar"), child("s3proxy"));
        }

        Phase phase(int files, double seconds) {
            Cpu end = now();
            return new Phase(files / seconds, (end.own - own) / 1e6 / files,
                    (end.orchestrator - orchestrator) / 1e6 / files, (end.server - server) / 1e6 / files);
        }

        private static long child(String command) {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(command))
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
        }
    }

    private static String spread(Phase[] phases, java.util.function.ToDoubleFunction<Phase> figure, String format) {
        return spread(Arrays.stream(phases).mapToDouble(figure).toArray(), format);
    }

    /** "median [lowest - highest]" of the values. */
    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]", median, sorted[0],
                sorted[n - 1]);
    }
}
