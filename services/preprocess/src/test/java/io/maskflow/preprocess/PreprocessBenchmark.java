package io.maskflow.preprocess;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.source.DirectorySource;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Preprocessing throughput (validate, decode, crop, resize, shard) beside the raw JPEG decode rate of the same
 * files with the same number of threads, measured in one run, interleaved, medians of several rounds.
 *
 * <p>Run: {@code mvn -q -pl services/preprocess test-compile exec:java
 * -Dexec.mainClass=io.maskflow.preprocess.PreprocessBenchmark [-Dexec.args="persons rounds"]}
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
        double[] decode = new double[rounds];
        double[] preprocess = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double d = decodeRate(files, threads);
            long start = System.nanoTime();
            Path out = Files.createTempDirectory("preprocess-bench-out");
            PreprocessJob.Result result = new PreprocessJob(params, threads).run(List.of(new DirectorySource(root)),
                    TestData.folder(out), done -> { });
            double p = result.index().count() / ((System.nanoTime() - start) / 1e9);
            if (round >= 0) {
                decode[round] = d;
                preprocess[round] = p;
            }
        }
        Arrays.sort(decode);
        Arrays.sort(preprocess);
        double d = decode[rounds / 2];
        double p = preprocess[rounds / 2];
        System.out.printf("preprocess benchmark: %d images of 384 x 512 (JPEG) to 64 x 64 shards, %d threads, "
                + "median of %d rounds%n", files.size(), threads, rounds);
        System.out.printf("  raw JPEG decode of the same files   %7.1f images/s%n", d);
        System.out.printf("  preprocessing (whole job)           %7.1f images/s%n", p);
        System.out.printf("  preprocessing / decode              %7.2f  (goal: at least 0.80)%n", p / d);
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

    private static double decodeRate(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> decoded = new ArrayList<>();
            for (Path file : files) {
                decoded.add(pool.submit(() -> ImageIO.read(file.toFile()).getWidth()));
            }
            for (Future<Integer> f : decoded) {
                f.get();
            }
            return files.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
