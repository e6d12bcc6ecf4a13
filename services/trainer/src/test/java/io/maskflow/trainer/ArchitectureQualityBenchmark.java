package io.maskflow.trainer;

import ai.djl.Device;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validation figures of several architectures after the same number of epochs of the same recipe on the same
 * shards: a preprocess job's output in a local folder ({@code index.json} beside the shard files it names), e.g. a
 * generated data set prepared by datagen and preprocess. Each architecture trains once per seed with the default
 * recipe plus {@code classWeights=balanced} (what the {@code train-and-serve} pipeline passes); the architectures
 * take turns within a seed. Prints every epoch's validation macro F1 and, per architecture, the median and spread
 * over the seeds of the last epoch's macro F1, the head accuracies and the training rate.
 *
 * <p>Run: {@code mvn -q -pl services/trainer test-compile exec:java
 * -Dexec.mainClass=io.maskflow.trainer.ArchitectureQualityBenchmark
 * -Dexec.args="<shard folder> [compact-cnn,vit-tiny,convnext-nano] [epochs] [seeds] [learningRate]"}
 * (defaults: those three, 6 epochs, 1 seed, 0.001).
 */
public final class ArchitectureQualityBenchmark {

    private ArchitectureQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<String> architectures = List.of((args.length > 1 ? args[1] : "compact-cnn,vit-tiny,convnext-nano")
                .split(","));
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        double learningRate = args.length > 4 ? Double.parseDouble(args[4]) : 0.001;
        System.setProperty("ai.djl.offline", "true");
        ShardIndex index = EventCodec.instance().mapper().readValue(folder.resolve("index.json").toFile(),
                ShardIndex.class);
        List<ShardRecord> records = new ArrayList<>();
        for (ShardIndex.Shard shard : index.shards()) {
            Path file = folder.resolve(shard.ref().key());
            try (InputStream in = Files.newInputStream(file); ShardReader reader = new ShardReader(in)) {
                reader.forEach(records::add);
            }
        }
        float[] mean = floats(index.mean());
        float[] std = floats(index.std());
        System.out.printf(Locale.ROOT, "%d images of %d persons at %d px, folds %s; %d epochs, learning rate %s, "
                + "%d seed(s)%n", records.size(), index.persons(), index.imageSize(), index.foldCounts(), epochs,
                learningRate, seeds);
        Map<String, List<TrainingRunner.Epoch>> last = new LinkedHashMap<>();
        architectures.forEach(a -> last.put(a, new ArrayList<>()));
        for (int seed = 0; seed < seeds; seed++) {
            for (String architecture : architectures) {
                TrainParams params = TrainParams.builder().architecture(TrainParams.Architecture.of(architecture))
                        .epochs(epochs).learningRate(learningRate).classWeights(TrainParams.ClassWeights.BALANCED)
                        .seed(42 + seed).build();
                Path dir = Files.createTempDirectory("quality-bench");
                TrainingRunner.Result result = new TrainingRunner(List.of(Device.cpu()), Checkpoints.NONE,
                        () -> false).train(params, new TrainingRunner.Data(records, index.imageSize(), mean, std,
                        null, null), dir.resolve("m.zip"), (e, n) -> { });
                List<TrainingRunner.Epoch> curve = result.curve();
                TrainingRunner.Epoch end = curve.get(curve.size() - 1);
                last.get(architecture).add(end);
                System.out.printf(Locale.ROOT, "seed %d %-14s val macro F1 per epoch %s; %.0f images/s%n", 42 + seed,
                        architecture, curve.stream().map(e -> String.format(Locale.ROOT, "%.3f", e.valMacroF1()))
                                .collect(Collectors.joining(" ")), end.imagesPerSecond());
                Files.deleteIfExists(dir.resolve("m.zip"));
                Files.deleteIfExists(dir);
            }
        }
        System.out.printf(Locale.ROOT, "%-14s %24s %24s %24s %24s %24s%n", "model", "val macro F1", "mask acc",
                "gender acc", "age acc", "training images/s");
        for (var entry : last.entrySet()) {
            List<TrainingRunner.Epoch> ends = entry.getValue();
            System.out.printf(Locale.ROOT, "%-14s %24s %24s %24s %24s %24s%n", entry.getKey(),
                    spread(ends.stream().mapToDouble(TrainingRunner.Epoch::valMacroF1).toArray(), "%.3f"),
                    spread(ends.stream().mapToDouble(TrainingRunner.Epoch::maskAccuracy).toArray(), "%.3f"),
                    spread(ends.stream().mapToDouble(TrainingRunner.Epoch::genderAccuracy).toArray(), "%.3f"),
                    spread(ends.stream().mapToDouble(TrainingRunner.Epoch::ageAccuracy).toArray(), "%.3f"),
                    spread(ends.stream().mapToDouble(TrainingRunner.Epoch::imagesPerSecond).toArray(), "%.1f"));
        }
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** "median [lowest - highest]" of the values. */
    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]", median, sorted[0],
                sorted[n - 1]);
    }
}
