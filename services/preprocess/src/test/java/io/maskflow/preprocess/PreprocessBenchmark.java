package io.maskflow.preprocess;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.dev.LocalStack;
import io.maskflow.preprocess.shards.Outputs;
import io.maskflow.preprocess.source.DirectorySource;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.MinioArtifactStore;
import io.maskflow.sdk.store.StoreConfig;
import io.maskflow.vision.image.ImagePreparer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Preprocessing throughput (validate, decode, crop, resize, shard) beside a yardstick of equal decoding work: the
 * same files decoded as the job decodes them — only the centre crop, subsampled by the same step — on the same
 * number of threads. The job is measured twice, writing its shards into a local folder and into the S3 server
 * (the dev/ S3Proxy through the MinIO client, as a pipeline run writes them). The three are interleaved in every
 * round because this machine's speed drifts; each figure is printed as the median and the spread (lowest –
 * highest) of the rounds, and each ratio is taken within a round.
 *
 * <p>Run: {@code mvn -q -pl services/preprocess test-compile exec:java
 * -Dexec.mainClass=io.maskflow.preprocess.PreprocessBenchmark [-Dexec.args="persons rounds"]} (defaults 60 persons,
 * 5 rounds after one warm-up round).
 */
public final class PreprocessBenchmark {

    private PreprocessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = Runtime.getRuntime().availableProcessors();
        Path root = Files.createTempDirectory("preprocess-bench");
        List<Path> files = layOut(root, persons);
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 64), PreprocessParams.DEFAULTS);
        LocalStack stack = LocalStack.shared();
        ArtifactStore store = new MinioArtifactStore(new StoreConfig(stack.s3Endpoint(), stack.config().accessKey(),
                stack.config().secretKey(), "maskflow", "us-east-1", 3, Duration.ofMillis(100)),
                new SimpleMeterRegistry());
        double[] decode = new double[rounds];
        double[] folder = new double[rounds];
        double[] s3 = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double d = decodeRate(files, params, threads);
            Path out = Files.createTempDirectory("preprocess-bench-out");
            double f = jobRate(params, threads, root, TestData.folder(out));
            String prefix = "bench/preprocess/" + UUID.randomUUID() + "/";
            double s = jobRate(params, threads, root, new Outputs() {
                @Override
                public ArtifactRef put(String name, Path file, String contentType) throws IOException {
                    return store.put(prefix + name, file, contentType);
                }

                @Override
                public ArtifactRef put(String name, byte[] content, String contentType) throws IOException {
                    return store.put(prefix + name, content, contentType);
                }
            });
            System.out.printf(Locale.ROOT, "%s: decode %.1f, job to folder %.1f, job to S3 %.1f images/s%n",
                    round < 0 ? "warm-up" : "round " + (round + 1), d, f, s);
            if (round >= 0) {
                decode[round] = d;
                folder[round] = f;
                s3[round] = s;
            }
        }
        double[] folderRatio = new double[rounds];
        double[] s3Ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            folderRatio[r] = folder[r] / decode[r];
            s3Ratio[r] = s3[r] / decode[r];
        }
        System.out.printf(Locale.ROOT, "preprocess benchmark: %d images of 384 x 512 (JPEG) to 64 x 64 shards, %d "
                + "threads; median [lowest - highest] of %d rounds%n", files.size(), threads, rounds);
        System.out.printf(Locale.ROOT, "  yardstick: decode of the 256 x 320 centre crop, subsampled as the job "
                + "does   %s images/s%n", spread(decode, "%.1f"));
        System.out.printf(Locale.ROOT, "  job writing shards to a local folder   %s images/s%n",
                spread(folder, "%.1f"));
        System.out.printf(Locale.ROOT, "  job writing shards to the S3 server    %s images/s%n", spread(s3, "%.1f"));
        System.out.printf(Locale.ROOT, "  job (folder) / decode                  %s  (goal: at least 0.80)%n",
                spread(folderRatio, "%.2f"));
        System.out.printf(Locale.ROOT, "  job (S3) / decode                      %s  (goal: at least 0.80)%n",
                spread(s3Ratio, "%.2f"));
        System.exit(0);
    }

    private static double jobRate(PreprocessParams params, int threads, Path root, Outputs outputs)
            throws Exception {
        long start = System.nanoTime();
        PreprocessJob.Result result = new PreprocessJob(params, threads).run(List.of(new DirectorySource(root)),
                outputs, done -> { });
        return result.index().count() / ((System.nanoTime() - start) / 1e9);
    }

    /** "median [lowest - highest]" of the values. */
    static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]", median, sorted[0],
                sorted[n - 1]);
    }

    /** Persons with seven photos each: gradients, shapes and noise, so the JPEGs are of a realistic size. */
    private static List<Path> layOut(Path root, int persons) throws Exception {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= persons; i++) {
            String gender = random.nextBoolean() ? "female" : "male";
            int age = 18 + random.nextInt(43);
            String folder = String.format("%06d_%s_Asian_%d", i, gender, age);
            csv.append(String.format("%06d,%s,Asian,%d,%s%n", i, gender, age, folder));
            Path dir = Files.createDirectories(root.resolve("train/images/" + folder));
            for (String stem : Mask.fileStems()) {
                Path file = dir.resolve(stem + ".jpg");
                Files.write(file, photo(random));
                files.add(file);
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv);
        return files;
    }

    private static byte[] photo(Random random) throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 384, 512,
                new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, 384, 512);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(384), random.nextInt(512), 10 + random.nextInt(120), 10 + random.nextInt(120));
        }
        g.dispose();
        for (int i = 0; i < 20_000; i++) {
            int x = random.nextInt(384);
            int y = random.nextInt(512);
            image.setRGB(x, y, image.getRGB(x, y) ^ random.nextInt(0x202020));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /**
     * Images per second of decoding the files as {@code ImagePreparer} does for {@code crop=centre}: the file's
     * bytes read, only the centre crop decoded, subsampled by the step the job uses.
     */
    private static double decodeRate(List<Path> files, PreprocessParams params, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> decoded = new ArrayList<>();
            for (Path file : files) {
                decoded.add(pool.submit(() -> decodeCrop(Files.readAllBytes(file), params)));
            }
            for (Future<Integer> f : decoded) {
                f.get();
            }
            return files.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static int decodeCrop(byte[] encoded, PreprocessParams params) throws IOException {
        // from memory, as the job's ImagePreparer reads (no temporary file per photo)
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = ImageIO.getImageReaders(stream).next();
            try {
                reader.setInput(stream, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                // the job's centre crop, computed where the job computes it
                Rectangle crop = ImagePreparer.centreCrop(params, w, h);
                ImageReadParam read = reader.getDefaultReadParam();
                read.setSourceRegion(crop);
                int step = Math.max(1, Math.min(crop.width, crop.height) / (2 * params.imageSize()));
                read.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, read).getWidth();
            } finally {
                reader.dispose();
            }
        }
    }
}
