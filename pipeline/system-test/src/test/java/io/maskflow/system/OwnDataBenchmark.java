package io.maskflow.system;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Wall times of a user's data through the real stack, printed as median and spread of several runs:
 * <ul>
 * <li>{@code upload}: {@code ./maskflow upload} of a folder of 2,700 persons x 7 photos (18,900 JPEGs of 384 x 512,
 * noisy enough to weigh about what the real photos weigh), each run a new data set (its train.csv differs by one
 * line), so every file is sent;</li>
 * <li>{@code train}: {@code train-on-dataset} with its defaults on 200 persons (1,400 photos) and a 100-photo eval
 * folder, each run with another seed so nothing is answered from the cache.</li>
 * </ul>
 * Run: {@code mvn -q -o test-compile -pl pipeline/system-test} (after {@code mvn install -DskipTests}), then
 * {@code java -cp "$(cat pipeline/system-test/target/cp.txt):pipeline/system-test/target/test-classes"
 * io.maskflow.system.OwnDataBenchmark upload|train [runs]} from the repository root. The photos are written under
 * {@code target/} and never committed.
 */
public final class OwnDataBenchmark {

    private OwnDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "upload";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LocalStack stack = LocalStack.shared();
        List<String> modules = what.equals("upload") ? List.of("pipeline/orchestrator") : List.of(
                "pipeline/orchestrator", "services/preprocess", "services/trainer", "services/evaluator");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (String module : modules) {
                services.add(ServiceProcess.startOnFreePort(module, stack, List.of(),
                        "/q/health/live"));
            }
            String url = services.get(0).url();
            List<Double> seconds = new ArrayList<>();
            if (what.equals("upload")) {
                Path folder = photos(Path.of("pipeline/system-test/target/benchmark-18900"), 2700, 0);
                for (int run = 0; run < runs; run++) {
                    Files.writeString(folder.resolve("train/train.csv"), "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                    long start = System.nanoTime();
                    String out = maskflow(url, "upload", folder.toString());
                    seconds.add((System.nanoTime() - start) / 1e9);
                    System.out.printf(Locale.ROOT, "run %d: %.1f s%n%s%n", run + 1, seconds.get(run), tail(out, 4));
                }
            } else {
                Path folder = photos(Path.of("pipeline/system-test/target/benchmark-200"), 200, 100);
                String out = maskflow(url, "upload", folder.toString());
                String key = out.replaceAll("(?s).*dataset (datasets/[0-9a-f]{32}/maskflow-dataset.json).*", "$1");
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    String followed = maskflow(url, "submit", "train-on-dataset", "-p", "dataset=" + key, "-p",
                            "seed=" + (100 + run), "-p", "promote=false", "--follow");
                    seconds.add((System.nanoTime() - start) / 1e9);
                    System.out.printf(Locale.ROOT, "run %d: %.1f s%n%s%n", run + 1, seconds.get(run),
                            tail(followed, 12));
                }
            }
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%s: median %.1f s, min %.1f s, max %.1f s over %d runs %s%n", what,
                    sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(),
                    seconds);
        } finally {
            for (ServiceProcess s : services) {
                s.close();
            }
            stack.close();
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** A data set folder of {@code persons} x 7 noisy photos and {@code evalImages} eval photos (made once). */
    static Path photos(Path root, int persons, int evalImages) throws IOException {
        if (Files.exists(root.resolve("train/train.csv"))) {
            return root;
        }
        Random random = new Random(5);
        byte[][] pool = new byte[64][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = noisy(random);
        }
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        for (int p = 0; p < persons; p++) {
            String gender = p % 2 == 0 ? "female" : "male";
            int age = 18 + p % 43;
            String folder = String.format("%06d_%s_Asian_%d", p + 1, gender, age);
            csv.append(String.format("%06d,%s,Asian,%d,%s%n", p + 1, gender, age, folder));
            Path dir = Files.createDirectories(root.resolve("train/images/" + folder));
            for (String stem : OwnDataset.STEMS) {
                byte[] photo = pool[random.nextInt(pool.length)].clone();
                photo[photo.length - 3] = (byte) random.nextInt(); // distinct bytes, same decodable JPEG
                Files.write(dir.resolve(stem + ".jpg"), photo);
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv.toString());
        if (evalImages > 0) {
            Path eval = Files.createDirectories(root.resolve("eval/images"));
            StringBuilder info = new StringBuilder("ImageID,ans\n");
            for (int i = 0; i < evalImages; i++) {
                String id = String.format("%040x.jpg", i);
                Files.write(eval.resolve(id), pool[i % pool.length]);
                info.append(id).append(",0\n");
            }
            Files.writeString(root.resolve("eval/info.csv"), info.toString());
        }
        return root;
    }

    private static byte[] noisy(Random random) throws IOException {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        int base = random.nextInt(0xffffff);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 384; x++) {
                int n = random.nextInt(40);
                image.setRGB(x, y, base + (n << 16) + (n << 8) + n);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static String maskflow(String url, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./maskflow"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MASKFLOW_URL", url);
        builder.environment().put("MASKFLOW_TOKEN", LocalStack.shared().tokens().token("operator"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException("maskflow " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }
}
