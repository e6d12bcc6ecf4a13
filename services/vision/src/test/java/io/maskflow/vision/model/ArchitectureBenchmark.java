package io.maskflow.vision.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training compute per network: forward, backward and an AdamW step on batches of 32 images already in memory,
 * three heads, cross-entropy, at one image size (default 96 px, the preprocess default). Every round builds a
 * fresh network per architecture, trains two unmeasured batches, then times {@code steps} batches; the
 * architectures take turns within a round because this machine's speed drifts, each rate is printed as the median
 * and the spread (lowest – highest) of the rounds, and the ratio to the first architecture is taken within each
 * round. The images are noise with random labels, so no network memorises them during the run (a loss near zero
 * slows PyTorch's CPU kernels down on denormal numbers, see docs/trainer.md). Also prints each network's
 * parameter count and its forward-only rate (batch 32, no gradients).
 *
 * <p>Run: {@code mvn -o -q -pl services/vision test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.maskflow.vision.model.ArchitectureBenchmark
 * [-Dexec.args="compact-cnn,vit-tiny,convnext-nano 96 5 8"]} (architectures, image size, rounds, timed batches).
 * PyTorch's thread count is the engine's default (the cores) unless {@code -Dai.djl.pytorch.num_threads} says
 * otherwise.
 */
public final class ArchitectureBenchmark {

    private static final int BATCH = 32;

    private ArchitectureBenchmark() {
    }

    public static void main(String[] args) {
        List<String> architectures = List.of((args.length > 0 ? args[0] : "compact-cnn,vit-tiny,convnext-nano")
                .split(","));
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        System.setProperty("ai.djl.offline", "true");
        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "PyTorch %s, %d cores, %s px, batch %d, %d rounds of %d timed batches; "
                + "load average %.1f at the start%n", engine.getVersion(), Runtime.getRuntime().availableProcessors(),
                size, BATCH, rounds, steps, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        Map<String, double[]> train = new LinkedHashMap<>();
        Map<String, double[]> infer = new LinkedHashMap<>();
        Map<String, double[]> ratio = new LinkedHashMap<>();
        for (String architecture : architectures) {
            train.put(architecture, new double[rounds]);
            infer.put(architecture, new double[rounds]);
            ratio.put(architecture, new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (String architecture : architectures) {
                double[] rates = rates(architecture, size, steps, round);
                train.get(architecture)[round] = rates[0];
                infer.get(architecture)[round] = rates[1];
                ratio.get(architecture)[round] = rates[0] / train.get(architectures.get(0))[round];
            }
            int r = round;
            System.out.printf(Locale.ROOT, "round %d, training images/s: %s%n", round + 1, architectures.stream()
                    .map(a -> String.format(Locale.ROOT, "%s %.1f", a, train.get(a)[r])).toList());
        }
        System.out.printf(Locale.ROOT, "%-14s %10s %26s %10s %26s%n", "model", "parameters", "training images/s",
                "vs " + architectures.get(0), "forward-only images/s");
        for (String architecture : architectures) {
            System.out.printf(Locale.ROOT, "%-14s %,10d %26s %10.2f %26s%n", architecture,
                    ArchitecturesTest.parameterCount(architecture, size), spread(train.get(architecture)),
                    median(ratio.get(architecture)), spread(infer.get(architecture)));
        }
    }

    /** {training images/s, forward-only images/s} of a fresh network. */
    private static double[] rates(String architecture, int size, int steps, int round) {
        try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build(architecture, Heads.THREE, size));
            DefaultTrainingConfig config = new DefaultTrainingConfig(new TrainingLoss(Heads.THREE,
                    TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, null))
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, size, size));
                List<float[][]> batches = batches(size, steps + 2, round);
                trainSteps(trainer, batches.subList(0, 2), size);
                long start = System.nanoTime();
                trainSteps(trainer, batches.subList(2, batches.size()), size);
                double training = steps * BATCH / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                for (float[][] batch : batches.subList(2, batches.size())) {
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        trainer.evaluate(new NDList(step.create(batch[0], new Shape(BATCH, 3, size, size))))
                                .singletonOrThrow().toFloatArray();
                    }
                }
                double forward = steps * BATCH / ((System.nanoTime() - start) / 1e9);
                return new double[] {training, forward};
            }
        }
    }

    private static void trainSteps(Trainer trainer, List<float[][]> batches, int size) {
        for (float[][] batch : batches) {
            // inputs in a per-step manager, so every intermediate array is freed with it
            try (NDManager step = trainer.getManager().newSubManager();
                    GradientCollector collector = trainer.newGradientCollector()) {
                NDArray images = step.create(batch[0], new Shape(BATCH, 3, size, size));
                NDArray labels = step.create(batch[1], new Shape(BATCH, 18));
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(images)));
                collector.backward(loss);
            }
            trainer.step();
        }
    }

    /** {pixels, one-hot targets} of noise images with random labels. */
    private static List<float[][]> batches(int size, int count, int round) {
        Random random = new Random(round);
        List<float[][]> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] pixels = new float[BATCH * 3 * size * size];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            float[] targets = new float[BATCH * 18];
            for (int i = 0; i < BATCH; i++) {
                targets[i * 18 + random.nextInt(18)] = 1;
            }
            batches.add(new float[][] {pixels, targets});
        }
        return batches;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** "median [lowest - highest]". */
    static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f [%.1f - %.1f]", median(values), sorted[0], sorted[sorted.length - 1]);
    }
}
