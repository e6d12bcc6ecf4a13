package io.maskflow.vision.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Detection + 68 landmarks on 384 x 512 photos, one core: this package on DJL's PyTorch engine with one intra-op
 * thread against face-api itself in Node (TensorFlow.js WASM backend, one thread) on the same pixels, in
 * interleaved rounds (Java, then Node, then Java...) because this machine's speed drifts. Prints each round and the
 * median, the spread and the ratio. Needs the reference photos ({@link ReferencePhotos}) and
 * {@code npm ci} in {@code src/test/node}. Run from the project's folder:
 * <pre>
 * OMP_NUM_THREADS=1 mvn -q -pl services/vision test-compile exec:java \
 *     -Dexec.mainClass=io.maskflow.vision.face.FaceBenchmark -Dexec.args="5 10"
 * </pre>
 * Arguments: rounds (default 5), passes over the photos per round (default 10).
 */
public final class FaceBenchmark {

    private static final Path MODULE = Path.of("services/vision");
    private static final Pattern NODE_MS = Pattern.compile("\"msPerPhoto\":([0-9.]+)");

    private FaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = MODULE.resolve("target/reference-photos");
        if (!Files.exists(dir.resolve("bench-00.png"))) {
            ReferencePhotos.main(new String[] {dir.toString()});
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("bench-")).sorted().toList();
        }
        List<BufferedImage> photos = new ArrayList<>();
        for (Path file : files) {
            photos.add(ImageIO.read(file.toFile()));
        }
        double[] java = new double[rounds];
        double[] node = new double[rounds];
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            for (BufferedImage photo : photos) {
                analyzer.detectWithLandmarks(photo);
            }
            for (int r = 0; r < rounds; r++) {
                long started = System.nanoTime();
                int faces = 0;
                for (int p = 0; p < passes; p++) {
                    for (BufferedImage photo : photos) {
                        faces += analyzer.detectWithLandmarks(photo).size();
                    }
                }
                java[r] = (System.nanoTime() - started) / 1e6 / (passes * photos.size());
                node[r] = node(files, passes);
                System.out.printf(Locale.ROOT, "round %d: Java %.1f ms/photo (%d faces), Node %.1f ms/photo%n", r + 1,
                        java[r], faces / passes, node[r]);
            }
        }
        System.out.printf(Locale.ROOT, "%d photos 384x512, %d rounds of %d passes, one thread each%n", photos.size(),
                rounds, passes);
        System.out.printf(Locale.ROOT, "Java (DJL PyTorch): median %.1f ms, spread %.1f-%.1f%n", median(java),
                min(java), max(java));
        System.out.printf(Locale.ROOT, "Node (face-api, tfjs WASM): median %.1f ms, spread %.1f-%.1f%n",
                median(node), min(node), max(node));
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = node[r] / java[r];
        }
        System.out.printf(Locale.ROOT, "Node / Java per round: median %.2f, spread %.2f-%.2f (above 1: Java faster)%n",
                median(ratios), min(ratios), max(ratios));
    }

    /** Node's mean ms per photo over {@code passes} passes, after its own warm-up. */
    private static double node(List<Path> files, int passes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "bench.js", "--reps", String.valueOf(passes)));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).directory(MODULE.resolve("src/test/node").toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("node bench.js failed:\n" + out);
        }
        Matcher m = NODE_MS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no msPerPhoto in node's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
