package io.maskflow.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.trainer.data.HostBatch;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One network trained pass after pass on images it can learn (a noisy copy of one of 18 class templates), as the
 * runner's epochs train one network: prints each pass's images/s, and at the end the process's minor page faults
 * and CPU seconds in the kernel (from /proc/self/stat). Run under different {@code GLIBC_TUNABLES} by
 * {@code scripts/trainer-malloc-benchmark.sh}, it shows what the C allocator's settings cost the training step.
 *
 * <p>Args: [passes (8)] [architecture (compact-cnn)] [image size (64)].
 */
public final class FittingBenchmark {

    private static final int IMAGES = 1280;

    private FittingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String architecture = args.length > 1 ? args[1] : "compact-cnn";
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        System.setProperty("ai.djl.offline", "true");
        TrainParams params = TrainParams.builder().architecture(TrainParams.Architecture.of(architecture))
                .batchSize(TrainingBenchmark.BATCH).epochs(passes).validationFold(0).build();
        Heads heads = TrainingRunner.heads(params.heads());
        List<HostBatch> batches = batches(size);
        int images = batches.size() * TrainingBenchmark.BATCH;
        StringBuilder rates = new StringBuilder();
        try (Model model = Model.newInstance("fitting", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build(architecture, heads, size));
            LearningRateSchedule schedule = new LearningRateSchedule(TrainParams.Schedule.COSINE, 3e-3f, 0,
                    batches.size() * passes);
            try (Trainer trainer = model.newTrainer(TrainingRunner.config(params, TrainingRunner.loss(params,
                    heads, new int[] {0}), schedule, new Device[] {Device.cpu()}))) {
                trainer.initialize(new Shape(1, 3, size, size));
                for (int pass = 0; pass < passes; pass++) {
                    long start = System.nanoTime();
                    TrainingBenchmark.trainBatches(trainer, batches, size);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates.append(String.format(Locale.ROOT, " %.1f", images / seconds));
                }
            }
        }
        // /proc/self/stat: field 10 is minflt, 15 stime (clock ticks, 100 a second on Linux)
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        System.out.printf(Locale.ROOT, "passes images/s:%s%nminor faults: %s%nkernel CPU s: %.2f%n", rates,
                fields[7], Long.parseLong(fields[12]) / 100.0);
    }

    /** 1,280 images in shuffled batches of 32: each a class template with every sample moved by up to ±20. */
    private static List<HostBatch> batches(int size) {
        Random random = new Random(1);
        byte[][] templates = new byte[Label.CLASSES][size * size * 3];
        for (byte[] template : templates) {
            random.nextBytes(template);
        }
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            int label = random.nextInt(Label.CLASSES);
            byte[] pixels = templates[label].clone();
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (byte) (pixels[k] + random.nextInt(41) - 20);
            }
            records.add(new ShardRecord(label, i / 7, 1, pixels));
        }
        return TrainingBenchmark.assembled(records, size);
    }
}
