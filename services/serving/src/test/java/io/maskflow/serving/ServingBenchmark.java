package io.maskflow.serving;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving throughput and latency from a second process ({@code wrk} on loopback, a 384 × 512 JPEG per request) at
 * several concurrencies, beside two limits measured in the same run without HTTP: (a) the whole inference path —
 * decode, crop, resize, normalise and forward at the best batch size on all cores — and (b) the forward pass alone
 * on ready tensors. Started by {@code scripts/serving-benchmark.sh}, which builds serving and installs wrk.
 */
public final class ServingBenchmark {

    private static final int[] BATCHES = {1, 4, 8, 16, 32};
    private static final int[] CONCURRENCY = {1, 2, 4, 8, 16, 32};

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("ai.djl.offline", "true");
        byte[] jpeg = TestModels.realisticPhoto();
        Path photo = Files.createTempFile("bench-photo", ".jpg");
        Files.write(photo, jpeg);

        LocalStack stack = LocalStack.shared();
        ArtifactStore store = new MinioArtifactStore(new StoreConfig(stack.s3Endpoint(), stack.config().accessKey(),
                stack.config().secretKey(), "maskflow", "us-east-1", 3, Duration.ofMillis(100)),
                new SimpleMeterRegistry());
        ArtifactRef ref = TestModels.untrained(store, size, io.maskflow.vision.model.Heads.THREE);
        Path artifact = Files.createTempFile("bench-model", ".zip");
        store.download(ref, artifact);

        System.out.printf(Locale.ROOT, "model compact-cnn, three heads, %d px input; photo %d bytes; %d cores%n%n",
                size, jpeg.length, cores);
        double[] decode = decodeOnly(artifact, jpeg, cores, seconds);
        System.out.printf(Locale.ROOT, "decode+crop+resize+normalise alone, %d threads: %.0f images/s (%.2f ms "
                + "each)%n", cores, decode[0], decode[1]);
        double bestA = 0;
        int bestBatch = 1;
        for (int batch : BATCHES) {
            double a = wholePath(artifact, jpeg, batch, cores, seconds);
            System.out.printf(Locale.ROOT, "limit (a) whole path, batch %2d: %7.0f images/s%n", batch, a);
            if (a > bestA) {
                bestA = a;
                bestBatch = batch;
            }
        }
        double b = forwardOnly(artifact, bestBatch, seconds);
        System.out.printf(Locale.ROOT, "limit (b) forward only, batch %2d: %7.0f images/s%n%n", bestBatch, b);

        store.put(ArtifactKeys.promotedModel(), EventCodec.instance().mapper().writeValueAsBytes(Map.of(
                "modelId", "bench", "model", ref)), "application/json");
        try (ServiceProcess serving = ServiceProcess.start("services/serving", stack, ServiceProcess.freePort(),
                List.of("maskflow.serving.workers=" + cores, "maskflow.serving.max-batch=" + Math.max(bestBatch, 8),
                        "quarkus.log.level=WARN"), "/q/health/ready")) {
            Path script = Files.createTempFile("post", ".lua");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"image/jpeg\"\n"
                    + "local f = io.open(\"" + photo + "\", \"rb\")\nwrk.body = f:read(\"*all\")\nf:close()\n");
            run(List.of("wrk", "-t1", "-c2", "-d3s", "-s", script.toString(), serving.url() + "/predict"));
            System.out.printf(Locale.ROOT, "%11s %10s %9s %9s %8s %11s%n", "concurrency", "requests/s", "p50 ms",
                    "p99 ms", "p99/p50", "% of (a)");
            for (int c : CONCURRENCY) {
                String out = run(List.of("wrk", "-t1", "-c" + c, "-d" + seconds + "s", "--latency",
                        "-s", script.toString(), serving.url() + "/predict"));
                double rps = number(out, "Requests/sec:\\s+([0-9.]+)");
                double p50 = millis(out, "50%");
                double p99 = millis(out, "99%");
                int errors = (int) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)");
                System.out.printf(Locale.ROOT, "%11d %10.0f %9.2f %9.2f %8.2f %10.0f%%%s%n", c, rps, p50, p99,
                        p99 / p50, 100 * rps / bestA, errors > 0 ? "  (" + errors + " non-2xx)" : "");
            }
        }
        System.exit(0);
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
                float[] out = new float[3 * d.imageSize() * d.imageSize()];
                int n = 0;
                while (System.nanoTime() < end) {
                    Normalizer.toChw(preparer.prepare(jpeg), d.mean(), d.std(), out, 0);
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

    /** (a): every thread decodes a batch of photos and runs it through its own predictor. */
    private static double wholePath(Path artifact, byte[] jpeg, int batch, int threads, int seconds)
            throws Exception {
        try (Model model = ModelArtifact.load(artifact, Device.cpu())) {
            ModelDescriptor d = ModelArtifact.describe(artifact);
            int s = d.imageSize();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> done = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    ImagePreparer preparer = preparer(d);
                    float[] input = new float[batch * 3 * s * s];
                    int n = 0;
                    try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < batch; i++) {
                                Normalizer.toChw(preparer.prepare(jpeg), d.mean(), d.std(), input, i * 3 * s * s);
                            }
                            try (NDManager m = NDManager.newBaseManager()) {
                                d.heads().probabilities(predictor.predict(new NDList(m.create(FloatBuffer.wrap(
                                        input), new Shape(batch, 3, s, s)))).singletonOrThrow()).toFloatArray();
                            }
                            n += batch;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            pool.shutdown();
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** (b): the forward pass alone on a tensor made once. */
    private static double forwardOnly(Path artifact, int batch, int seconds) throws Exception {
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager m = NDManager.newBaseManager()) {
            ModelDescriptor d = ModelArtifact.describe(artifact);
            int s = d.imageSize();
            float[] input = new float[batch * 3 * s * s];
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int n = 0;
            while (System.nanoTime() < end) {
                try (NDManager step = m.newSubManager()) {
                    d.heads().probabilities(predictor.predict(new NDList(step.create(FloatBuffer.wrap(input),
                            new Shape(batch, 3, s, s)))).singletonOrThrow()).toFloatArray();
                }
                n += batch;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
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
