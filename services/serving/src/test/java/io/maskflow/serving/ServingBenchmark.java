package io.maskflow.serving;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.MinioArtifactStore;
import io.maskflow.sdk.store.StoreConfig;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.Normalizer;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving throughput and latency from a load generator in another process than the server, a 384 × 512 JPEG per
 * request, beside two limits measured in the same run without HTTP: (a) the whole inference path — decode, crop,
 * resize, normalise and forward — and (b) the forward pass alone on ready tensors, each at the best thread layout
 * found here (callers with a predictor each x PyTorch intra-op threads per forward pass) and batch size, so (b) is
 * at least (a) up to noise. Serving then runs as deployed, with its own defaults. The served figures come in two
 * kinds: closed loop ({@code wrk} with a fixed number of connections, each sending its next request when the last
 * is answered), and open loop ({@link OpenLoopSender}: requests sent at a fixed rate — 50 %, 80 % and 95 % of the
 * closed loop's peak — whatever the answers do, latency counted from when each request was due, so queueing shows
 * in the tail instead of slowing the sender). Only 2xx answers count as served. Serving's resident memory (peak
 * and current) is printed after each. Every figure is the median and the spread (lowest – highest) of several
 * rounds. Started by {@code scripts/serving-benchmark.sh}.
 *
 * <p>Arguments: image size (default 64), seconds per round (default 3), rounds (default 5), and optionally limit
 * (a) in images/s from an earlier run, which skips measuring the limits (about five minutes) when only serving
 * changed.
 */
public final class ServingBenchmark {

    private static final int[] BATCHES = {1, 8, 16, 32};
    private static final int[] CONCURRENCY = {1, 2, 4, 8, 16, 32, 64};
    private static final double[] LOAD = {0.5, 0.8, 0.95};
    private static final int OPEN_LOOP_CONNECTIONS = 256;

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = (int) argument(args, 0, "image-size", 64);
        int seconds = (int) argument(args, 1, "seconds-per-round", 3);
        int rounds = (int) argument(args, 2, "rounds", 5);
        double givenLimitA = argument(args, 3, "limit-a", 0);
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("ai.djl.offline", "true");
        byte[] jpeg = TestModels.realisticPhoto();
        // the photo, the model, wrk's scripts (which hold an operator's token): gone when the benchmark ends
        Path work = Files.createTempDirectory("serving-benchmark");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work)));
        Path photo = Files.createTempFile(work, "bench-photo", ".jpg");
        Files.write(photo, jpeg);

        LocalStack stack = LocalStack.shared();
        ArtifactStore store = new MinioArtifactStore(new StoreConfig(stack.s3Endpoint(), stack.config().accessKey(),
                stack.config().secretKey(), "maskflow", "us-east-1", 3, Duration.ofMillis(100)),
                new SimpleMeterRegistry());
        ArtifactRef ref = TestModels.untrained(store, size, io.maskflow.vision.model.Heads.THREE);
        Path artifact = Files.createTempFile(work, "bench-model", ".zip");
        store.download(ref, artifact);

        System.out.printf(Locale.ROOT, "model compact-cnn, three heads, %d px input; photo %d bytes; %d cores; "
                + "median [lowest - highest] of %d rounds of %d s%n%n", size, jpeg.length, cores, rounds, seconds);
        double limitA = givenLimitA > 0 ? givenLimitA : measureLimits(artifact, jpeg, cores, seconds, rounds);
        // serving loads only a promotion signed with the evaluator's key (the local stack's)
        String signature = PromotionSigner.of(stack.tokens().promotionKey(), true).sign("bench", ref, "benchmark")
                .orElseThrow();
        store.put(ArtifactKeys.promotedModel(), EventCodec.instance().mapper().writeValueAsBytes(new PromotedModel(
                "bench", ref, null, 0, "benchmark", java.time.Instant.now(), signature)), "application/json");
        // serving runs as deployed (its own defaults), not with the limits' layout: the limits have the cores to
        // themselves, serving shares them with its HTTP threads and the load generator
        Properties deployed = new Properties();
        try (var in = Files.newInputStream(Path.of("services/serving/src/main/resources/application.properties"))) {
            deployed.load(in);
        }
        // settings to try beside the defaults: -Dserving.properties=key=value,... (SERVING_PROPERTIES in the script)
        List<String> properties = new ArrayList<>(List.of("quarkus.log.level=WARN"));
        for (String property : System.getProperty("serving.properties", "").split(",")) {
            if (!property.isBlank()) {
                properties.add(property.strip());
                System.out.println("serving started with " + property.strip() + " (instead of its default)");
            }
        }
        if (!System.getProperty("maskflow.service-jvm-options", "").isBlank()) {
            System.out.println("serving's JVM started with " + System.getProperty("maskflow.service-jvm-options"));
        }
        try (ServiceProcess serving = ServiceProcess.startOnFreePort("services/serving", stack, properties,
                "/q/health/ready")) {
            System.out.printf(Locale.ROOT, "serving's defaults: %s workers, %s intra-op thread(s) each, batches of "
                    + "up to %s, waiting up to %s for company%n", deployed.getProperty("maskflow.serving.workers"),
                    deployed.getProperty("maskflow.serving.intra-op-threads"),
                    deployed.getProperty("maskflow.serving.max-batch"),
                    deployed.getProperty("maskflow.serving.max-wait"));
            // serving asks for an operator's token, as deployed
            String authorization = "Bearer " + stack.tokens().token("operator");
            Path script = postScript(authorization, photo);
            // warm-up, untimed: long enough for the JIT to finish with the request path (with 3 s at concurrency 2,
            // compiler threads still took a quarter of a core during the first rounds)
            run(List.of("wrk", "-t1", "-c16", "-d15s", "-s", script.toString(), serving.url() + "/predict"));
            System.out.println("closed loop (wrk, one thread; only 2xx answers count; CPU: cores busy in serving's "
                    + "process and in all the rest of the machine - wrk, this process -, and serving's CPU time per "
                    + "answer; 'inference cores': of serving's cores, those its inference threads kept busy - one "
                    + "worker that never waits for photos keeps 1 busy)");
            System.out.printf(Locale.ROOT, "%11s %22s %22s %22s %9s %14s %16s %12s %22s %11s %6s%n",
                    "concurrency", "2xx answers/s", "p50 ms", "p99 ms", "% of (a)", "serving cores",
                    "inference cores", "other cores", "serving CPU ms/answer", "mean batch", "non-2xx");
            double peak = 0;
            int peakConcurrency = CONCURRENCY[0];
            double peakCpuPerAnswer = 0;
            double peakOtherPerAnswer = 0;
            for (int c : CONCURRENCY) {
                double[] rps = new double[rounds];
                double[] p50 = new double[rounds];
                double[] p99 = new double[rounds];
                double[] servingCores = new double[rounds];
                double[] otherCores = new double[rounds];
                double[] inferenceCores = new double[rounds];
                double[] cpuPerAnswer = new double[rounds];
                long failed = 0;
                double[] batchesBefore = batches(serving.url());
                for (int r = 0; r < rounds; r++) {
                    WrkRound round = wrk(script, serving, c, seconds);
                    failed += round.non2xx();
                    rps[r] = round.answered() / round.seconds();
                    p50[r] = round.p50();
                    p99[r] = round.p99();
                    servingCores[r] = round.cpu().processCores();
                    otherCores[r] = round.cpu().machineCores() - round.cpu().processCores();
                    inferenceCores[r] = round.cpu().inferenceCores();
                    cpuPerAnswer[r] = 1000 * round.cpu().processSeconds() / Math.max(1, round.answered());
                }
                double[] batchesAfter = batches(serving.url());
                if (median(rps) > peak) {
                    peak = median(rps);
                    peakConcurrency = c;
                    peakCpuPerAnswer = median(cpuPerAnswer);
                    peakOtherPerAnswer = 1000 * median(otherCores) / peak;
                }
                System.out.printf(Locale.ROOT, "%11d %22s %22s %22s %8.0f%% %14.2f %16.2f %12.2f %22s %11.1f %7d%n",
                        c, spread(rps, "%.0f"), spread(p50, "%.2f"), spread(p99, "%.2f"), 100 * median(rps) / limitA,
                        median(servingCores), median(inferenceCores), median(otherCores), spread(cpuPerAnswer, "%.2f"),
                        (batchesAfter[1] - batchesBefore[1]) / Math.max(1, batchesAfter[0] - batchesBefore[0]), failed);
            }
            System.out.printf(Locale.ROOT, "serving's resident memory after the closed loop: %s%n",
                    residentMemory(serving.pid()));
            httpFloor(work, serving, authorization, jpeg, peakConcurrency, seconds, rounds, 1000.0 * cores / limitA,
                    peakCpuPerAnswer, peakOtherPerAnswer, cores, limitA);
            System.out.printf(Locale.ROOT, "%nopen loop (OpenLoopSender in this process: one thread, up to %d "
                    + "connections; latency from when each request was due; only 2xx answers count; 'sent late' = "
                    + "how long after it was due a request went out)%n", OPEN_LOOP_CONNECTIONS);
            System.out.printf(Locale.ROOT, "%14s %8s %22s %22s %22s %22s %7s%n", "load", "due/s", "2xx answers/s",
                    "p50 ms", "p99 ms", "p99 sent late ms", "non-2xx");
            URI predict = URI.create(serving.url() + "/predict");
            Map<String, String> headers = Map.of("Content-Type", "image/jpeg", "Authorization", authorization);
            // untimed: the sender's own JIT warm-up
            OpenLoopSender.run(predict, headers, jpeg, LOAD[0] * peak, 2, OPEN_LOOP_CONNECTIONS);
            for (double load : LOAD) {
                double rate = load * peak;
                double[] served = new double[rounds];
                double[] p50 = new double[rounds];
                double[] p99 = new double[rounds];
                double[] late = new double[rounds];
                long failed = 0;
                for (int r = 0; r < rounds; r++) {
                    OpenLoopSender.Result result = OpenLoopSender.run(predict, headers, jpeg, rate, seconds,
                            OPEN_LOOP_CONNECTIONS);
                    served[r] = result.okPerSecond();
                    p50[r] = result.percentile(0.50);
                    p99[r] = result.percentile(0.99);
                    late[r] = OpenLoopSender.Result.percentile(result.sentLateMs(), 0.99);
                    failed += result.failed();
                }
                System.out.printf(Locale.ROOT, "%9.0f%% peak %8.0f %22s %22s %22s %22s %7d%n", 100 * load, rate,
                        spread(served, "%.0f"), spread(p50, "%.2f"), spread(p99, "%.2f"), spread(late, "%.2f"),
                        failed);
            }
            System.out.printf(Locale.ROOT, "serving's resident memory at the end: %s%n",
                    residentMemory(serving.pid()));
        }
        System.exit(0);
    }

    private static void deleteQuietly(Path dir) {
        try {
            ModelArtifact.deleteTree(dir);
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** One closed-loop round of wrk: requests, how many were not 2xx, its seconds and latencies, the CPU used. */
    record WrkRound(long requests, long non2xx, double seconds, double p50, double p99, CpuUse cpu) {

        long answered() {
            return requests - non2xx;
        }
    }

    /** A wrk script that POSTs {@code body} as a JPEG with the given Authorization header. */
    private static Path postScript(String authorization, Path body) throws java.io.IOException {
        Path script = Files.createTempFile(body.getParent(), "post", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"image/jpeg\"\n"
                + "wrk.headers[\"Authorization\"] = \"" + authorization + "\"\n"
                + "local f = io.open(\"" + body + "\", \"rb\")\nwrk.body = f:read(\"*all\")\nf:close()\n");
        return script;
    }

    private static WrkRound wrk(Path script, ServiceProcess serving, int connections, int seconds) throws Exception {
        CpuUse.Mark mark = CpuUse.mark(serving.pid());
        String out = run(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), serving.url() + "/predict"));
        CpuUse cpu = mark.since();
        Matcher total = Pattern.compile("([0-9]+) requests in ([0-9.]+)(ms|s|m)").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + out);
        }
        double duration = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
            case "ms" -> 0.001;
            case "m" -> 60;
            default -> 1;
        };
        return new WrkRound(Long.parseLong(total.group(1)),
                (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)"), duration, millis(out, "50%"),
                millis(out, "99%"), cpu);
    }

    /**
     * The HTTP floor: the same requests (token, headers, a body of the photo's length) with the JPEG's first bytes
     * zeroed, so serving reads, authenticates and dispatches each one and answers 400 at the format check, before
     * any decoding or forward pass. Its CPU per request, added to limit (a)'s per photo, bounds what a server that
     * adds nothing else to (a) could answer on these cores with this load generator beside it.
     *
     * @param work the benchmark's folder, for the broken photo and its script
     * @param aCpuMs limit (a)'s CPU per photo, ms of a core
     * @param servedCpuMs serving's CPU per answer at its peak
     * @param servedOtherMs the rest of the machine's (wrk's) CPU per answer at serving's peak
     */
    private static void httpFloor(Path work, ServiceProcess serving, String authorization, byte[] jpeg,
            int connections, int seconds, int rounds, double aCpuMs, double servedCpuMs, double servedOtherMs,
            int cores, double limitA) throws Exception {
        byte[] broken = jpeg.clone();
        Arrays.fill(broken, 0, 16, (byte) 0);
        Path body = Files.createTempFile(work, "bench-broken", ".jpg");
        Files.write(body, broken);
        Path script = postScript(authorization, body);
        double[] rate = new double[rounds];
        double[] servingMs = new double[rounds];
        double[] otherMs = new double[rounds];
        long ok = 0;
        for (int r = 0; r < rounds; r++) {
            WrkRound round = wrk(script, serving, connections, seconds);
            ok += round.answered();
            rate[r] = round.requests() / round.seconds();
            servingMs[r] = 1000 * round.cpu().processSeconds() / Math.max(1, round.requests());
            otherMs[r] = 1000 * (round.cpu().machineSeconds() - round.cpu().processSeconds())
                    / Math.max(1, round.requests());
        }
        if (ok > 0) {
            throw new IllegalStateException(ok + " requests with a broken JPEG header were answered 2xx");
        }
        System.out.printf(Locale.ROOT, "%nthe HTTP floor (the same requests with the JPEG header zeroed: read, "
                + "authenticated, answered 400 before decoding), concurrency %d: %s requests/s; serving CPU %s ms "
                + "and the rest of the machine %s ms a request%n", connections, spread(rate, "%.0f"),
                spread(servingMs, "%.3f"), spread(otherMs, "%.3f"));
        double ceiling = 1000 * cores / (aCpuMs + median(servingMs) + median(otherMs));
        System.out.printf(Locale.ROOT, "a core-ms a photo: limit (a) %.3f; + the HTTP floor in serving %.3f and "
                + "beside it %.3f = %.3f: a server adding only HTTP to (a) answers at most %.0f a second, %.0f%% of "
                + "(a)%n", aCpuMs, median(servingMs), median(otherMs), aCpuMs + median(servingMs) + median(otherMs),
                ceiling, 100 * ceiling / limitA);
        // the floor's photo is refused by the inference worker, so the floor holds the hand-over to it; what is left
        // is batching and the answer itself, and the runs of one code differ by about 0.1 ms from each other
        System.out.printf(Locale.ROOT, "serving at its peak: %.3f in serving (%.3f beyond (a) and the floor: "
                + "batching and the answer, noise within about 0.1) and %.3f beside it%n", servedCpuMs,
                servedCpuMs - aCpuMs - median(servingMs), servedOtherMs);
    }

    /** Argument {@code index}, a positive number, or {@code absent} when it is not given. */
    private static double argument(String[] args, int index, String name, double absent) {
        if (args.length <= index) {
            return absent;
        }
        try {
            double value = Double.parseDouble(args[index]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a positive number, got '" + args[index]
                + "'; usage: scripts/serving-benchmark.sh [image-size] [seconds-per-round] [rounds] [limit-a]");
    }

    /** Prints the input transform's rate and limits (a) and (b) at every layout and batch; gives (a)'s best. */
    private static double measureLimits(Path artifact, byte[] jpeg, int cores, int seconds, int rounds)
            throws Exception {
        double[][] decode = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            double[] d = decodeOnly(artifact, jpeg, cores, seconds);
            decode[0][r] = d[0];
            decode[1][r] = d[1];
        }
        System.out.printf(Locale.ROOT, "decode+crop+resize+normalise alone, %d threads: %s images/s (%s ms each)%n",
                cores, spread(decode[0], "%.0f"), spread(decode[1], "%.2f"));
        // the limits, each at the best thread layout found here: callers (threads with a predictor each) x PyTorch
        // intra-op threads per forward pass, and the batch size
        List<Layout> layouts = new ArrayList<>();
        for (int callers : new int[] {1, cores}) {
            for (int intra : new int[] {1, cores}) {
                Layout layout = new Layout(callers, intra);
                if (!layouts.contains(layout)) {
                    layouts.add(layout);
                }
            }
        }
        // warm-up, untimed: the JIT and PyTorch's first passes, so the first layout measured is not the slowest
        wholePath(artifact, jpeg, 8, new Layout(cores, 1), seconds);
        forwardOnly(artifact, 8, new Layout(cores, 1), seconds);
        Best bestA = limit("limit (a) whole path", layouts, rounds, (layout, batch) -> wholePath(artifact, jpeg,
                batch, layout, seconds));
        Best bestB = limit("limit (b) forward only", layouts, rounds, (layout, batch) -> forwardOnly(artifact,
                batch, layout, seconds));
        System.out.printf(Locale.ROOT, "best: (a) %.0f images/s at %s, batch %d; (b) %.0f images/s at %s, batch %d; "
                + "(b) / (a) = %.2f%n%n", bestA.rate(), bestA.layout(), bestA.batch(), bestB.rate(), bestB.layout(),
                bestB.batch(), bestB.rate() / bestA.rate());
        return bestA.rate();
    }

    /** Callers (threads with a predictor each) and PyTorch's intra-op threads per forward pass. */
    record Layout(int callers, int intraOp) {

        @Override
        public String toString() {
            return callers + " x " + intraOp;
        }
    }

    /** The best median of a limit and where it was reached. */
    record Best(double rate, Layout layout, int batch) {
    }

    /** One measurement of a limit, images/s. */
    interface Measure {
        double run(Layout layout, int batch) throws Exception;
    }

    /** Measures a limit at every layout and batch size, prints the table, and gives the best median. */
    private static Best limit(String name, List<Layout> layouts, int rounds, Measure measure) throws Exception {
        System.out.printf(Locale.ROOT, "%s, images/s by callers x intra-op threads (rows) and batch (columns)%n",
                name);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%10s", "layout"));
        for (int batch : BATCHES) {
            header.append(String.format(Locale.ROOT, " %20s", "batch " + batch));
        }
        System.out.println(header);
        Best best = new Best(0, layouts.get(0), BATCHES[0]);
        for (Layout layout : layouts) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%10s", layout));
            for (int batch : BATCHES) {
                double[] rates = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rates[r] = measure.run(layout, batch);
                }
                row.append(String.format(Locale.ROOT, " %20s", spread(rates, "%.0f")));
                if (median(rates) > best.rate()) {
                    best = new Best(median(rates), layout, batch);
                }
            }
            System.out.println(row);
        }
        return best;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** "median [lowest - highest]" of the values. */
    static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), sorted[0],
                sorted[sorted.length - 1]);
    }

    private static ImagePreparer preparer(ModelDescriptor d) {
        return new ImagePreparer(StepParameters.bind(Map.of("imageSize", d.imageSize(), "cropWidth", 256,
                "cropHeight", 320), PreprocessParams.DEFAULTS));
    }

    /** {images/s, ms per image} of the input transform alone on {@code threads} threads. */
    private static double[] decodeOnly(Path artifact, byte[] jpeg, int threads, int seconds) throws Exception {
        ModelDescriptor d = ModelArtifact.describe(artifact);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Integer>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                ImagePreparer preparer = preparer(d);
                Normalizer normalizer = new Normalizer(d.mean(), d.std());
                float[] out = new float[3 * d.imageSize() * d.imageSize()];
                int n = 0;
                while (System.nanoTime() < end) {
                    normalizer.toChw(preparer.prepare(jpeg), out, 0);
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        pool.shutdown();
        double rate = total / ((System.nanoTime() - start) / 1e9);
        return new double[] {rate, 1000.0 * threads / rate};
    }

    /** (a): every caller decodes a batch of photos and runs it through its own predictor. */
    private static double wholePath(Path artifact, byte[] jpeg, int batch, Layout layout, int seconds)
            throws Exception {
        return onCallers(artifact, layout, seconds, (model, d, end) -> {
            int s = d.imageSize();
            ImagePreparer preparer = preparer(d);
            Normalizer normalizer = new Normalizer(d.mean(), d.std());
            float[] input = new float[batch * 3 * s * s];
            int n = 0;
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < batch; i++) {
                        normalizer.toChw(preparer.prepare(jpeg), input, i * 3 * s * s);
                    }
                    try (NDManager m = NDManager.newBaseManager()) {
                        d.heads().probabilities(predictor.predict(new NDList(m.create(FloatBuffer.wrap(input),
                                new Shape(batch, 3, s, s)))).singletonOrThrow()).toFloatArray();
                    }
                    n += batch;
                }
            }
            return n;
        });
    }

    /** (b): the forward pass alone on a tensor made once, every caller with its own predictor. */
    private static double forwardOnly(Path artifact, int batch, Layout layout, int seconds) throws Exception {
        return onCallers(artifact, layout, seconds, (model, d, end) -> {
            int s = d.imageSize();
            float[] input = new float[batch * 3 * s * s];
            int n = 0;
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                    NDManager m = NDManager.newBaseManager()) {
                while (System.nanoTime() < end) {
                    try (NDManager step = m.newSubManager()) {
                        d.heads().probabilities(predictor.predict(new NDList(step.create(FloatBuffer.wrap(input),
                                new Shape(batch, 3, s, s)))).singletonOrThrow()).toFloatArray();
                    }
                    n += batch;
                }
            }
            return n;
        });
    }

    /** What one caller does until {@code endNanos}: the images it got through. */
    interface Caller {
        int run(Model model, ModelDescriptor descriptor, long endNanos) throws Exception;
    }

    /** Images/s of {@code layout.callers()} threads on fresh threads with {@code layout.intraOp()} PyTorch threads. */
    private static double onCallers(Path artifact, Layout layout, int seconds, Caller caller) throws Exception {
        try (Model model = ModelArtifact.loadForInference(artifact, Device.cpu())) {
            ModelDescriptor d = ModelArtifact.describe(artifact);
            // threads that have not run an operation yet take this count at their first
            JniUtils.setNumThreads(layout.intraOp());
            ExecutorService pool = Executors.newFixedThreadPool(layout.callers());
            List<Future<Integer>> done = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (int t = 0; t < layout.callers(); t++) {
                done.add(pool.submit(() -> caller.run(model, d, end)));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            pool.shutdown();
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** {forward passes, images in them} so far, from serving's own batch-size histogram at {@code /q/metrics}. */
    private static double[] batches(String servingUrl) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(servingUrl + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return new double[] {number(metrics.body(), "maskflow_inference_batch_size_count(?:\\{[^}]*\\})? ([0-9.E+]+)"),
            number(metrics.body(), "maskflow_inference_batch_size_sum(?:\\{[^}]*\\})? ([0-9.E+]+)")};
    }

    /** "peak X MiB, now Y MiB" of a process's resident set ({@code VmHWM}, {@code VmRSS} of /proc). */
    private static String residentMemory(long pid) throws java.io.IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        return String.format(Locale.ROOT, "peak %.0f MiB, now %.0f MiB", number(status, "VmHWM:\\s+([0-9]+)") / 1024,
                number(status, "VmRSS:\\s+([0-9]+)") / 1024);
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A wrk latency percentile line ("50%  12.34ms") in milliseconds. */
    private static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
