package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.metrics.ClassificationMetrics;
import io.maskflow.vision.model.DecisionBias;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training on a small learnable set: each class has its own colours and stripes, with noise. */
class TrainingRunnerTest {

    static final int SIZE = 16;
    static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    static final float[] STD = {0.25f, 0.25f, 0.25f};

    /** Mask state as stripes, gender as the red channel, age as brightness; noise on top. */
    static List<ShardRecord> learnable(int persons, long seed) {
        return learnable(persons, seed, SIZE);
    }

    static List<ShardRecord> learnable(int persons, long seed, int size) {
        Random random = new Random(seed);
        List<ShardRecord> records = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            int gender = random.nextInt(2);
            int age = random.nextInt(3);
            for (int mask = 0; mask < 3; mask++) {
                byte[] px = new byte[size * size * 3];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int i = (y * size + x) * 3;
                        boolean stripe = mask == 0 ? y > size / 2 : mask == 1 ? x % 4 < 2 : false;
                        int base = 60 + age * 60 + random.nextInt(30);
                        px[i] = (byte) Math.min(255, gender == 1 ? base + 60 : base - 40);
                        px[i + 1] = (byte) (stripe ? 230 : base);
                        px[i + 2] = (byte) base;
                    }
                }
                records.add(new ShardRecord(6 * mask + 3 * gender + age, p, p % 3, px));
            }
        }
        return records;
    }

    @Test
    void theDescriptorCarriesTheAgeCutOffsTheDataWasLabelledWith(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(1).batchSize(16).maxBatches(1).build();
        TrainingRunner.Result result = new TrainingRunner().train(params, new TrainingRunner.Data(learnable(12, 3),
                SIZE, MEAN, STD, null, Map.of("middleAgeFrom", 28, "oldAgeFrom", 58)), dir.resolve("model.zip"),
                (e, n) -> { });
        ModelDescriptor descriptor = ModelArtifact.describe(result.artifact());
        assertThat(descriptor.middleAgeFrom()).isEqualTo(28);
        assertThat(descriptor.oldAgeFrom()).isEqualTo(58);
        // without preprocess parameters, the competition's cut-offs
        TrainingRunner.Result plain = new TrainingRunner().train(params, new TrainingRunner.Data(learnable(12, 3),
                SIZE, MEAN, STD, null, null), dir.resolve("plain.zip"), (e, n) -> { });
        assertThat(ModelArtifact.describe(plain.artifact()).oldAgeFrom()).isEqualTo(60);
    }

    @Test
    void fitsAndStoresADecisionBiasOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(2).batchSize(16).learningRate(0.01).validationFold(0)
                .maxBatches(6).calibrate(TrainParams.Calibrate.MACRO_F1).build();
        List<ShardRecord> records = learnable(60, 5);
        TrainingRunner.Result result = new TrainingRunner().train(params, new TrainingRunner.Data(records, SIZE, MEAN,
                STD, null, null), dir.resolve("model.zip"), (e, n) -> { });

        ModelDescriptor stored = ModelArtifact.describe(result.artifact());
        assertThat(stored.logitBias()).hasSize(8).isEqualTo(result.descriptor().logitBias());
        assertThat(stored.logitBias()[0]).isZero();
        assertThat(stored.metrics().get("valMacroF1Biased")).as("fitted on the validation fold itself")
                .isGreaterThanOrEqualTo(stored.metrics().get("valMacroF1"));

        TrainingRunner.Result plain = new TrainingRunner().train(params.toBuilder()
                .calibrate(TrainParams.Calibrate.NONE).build(), new TrainingRunner.Data(records, SIZE, MEAN, STD, null,
                null), dir.resolve("plain.zip"), (e, n) -> { });
        assertThat(ModelArtifact.describe(plain.artifact()).logitBias()).isNull();
        assertThat(plain.descriptor().metrics()).doesNotContainKey("valMacroF1Biased")
                .containsEntry("valMacroF1", stored.metrics().get("valMacroF1"));
    }

    @Test
    void learnsTheThreeHeadsAndSavesAModelThatLoadsBackExactly(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(4).batchSize(16).learningRate(0.01).validationFold(0).build();
        List<TrainingRunner.Epoch> seen = new ArrayList<>();
        TrainingRunner.Result result = new TrainingRunner().train(params, new TrainingRunner.Data(
                learnable(150, 1), SIZE, MEAN, STD, null, null), dir.resolve("model.zip"), (e, n) -> seen.add(e));

        assertThat(seen).hasSize(4);
        TrainingRunner.Epoch last = seen.get(3);
        System.out.println("last epoch: " + last);
        assertThat(last.loss()).isLessThan(seen.get(0).loss());
        assertThat(last.valMacroF1()).as("chance is about 0.06").isGreaterThan(0.5);
        assertThat(last.maskAccuracy()).isGreaterThan(0.8);
        // the training images are learnable too: their F1 rises with the validation one
        assertThat(last.trainMacroF1()).isGreaterThan(0.5).isGreaterThan(seen.get(0).trainMacroF1());

        ModelDescriptor descriptor = ModelArtifact.describe(result.artifact());
        assertThat(descriptor.architecture()).isEqualTo("compact-cnn");
        assertThat(descriptor.metrics()).containsKey("valMacroF1");
        float[] first = predict(result.artifact());
        Path again = dir.resolve("again.zip");
        try (Model model = ModelArtifact.load(result.artifact(), Device.cpu())) {
            ModelArtifact.save(model, descriptor, again);
        }
        assertThat(predict(again)).as("bit-exact after a save and load").containsExactly(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stem-cnn", "ibn-cnn", "vit-tiny", "convnext-nano"})
    void trainsTheNewNetworksByNameIntoAModelThatLoadsBackFromItsDescriptor(String architecture, @TempDir Path dir)
            throws Exception {
        int size = 32;
        TrainParams params = TrainParams.builder().architecture(TrainParams.Architecture.of(architecture)).epochs(1)
                .batchSize(8).maxBatches(2).validationFold(0).build();
        TrainingRunner.Result result = new TrainingRunner().train(params, new TrainingRunner.Data(learnable(9, 5,
                size), size, MEAN, STD, null, null), dir.resolve("model.zip"), (e, n) -> { });
        ModelDescriptor descriptor = ModelArtifact.describe(result.artifact());
        assertThat(descriptor.architecture()).isEqualTo(architecture);
        assertThat(descriptor.imageSize()).isEqualTo(size);
        try (Model model = ModelArtifact.load(result.artifact(), Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            NDList batch = new Batcher(size, size, 4, MEAN, STD).batch(learnable(2, 9, size).subList(0, 4), manager);
            assertThat(predictor.predict(new NDList(batch.get(0))).singletonOrThrow().getShape())
                    .isEqualTo(new Shape(4, 8));
        }
    }

    private static float[] predict(Path artifact) throws Exception {
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            NDList batch = new Batcher(SIZE, SIZE, 8, MEAN, STD).batch(learnable(3, 9).subList(0, 8), manager);
            return predictor.predict(new NDList(batch.get(0))).singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void withEmaDecayTheAverageIsValidatedAndSavedWhileTrainingGoesOnUntouched(@TempDir Path dir) throws Exception {
        TrainParams plain = TrainParams.builder().epochs(3).batchSize(16).learningRate(0.01).validationFold(0)
                .maxBatches(6).build();
        List<ShardRecord> records = learnable(60, 5);
        TrainingRunner.Result trained = new TrainingRunner().train(plain, new TrainingRunner.Data(records, SIZE, MEAN,
                STD, null, null), dir.resolve("plain.zip"), (e, n) -> { });
        TrainingRunner.Result averaged = new TrainingRunner().train(plain.toBuilder().emaDecay(0.9).build(),
                new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null), dir.resolve("ema.zip"), (e, n) -> { });

        // the same batches train the same weights: swapping the average in and out leaves them exactly as they were
        assertThat(averaged.curve()).extracting(TrainingRunner.Epoch::loss)
                .containsExactlyElementsOf(trained.curve().stream().map(TrainingRunner.Epoch::loss).toList());
        assertThat(maxDifference(parameters(averaged.artifact(), true), parameters(trained.artifact(), true)))
                .as("the saved model is the average, not the last weights").isGreaterThan(1e-3);
        // and the figures of each epoch are the average's: the saved model scores what the last epoch reported
        List<ShardRecord> validation = records.stream().filter(r -> r.fold() == 0).toList();
        for (TrainingRunner.Result result : List.of(trained, averaged)) {
            assertThat(validationMacroF1(result.artifact(), validation))
                    .isCloseTo(result.curve().get(2).valMacroF1(), within(1e-9));
        }
        assertThat(averaged.curve().get(2).valMacroF1()).isNotEqualTo(trained.curve().get(2).valMacroF1());
    }

    @Test
    void sqrtBalancedClassWeightsAreTheSquareRootsOfTheBalancedOnesPerHead() {
        // ten images: classes 0 (wear, male, young) × 8, 2 (wear, male, 60+) × 2
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 2, 2};
        TrainParams sqrt = TrainParams.builder().classWeights(TrainParams.ClassWeights.SQRT_BALANCED).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] targets = new float[10 * 18];
            for (int i = 0; i < 10; i++) {
                targets[i * 18 + labels[i]] = 1;
            }
            NDList truth = new NDList(m.create(targets, new Shape(10, 18)));
            // mask and gender have one class each (weight 1); age: young √(10 / 16), 60+ √(10 / 4); the guess
            // leans to young (logit 1), so the two classes' terms differ and their weights show
            NDList guess = new NDList(m.create(new float[] {0, 0, 0, 0, 0, 1, 0, 0}).tile(10).reshape(10, 8));
            double young = Math.sqrt(10.0 / 16);
            double old = Math.sqrt(10.0 / 4);
            double pYoung = Math.E / (Math.E + 2);
            double pOld = 1 / (Math.E + 2);
            double age = -(8 * young * Math.log(pYoung) + 2 * old * Math.log(pOld)) / (8 * young + 2 * old);
            double expected = Math.log(3) + Math.log(2) + age;
            assertThat((double) TrainingRunner.loss(sqrt, Heads.THREE, labels).evaluate(truth, guess).getFloat())
                    .isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void withAgeRegressionTheNetworkLearnsAnExtraOutputThatTheSavedModelLeavesOut(@TempDir Path dir)
            throws Exception {
        TrainParams plain = TrainParams.builder().epochs(2).batchSize(16).learningRate(0.01).validationFold(0)
                .maxBatches(6).build();
        List<ShardRecord> records = learnable(60, 5);
        int[] ages = new int[60];
        for (ShardRecord r : records) {
            ages[r.person()] = new int[] {24, 45, 61}[r.label() % 3] + r.person() % 5;
        }
        TrainingRunner.Data data = new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null, null, ages);
        TrainingRunner.Result without = new TrainingRunner().train(plain, data, dir.resolve("plain.zip"),
                (e, n) -> { });
        TrainingRunner.Result with = new TrainingRunner().train(plain.toBuilder().ageRegression(1).build(), data,
                dir.resolve("age.zip"), (e, n) -> { });

        assertThat(with.curve().get(0).loss()).as("the age term adds to the loss")
                .isGreaterThan(without.curve().get(0).loss());
        // the saved model is the heads' network (it loads as one) and scores what the last epoch reported
        List<ShardRecord> validation = records.stream().filter(r -> r.fold() == 0).toList();
        assertThat(validationMacroF1(with.artifact(), validation))
                .isCloseTo(with.curve().get(1).valMacroF1(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ModelArtifact.describe(with.artifact()).parameters()).containsEntry("ageRegression", 1.0);

        TrainingRunner.Data ageless = new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null);
        assertThatThrownBy(() -> new TrainingRunner().train(plain.toBuilder().ageRegression(1).build(), ageless,
                dir.resolve("refused.zip"), (e, n) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ageRegression needs each person's age");
    }

    @Test
    void withCuesAndAgeTheNetworkLearnsOneOutputPerValueThatTheSavedModelLeavesOut(@TempDir Path dir)
            throws Exception {
        TrainParams plain = TrainParams.builder().epochs(2).batchSize(16).learningRate(0.01).validationFold(0)
                .maxBatches(6).build();
        List<ShardRecord> records = learnable(60, 5);
        int[] ages = new int[60];
        double[][] cues = new double[60][];
        for (ShardRecord r : records) {
            ages[r.person()] = new int[] {24, 45, 61}[r.label() % 3] + r.person() % 5;
            cues[r.person()] = new double[] {r.label() % 2, 0.6 + 0.01 * (r.person() % 7), 3};
        }
        TrainingRunner.Data data = new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null, null, ages,
                List.of("facial_hair", "jaw", "constant"), cues);
        TrainingRunner.Result without = new TrainingRunner().train(plain, data, dir.resolve("plain.zip"),
                (e, n) -> { });
        TrainParams both = plain.toBuilder().ageRegression(0.5).cueWeight(1).build();
        TrainingRunner.Result with = new TrainingRunner().train(both, data, dir.resolve("cues.zip"), (e, n) -> { });

        assertThat(with.curve().get(0).loss()).as("the cue terms add to the loss")
                .isGreaterThan(without.curve().get(0).loss());
        List<ShardRecord> validation = records.stream().filter(r -> r.fold() == 0).toList();
        assertThat(validationMacroF1(with.artifact(), validation)).as("the saved model is the heads' network")
                .isCloseTo(with.curve().get(1).valMacroF1(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ModelArtifact.describe(with.artifact()).parameters()).containsEntry("cueWeight", 1.0);

        TrainingRunner.Data none = new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null, null, ages);
        TrainingRunner.Result ignored = new TrainingRunner().train(plain.toBuilder().cueWeight(1).build(), none,
                dir.resolve("none.zip"), (e, n) -> { });
        assertThat(ignored.curve()).as("shards without drawing values train as without the cue task")
                .extracting(TrainingRunner.Epoch::loss, TrainingRunner.Epoch::valMacroF1)
                .isEqualTo(without.curve().stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.loss(),
                        e.valMacroF1())).toList());
        for (ShardRecord r : records) {
            if (r.person() % 2 == 0) {
                cues[r.person()] = null;
            }
        }
        TrainingRunner.Result half = new TrainingRunner().train(plain.toBuilder().cueWeight(1).build(), data,
                dir.resolve("half.zip"), (e, n) -> { });
        assertThat(half.curve().get(0).loss()).as("persons without values weigh nothing in the cue task")
                .isGreaterThan(without.curve().get(0).loss()).isNotEqualTo(with.curve().get(0).loss());
    }

    private static double validationMacroF1(Path artifact, List<ShardRecord> validation) throws Exception {
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            NDList batch = new Batcher(SIZE, SIZE, validation.size(), MEAN, STD).batch(validation, manager);
            float[] values = predictor.predict(new NDList(batch.get(0))).singletonOrThrow().toFloatArray();
            int outputs = Heads.THREE.outputs();
            float[][] rows = new float[validation.size()][];
            int[] truth = new int[validation.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(values, i * outputs, (i + 1) * outputs);
                truth[i] = validation.get(i).label();
            }
            return ClassificationMetrics.macroF1(truth, DecisionBias.classes(Heads.THREE, rows, null));
        }
    }

    @Test
    void splitsEachBatchOverSeveralDevicesAndStillLearns(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(3).batchSize(16).learningRate(0.01).validationFold(0).build();
        List<Device> twoCpus = List.of(Device.cpu(), Device.cpu());
        TrainingRunner.Result result = new TrainingRunner(twoCpus, Checkpoints.NONE, () -> false).train(params,
                new TrainingRunner.Data(learnable(150, 1), SIZE, MEAN, STD, null, null), dir.resolve("m.zip"),
                (e, n) -> { });
        System.out.println("two devices: " + result.curve());
        assertThat(result.curve().get(2).loss()).isLessThan(result.curve().get(0).loss());
        assertThat(result.curve().get(2).maskAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void resumesFromTheLastCheckpointInsteadOfStartingOver(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(3).batchSize(16).validationFold(0).maxBatches(4).build();
        DirectoryCheckpoints checkpoints = new DirectoryCheckpoints(dir.resolve("checkpoints"));
        List<Integer> firstRun = new ArrayList<>();
        assertThatThrownBy(() -> new TrainingRunner(List.of(Device.cpu()), checkpoints,
                () -> firstRun.size() >= 2).train(params, new TrainingRunner.Data(learnable(60, 1), SIZE, MEAN,
                STD, null, null), dir.resolve("m.zip"), (e, n) -> firstRun.add(e.epoch())))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(firstRun).containsExactly(1, 2);
        Path afterTwo = Files.copy(dir.resolve("checkpoints/latest.zip"), dir.resolve("after-two.zip"));

        List<Integer> secondRun = new ArrayList<>();
        TrainingRunner.Result result = new TrainingRunner(List.of(Device.cpu()), checkpoints, () -> false).train(
                params, new TrainingRunner.Data(learnable(60, 1), SIZE, MEAN, STD, null, null),
                dir.resolve("m.zip"), (e, n) -> secondRun.add(e.epoch()));
        assertThat(secondRun).as("only the epoch left").containsExactly(3);
        assertThat(result.resumed()).isTrue();
        assertThat(result.curve()).extracting(TrainingRunner.Epoch::epoch).containsExactly(1, 2, 3);
        // epoch 3 trained the weights the resume loaded, and the saved model holds them (before the fix the
        // trainer trained fresh arrays and saved the loaded ones unchanged)
        assertThat(maxDifference(parameters(result.artifact(), false), parameters(afterTwo, false)))
                .as("the weights trained after the resume").isGreaterThan(1e-4);
    }

    @Test
    void stopsEarlyAndKeepsTheBestEpochsParameters(@TempDir Path dir) throws Exception {
        // The validation fold holds only mask state 2 (class 12 and up), which the training folds never show, so
        // the network never predicts it: validation macro F1 is 0 in every epoch, whatever the arithmetic does.
        // Epoch 1 is then the best, epochs 2 and 3 do not beat it, and with patience 2 the run stops before
        // epoch 4 and keeps epoch 1's parameters.
        List<ShardRecord> records = new ArrayList<>();
        for (ShardRecord r : learnable(60, 1)) {
            if (r.fold() == 0) {
                records.add(new ShardRecord(12 + r.label() % 6, r.person(), r.fold(), r.pixels()));
            } else if (r.label() < 12) {
                records.add(r);
            }
        }
        TrainParams params = TrainParams.builder().epochs(12).batchSize(16).validationFold(0).earlyStopPatience(2)
                .learningRate(0.01).schedule(TrainParams.Schedule.CONSTANT).maxBatches(3).build();
        DirectoryCheckpoints checkpoints = new DirectoryCheckpoints(dir.resolve("checkpoints"));
        TrainingRunner.Result result = new TrainingRunner(List.of(Device.cpu()), checkpoints, () -> false).train(
                params, new TrainingRunner.Data(records, SIZE, MEAN, STD, null, null), dir.resolve("m.zip"),
                (e, n) -> { });
        List<TrainingRunner.Epoch> curve = result.curve();
        assertThat(curve).extracting(TrainingRunner.Epoch::valMacroF1).as("the premise: nothing to get right")
                .containsOnly(0.0);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(curve).extracting(TrainingRunner.Epoch::epoch).containsExactly(1, 2, 3);
        assertThat(result.keptEpoch()).isEqualTo(1);
        assertThat(result.descriptor().metrics()).containsEntry("epoch", 1.0);
        // the checkpoints hold epoch 1's parameters as the best and epoch 3's as the latest
        assertThat(parameters(result.artifact(), true)).as("the kept parameters are epoch 1's")
                .containsExactly(parameters(dir.resolve("checkpoints/best.zip"), true));
        assertThat(parameters(result.artifact(), true)).as("not the last epoch's")
                .isNotEqualTo(parameters(dir.resolve("checkpoints/latest.zip"), true));
    }

    @Test
    void startsFromAPreviousModelOnlyWhenItIsTheSameNetwork(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(1).batchSize(16).validationFold(0).maxBatches(2).seed(1)
                .build();
        Path first = new TrainingRunner().train(params, new TrainingRunner.Data(learnable(30, 1), SIZE, MEAN, STD,
                null, null), dir.resolve("first.zip"), (e, n) -> { }).artifact();
        // one batch at the smallest learning rate moves no weight measurably, so what comes out is where the run
        // started: the previous model's weights, where a fresh start (another seed) begins elsewhere
        TrainParams still = TrainParams.builder().epochs(1).batchSize(16).validationFold(0).maxBatches(1)
                .learningRate(1e-7).warmupEpochs(0).seed(2).build();
        TrainingRunner.Result next = new TrainingRunner().train(still, new TrainingRunner.Data(learnable(30, 1),
                SIZE, MEAN, STD, null, null, first), dir.resolve("next.zip"), (e, n) -> { });
        TrainingRunner.Result fresh = new TrainingRunner().train(still, new TrainingRunner.Data(learnable(30, 1),
                SIZE, MEAN, STD, null, null), dir.resolve("fresh.zip"), (e, n) -> { });
        assertThat(next.curve()).hasSize(1);
        float[] previous = parameters(first, false);
        float[] started = parameters(next.artifact(), false);
        assertThat(maxDifference(started, previous)).as("started from the previous model").isLessThan(1e-4);
        assertThat(maxDifference(parameters(fresh.artifact(), false), previous)).as("a fresh start differs")
                .isGreaterThan(1e-2);
        TrainParams single = TrainParams.builder().epochs(1).validationFold(0).heads(TrainParams.Heads.SINGLE).build();
        assertThatThrownBy(() -> new TrainingRunner().train(single, new TrainingRunner.Data(learnable(30, 1), SIZE,
                MEAN, STD, null, null, first), dir.resolve("bad.zip"), (e, n) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("THREE heads");
    }

    /** Every parameter of a saved model in order; with {@code running}, batch norm's running statistics too. */
    static float[] parameters(Path artifact, boolean running) throws Exception {
        List<Float> values = new ArrayList<>();
        try (Model model = ModelArtifact.load(artifact, Device.cpu())) {
            for (var p : model.getBlock().getParameters()) {
                Parameter.Type type = p.getValue().getType();
                if (!running && (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR)) {
                    continue;
                }
                for (float v : p.getValue().getArray().toFloatArray()) {
                    values.add(v);
                }
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void refusesAValidationFoldThatLeavesNothingToValidate(@TempDir Path dir) {
        TrainParams params = TrainParams.builder().validationFold(7).build();
        assertThatThrownBy(() -> new TrainingRunner().train(params, new TrainingRunner.Data(learnable(10, 1), SIZE,
                MEAN, STD, null, null), dir.resolve("m.zip"), (e, n) -> { })).hasMessageContaining("validation fold 7");
    }
}
