package io.maskflow.preprocess;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.source.DirectorySource;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * What {@code crop=face} costs: the whole preprocessing job on the same photos with {@code crop=centre} and with
 * {@code crop=face}, interleaved, medians of several rounds. The photos are 384 x 512 JPEGs, each a generated face
 * (datagen's renderer, {@code face.jpg}) at a random size and place over a random background. The face analyzer is
 * loaded once before the rounds, as a service does; PyTorch's thread count is the process's
 * ({@code -Dai.djl.pytorch.num_threads}).
 *
 * <p>Run: {@code mvn -q -pl services/preprocess test-compile exec:java
 * -Dexec.mainClass=io.maskflow.preprocess.FaceCropBenchmark [-Dexec.args="persons rounds"]}
 */
public final class FaceCropBenchmark {

    private FaceCropBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = Runtime.getRuntime().availableProcessors();
        Path root = Files.createTempDirectory("face-crop-bench");
        int images = layOut(root, persons);
        PreprocessParams centre = StepParameters.bind(Map.of("imageSize", 64), PreprocessParams.DEFAULTS);
        PreprocessParams face = StepParameters.bind(Map.of("imageSize", 64, "crop", "face"),
                PreprocessParams.DEFAULTS);
        double[] centreRates = new double[rounds];
        double[] faceRates = new double[rounds];
        int fallbacks = 0;
        try (SharedFaceAnalyzer faces = new SharedFaceAnalyzer()) {
            faces.get();
            for (int round = -1; round < rounds; round++) {
                double c = rate(centre, root, threads, faces)[0];
                double[] f = rate(face, root, threads, faces);
                if (round >= 0) {
                    centreRates[round] = c;
                    faceRates[round] = f[0];
                    fallbacks = (int) f[1];
                }
            }
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = faceRates[r] / centreRates[r];
        }
        double c = median(centreRates);
        double f = median(faceRates);
        System.out.printf("crop=face benchmark: %d images of 384 x 512 (JPEG, one face each) to 64 x 64 shards, "
                + "%d threads, PyTorch intra-op threads %s; median [lowest - highest] of %d rounds%n", images, threads,
                System.getProperty("ai.djl.pytorch.num_threads", "default"), rounds);
        System.out.printf("  crop=centre   %s images/s   rounds %s%n", PreprocessBenchmark.spread(centreRates, "%.1f"),
                Arrays.toString(round(centreRates)));
        System.out.printf("  crop=face     %s images/s   rounds %s%n", PreprocessBenchmark.spread(faceRates, "%.1f"),
                Arrays.toString(round(faceRates)));
        System.out.printf("  face / centre %s (per round; %.1f ms more per image and thread at the medians; %d of %d "
                + "without a face)%n", PreprocessBenchmark.spread(ratios, "%.3f"), (1000.0 / f - 1000.0 / c) * threads,
                fallbacks, images);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] round(double[] rates) {
        return Arrays.stream(rates).map(r -> Math.round(r * 10) / 10.0).toArray();
    }

    /** Images per second of one whole job, and its face fallbacks. */
    private static double[] rate(PreprocessParams params, Path root, int threads, SharedFaceAnalyzer faces)
            throws Exception {
        Path out = Files.createTempDirectory("face-crop-bench-out");
        long start = System.nanoTime();
        PreprocessJob.Result result = new PreprocessJob(params, threads, faces).run(
                List.of(new DirectorySource(root)), TestData.folder(out), done -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {result.index().count() / seconds, result.report().faceFallbacks()};
    }

    /** Persons with seven photos each, every one the face somewhere else; answers the number of images. */
    private static int layOut(Path root, int persons) throws Exception {
        BufferedImage face;
        try (InputStream in = FaceCropBenchmark.class.getResourceAsStream("/io/maskflow/dev/face.jpg")) {
            face = ImageIO.read(in);
        }
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        int images = 0;
        for (int i = 1; i <= persons; i++) {
            String folder = String.format("%06d_%s_Asian_%d", i, random.nextBoolean() ? "female" : "male",
                    18 + random.nextInt(43));
            csv.append(folder.substring(0, 6)).append(',').append(folder.split("_")[1]).append(",Asian,")
                    .append(folder.split("_")[3]).append(',').append(folder).append('\n');
            Path dir = Files.createDirectories(root.resolve("train/images/" + folder));
            for (String stem : Mask.fileStems()) {
                Files.write(dir.resolve(stem + ".jpg"), photo(face, random));
                images++;
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv);
        return images;
    }

    private static byte[] photo(BufferedImage face, Random random) throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 384, 512,
                new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, 384, 512);
        double scale = 0.6 + 0.4 * random.nextDouble();
        int w = (int) (384 * scale);
        int h = (int) (512 * scale);
        g.drawImage(face, random.nextInt(384 - w + 1), random.nextInt(512 - h + 1), w, h, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
