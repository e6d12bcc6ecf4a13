package io.maskflow.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.trainer.data.Augmenter;
import io.maskflow.trainer.data.BatchLoader;
import io.maskflow.trainer.data.HostBatch;
import io.maskflow.trainer.data.Sampler;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.RandomDraws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training throughput, two ways on the same images, model and batch size: (a) pure compute — forward, backward
 * and optimiser step on batches already in memory as NDArrays — and (b) the full training loop of
 * {@link TrainingRunner} with the default recipe: weighted sampling, random crop, flip and colour jitter, batches
 * assembled by the loader threads and copied in. Prints both rates and b / a (goal ≥ 0.90).
 *
 * <p>Run: {@code mvn -q -pl services/trainer test-compile exec:java
 * -Dexec.mainClass=io.maskflow.trainer.TrainingBenchmark [-Dexec.args="compact-cnn:64,resnet18:96 images"]}
 */
public final class TrainingBenchmark {

    static final int BATCH = 32;
    /** Passes of (a) and epochs of (b), each timed on its own. */
    private static final int PASSES = 5;
    private static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    private static final float[] STD = {0.25f, 0.25f, 0.25f};

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] cases = (args.length > 0 ? args[0] : "compact-cnn:64,compact-cnn:96,resnet18:64,resnet18:96")
                .split(",");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 640;
        System.setProperty("ai.djl.offline", "true");
        System.out.printf(Locale.ROOT, "median [lowest - highest] of %d passes (a) and %d epochs (b)%n", PASSES,
                PASSES);
        System.out.printf(Locale.ROOT, "%-12s %5s %7s %22s %22s %6s%n", "model", "size", "images", "a compute/s",
                "b training/s", "b/a");
        for (String c : cases) {
            String architecture = c.split(":")[0];
            int size = Integer.parseInt(c.split(":")[1]);
            List<ShardRecord> records = records(images, size);
            TrainParams params = TrainParams.builder().architecture(TrainParams.Architecture.of(architecture))
                    .batchSize(BATCH).epochs(PASSES).validationFold(0).sampling(TrainParams.Sampling.WEIGHTED).build();
            computeOnly(params, records, size); // warms PyTorch's kernels for this network and size
            double[] b = fullLoop(params, records, size);
            double[] a = computeOnly(params, records, size);
            System.out.printf(Locale.ROOT, "%-12s %5d %7d %22s %22s %6.2f%n", architecture, size,
                    records.size() * 4 / 5, spread(a), spread(b), median(b) / median(a));
        }
    }

    /**
     * Noise images with random labels in 5 folds (one for validation). Nothing is learnable on purpose: training
     * slowed down as a network drove its loss towards zero, first put on denormal numbers; {@link FittingBenchmark}
     * later traced it to glibc's per-thread malloc arenas (docs/trainer.md), but noise keeps the two rates apart
     * from whatever the values do.
     */
    static List<ShardRecord> records(int count, int size) {
        Random random = new Random(1);
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(Label.CLASSES);
            byte[] px = new byte[size * size * 3];
            random.nextBytes(px);
            records.add(new ShardRecord(label, i / 7, (i / 7) % 5, px));
        }
        return records;
    }

    /**
     * (a): the rates of five passes over the training images, each batch assembled beforehand (plain
     * transform, one-hot targets) and only copied into an NDArray. Each pass trains a fresh network after two
     * unmeasured batches, as the runner's epochs see a network that has not memorised its input.
     */
    private static double[] computeOnly(TrainParams params, List<ShardRecord> records, int size) {
        Heads heads = TrainingRunner.heads(params.heads());
        List<ShardRecord> train = records.stream().filter(r -> r.fold() != params.validationFold()).toList();
        List<HostBatch> ready = assembled(train, size);
        int batches = ready.size();
        double[] rates = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
                model.setBlock(Architectures.build(params.architecture().id(), heads, size));
                LearningRateSchedule schedule = new LearningRateSchedule(TrainParams.Schedule.COSINE, 1e-3f, 0,
                        batches * 4);
                try (Trainer trainer = model.newTrainer(TrainingRunner.config(params, TrainingRunner.loss(params,
                        heads, new int[] {0}), schedule, new Device[] {Device.cpu()}))) {
                    trainer.initialize(new Shape(1, 3, size, size));
                    trainBatches(trainer, ready.subList(0, 2), size);
                    long start = System.nanoTime();
                    trainBatches(trainer, ready, size);
                    rates[pass] = batches * BATCH / ((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return rates;
    }

    /** The records in a shuffled order, as whole batches of 32 with the plain transform and one-hot targets. */
    static List<HostBatch> assembled(List<ShardRecord> records, int size) {
        List<HostBatch> batches = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(records, size, MEAN, STD, Augmenter.Settings.NONE, 1)) {
            int[] order = RandomDraws.shuffled(records.size(), Sampler.random(1, 1, 1));
            for (int b = 0; b < records.size() / BATCH; b++) {
                batches.add(loader.assemble(order, b * BATCH, (b + 1) * BATCH, false, null, Sampler.random(1, 1, b)));
            }
        }
        return batches;
    }

    /** Forward, backward and an optimiser step for each batch (of 32). */
    static void trainBatches(Trainer trainer, List<HostBatch> batches, int size) {
        for (HostBatch host : batches) {
            // the inputs live in the step's manager, so every intermediate array is freed with it
            try (NDManager step = trainer.getManager().newSubManager()) {
                TrainingRunner.trainBatch(trainer, new NDList(step.create(host.images(), new Shape(BATCH, 3, size,
                        size))), new NDList(step.create(host.targets(), new Shape(BATCH, Label.CLASSES))), BATCH,
                        new Device[] {Device.cpu()}, step);
                trainer.step();
            }
        }
    }

    /** (b): the training rates of five epochs of the real runner (its own clock excludes validation). */
    private static double[] fullLoop(TrainParams params, List<ShardRecord> records, int size) throws Exception {
        Path dir = Files.createTempDirectory("train-bench");
        TrainingRunner.Result result = new TrainingRunner(List.of(Device.cpu()), Checkpoints.NONE, () -> false)
                .train(params, new TrainingRunner.Data(records, size, MEAN,
                        STD, null, null), dir.resolve("m.zip"), (e, n) -> { });
        return result.curve().stream().mapToDouble(TrainingRunner.Epoch::imagesPerSecond).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** "median [lowest - highest]" of the values. */
    private static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f [%.1f - %.1f]", median(values), sorted[0], sorted[sorted.length - 1]);
    }
}
