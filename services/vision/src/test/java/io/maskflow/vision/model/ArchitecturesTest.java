package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.maskflow.contracts.params.TrainParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitecturesTest {

    /** The networks written in this package (the others are DJL's model zoo's and tested there). */
    private static final List<String> OWN = List.of("compact-cnn", "stem-cnn", "ibn-cnn", "vit-tiny", "convnext-nano");

    @ParameterizedTest
    @ValueSource(strings = {"compact-cnn", "stem-cnn", "ibn-cnn", "resnet18", "resnet34", "resnet50", "mobilenet-v2",
        "vit-tiny", "convnext-nano"})
    void everyArchitectureMapsABatchOfImagesToOneRowOfLogitsPerImage(String architecture) {
        for (Heads heads : Heads.values()) {
            assertThat(logitShape(architecture, heads, 64)).isEqualTo(new Shape(2, heads.outputs()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stem-cnn", "vit-tiny", "convnext-nano"})
    void theNewNetworksAlsoTakeTheDefaultImageSizeAndOddSizes(String architecture) {
        for (int size : new int[] {96, 72, 100}) {
            assertThat(logitShape(architecture, Heads.THREE, size)).as("%d px", size)
                    .isEqualTo(new Shape(2, Heads.THREE.outputs()));
        }
    }

    @Test
    void theTrainerAcceptsExactlyTheArchitecturesThisLibraryBuilds() {
        assertThat(TrainParams.ARCHITECTURES).containsExactlyInAnyOrderElementsOf(Architectures.NAMES);
    }

    @Test
    void parameterCountsOfTheOwnNetworksStaySmallEnoughForTwoCpuCores() {
        for (String architecture : OWN) {
            long count = parameterCount(architecture, 96);
            System.out.printf(Locale.ROOT, "%-14s %,10d parameters (three heads, 96 px)%n", architecture, count);
            assertThat(count).as(architecture).isBetween(50_000L, 3_000_000L);
        }
        // the vision transformer's position embeddings follow the number of patches: (1 + 12²) · 128 at 96 px,
        // (1 + 8²) · 128 at 64 px
        assertThat(parameterCount("vit-tiny", 96) - parameterCount("vit-tiny", 64)).isEqualTo((145 - 65) * 128L);
    }

    /**
     * Eight images told apart by their colour (image i has channel c bright when bit c of i is set, plus noise),
     * each with a random class: the loss must halve within 40 AdamW steps, and the first backward pass must reach
     * every parameter (a detached class token or position table would get no gradient).
     */
    @ParameterizedTest
    @ValueSource(strings = {"vit-tiny", "convnext-nano"})
    void aFewTrainingStepsLowerTheLossOnAFixedBatch(String architecture) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        int size = 32;
        int n = 8;
        try (Model model = Model.newInstance("test", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build(architecture, Heads.THREE, size));
            DefaultTrainingConfig config = new DefaultTrainingConfig(new TrainingLoss(Heads.THREE,
                    TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, null))
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, size, size));
                NDManager manager = trainer.getManager();
                Random random = new Random(3);
                float[] pixels = new float[n * 3 * size * size];
                float[] targets = new float[n * 18];
                for (int i = 0; i < n; i++) {
                    targets[i * 18 + random.nextInt(18)] = 1;
                    for (int j = 0; j < 3 * size * size; j++) {
                        int channel = j / (size * size);
                        pixels[i * 3 * size * size + j] = 0.5f * random.nextFloat() + 0.5f * ((i >> channel) & 1);
                    }
                }
                NDArray images = manager.create(pixels, new Shape(n, 3, size, size));
                NDArray labels = manager.create(targets, new Shape(n, 18));
                float first = Float.NaN;
                float last = Float.NaN;
                int steps = 0;
                // stops as soon as the loss has halved: a step can take a second when the machine is busy
                while (steps < 40 && !(last < first * 0.5f)) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(new NDList(labels), trainer.forward(
                                new NDList(images)));
                        collector.backward(loss);
                        last = loss.getFloat();
                        if (steps == 0) {
                            first = last;
                            for (var parameter : model.getBlock().getParameters()) {
                                NDArray gradient = parameter.getValue().getArray().getGradient();
                                assertThat(gradient.abs().max().getFloat()).as("gradient of %s",
                                        parameter.getKey()).isGreaterThan(0f);
                            }
                        }
                    }
                    trainer.step();
                    steps++;
                }
                System.out.printf(Locale.ROOT, "%s: loss %.3f -> %.3f in %d steps%n", architecture, first, last,
                        steps);
                assertThat(first).as("first loss (a uniform guess: ln 3 + ln 2 + ln 3 = 2.89)").isBetween(2.4f,
                        4.0f);
                assertThat(last).as("loss after %d steps on one batch, from %.3f", steps, first)
                        .isLessThan(first * 0.5f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stem-cnn", "vit-tiny", "convnext-nano"})
    void aSavedModelLoadsBackToTheSameOutputs(String architecture, @TempDir Path dir) throws Exception {
        int size = 40;
        Path zip = dir.resolve("model.zip");
        float[] before;
        try (Model model = Model.newInstance("test", Device.cpu(), "PyTorch");
                NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build(architecture, Heads.THREE, size));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
            before = forward(model.getBlock(), input(manager, size));
            float[] mean = {0.5f, 0.5f, 0.5f};
            float[] std = {0.25f, 0.25f, 0.25f};
            ModelArtifact.save(model, new ModelDescriptor(architecture, Heads.THREE, size, mean, std, 30, 60, null,
                    Map.of(), Map.of(), Map.of(), Map.of(), null), zip);
        }
        try (Model loaded = ModelArtifact.load(zip, Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertThat(forward(loaded.getBlock(), input(manager, size))).containsExactly(before);
        }
    }

    /**
     * The trainer, evaluator and serving free a batch's activations by closing the manager its input lives in; an
     * array that a block creates from a parameter first would put the rest of the pass into the model's manager,
     * where it stays until the model closes (about 145 MB per training batch of 32 at 64 px for vit-tiny).
     */
    @ParameterizedTest
    @ValueSource(strings = {"compact-cnn", "stem-cnn", "ibn-cnn", "vit-tiny", "convnext-nano"})
    void theOutputsOfAPassBelongToTheInputsManagerSoClosingItFreesTheBatch(String architecture) {
        try (Model model = Model.newInstance("test", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build(architecture, Heads.THREE, 32));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager batch = model.getNDManager().newSubManager()) {
                    NDArray out = model.getBlock().forward(new ParameterStore(batch, false), new NDList(
                            batch.randomUniform(0, 1, new Shape(2, 3, 32, 32))), training).singletonOrThrow();
                    assertThat(out.getManager()).as("training %s", training).isSameAs(batch);
                }
            }
        }
    }

    /**
     * ibn-cnn's instance normalisation: the first half of the channels of every image gets mean 0 and deviation 1
     * over the image, whatever the image's own contrast and brightness; the second half is left as it was.
     */
    @Test
    void theHalfInstanceNormNormalisesTheFirstHalfOfTheChannelsOfEachImageAndLeavesTheRest() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = manager.randomNormal(new Shape(2, 6, 5, 7)).mul(manager.create(new float[] {3, 0.5f})
                    .reshape(2, 1, 1, 1)).add(4);
            NDArray out = Architectures.halfInstanceNorm().forward(new ParameterStore(manager, false), new NDList(x),
                    false).singletonOrThrow();
            NDArray first = out.get(new NDIndex(":, :3"));
            assertThat(first.mean(new int[] {3}).mean(new int[] {2}).abs().max().getFloat()).isLessThan(1e-5f);
            NDArray deviation = first.square().mean(new int[] {3}).mean(new int[] {2}).sqrt();
            assertThat(deviation.sub(1).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(out.get(new NDIndex(":, 3:")).contentEquals(x.get(new NDIndex(":, 3:")))).isTrue();
        }
    }

    /**
     * The compact CNN's pooling outside training (the maximum of strided views) against PyTorch's
     * {@code max_pool2d} with the same kernel and stride: the same values, odd sizes included (the last row or column
     * dropped), and the same gradient for inputs without ties.
     */
    @Test
    void theStridedMaxPoolingGivesPyTorchsValuesAndGradients() {
        Random random = new Random(5);
        for (Shape shape : List.of(new Shape(2, 3, 8, 8), new Shape(1, 2, 7, 9), new Shape(3, 4, 64, 64))) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                float[] values = new float[(int) shape.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                float[][] outputs = new float[2][];
                float[][] gradients = new float[2][];
                for (int way = 0; way < 2; way++) {
                    NDArray x = manager.create(values, shape);
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray pooled = way == 0 ? Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2),
                                new Shape(0, 0), false) : MaxPool2x2.ofViews(x);
                        NDArray weights = manager.arange((float) pooled.size()).reshape(pooled.getShape());
                        collector.backward(pooled.mul(weights).sum());
                        outputs[way] = pooled.toFloatArray();
                        assertThat(pooled.getShape()).as("%s", shape).isEqualTo(new Shape(shape.get(0),
                                shape.get(1), shape.get(2) / 2, shape.get(3) / 2));
                    }
                    gradients[way] = x.getGradient().toFloatArray();
                }
                assertThat(outputs[1]).as("values, %s", shape).containsExactly(outputs[0]);
                assertThat(gradients[1]).as("gradients, %s", shape).containsExactly(gradients[0]);
            }
        }
    }

    @Test
    void anInputWithoutAWholeWindowIsRefusedAsPyTorchsPoolingRefusesIt() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray row = manager.zeros(new Shape(1, 2, 1, 6));
            assertThatThrownBy(() -> new MaxPool2x2().forward(new ParameterStore(manager, false), new NDList(row),
                    false)).isInstanceOf(RuntimeException.class);
        }
    }

    /** Models trained before the pooling changed (PyTorch's max_pool2d block) load unchanged and answer the same. */
    @Test
    void aCompactCnnSavedWithTheFormerPoolingLoadsAndAnswersTheSame() throws Exception {
        int size = 32;
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        float[] before;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SequentialBlock former = new SequentialBlock();
            for (int filters : new int[] {32, 64, 96, 128}) {
                former.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters).build())
                        .add(BatchNorm.builder().build()).add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            former.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(Heads.THREE.outputs()).build());
            former.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            before = forward(former, input(manager, size));
            try (DataOutputStream out = new DataOutputStream(saved)) {
                former.saveParameters(out);
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block now = Architectures.build("compact-cnn", Heads.THREE, size);
            now.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            now.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
            assertThat(forward(now, input(manager, size))).containsExactly(before);
        }
    }

    @Test
    void aVisionTransformerRefusesAnImageOfAnotherSizeThanItWasBuiltFor() {
        try (Model model = Model.newInstance("test", "PyTorch")) {
            model.setBlock(Architectures.build("vit-tiny", Heads.THREE, 64));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray image = model.getNDManager().zeros(new Shape(1, 3, 96, 96));
            assertThatThrownBy(() -> model.getBlock().forward(new ParameterStore(model.getNDManager(), false),
                    new NDList(image), false)).hasMessageContaining("built for 64 patches, the input has 144");
        }
    }

    @Test
    void imagesTooSmallForTheNewNetworksAreRefusedWithTheSmallestSize() {
        assertThatThrownBy(() -> Architectures.build("convnext-nano", Heads.THREE, 16))
                .hasMessageContaining("too small for convnext-nano: it takes at least 32");
        assertThatThrownBy(() -> Architectures.build("vit-tiny", Heads.THREE, 4))
                .hasMessageContaining("too small for vit-tiny: it takes at least 8");
        // the networks' own checks, behind the table's (LeastImageSizeTest)
        assertThatThrownBy(() -> ConvNeXt.build(ConvNeXt.nano(), 8, 16)).hasMessageContaining("at least 32 px");
        assertThatThrownBy(() -> VisionTransformer.build(VisionTransformer.tiny(4), 8, 4))
                .hasMessageContaining("at least 8 px");
    }

    @Test
    void anUnknownArchitectureIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Architectures.build("vgg", Heads.SINGLE, 64)).hasMessageContaining("resnet18")
                .hasMessageContaining("vit-tiny").hasMessageContaining("convnext-nano");
    }

    private static Shape logitShape(String architecture, Heads heads, int size) {
        try (Model model = Model.newInstance("test", "PyTorch")) {
            model.setBlock(Architectures.build(architecture, heads, size));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
            NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false),
                    new NDList(model.getNDManager().randomUniform(0, 1, new Shape(2, 3, size, size))), false);
            return out.singletonOrThrow().getShape();
        }
    }

    static long parameterCount(String architecture, int size) {
        try (Model model = Model.newInstance("count", "PyTorch")) {
            Block block = Architectures.build(architecture, Heads.THREE, size);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
            return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
    }

    private static NDArray input(NDManager manager, int size) {
        float[] pixels = new float[2 * 3 * size * size];
        Random random = new Random(11);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return manager.create(pixels, new Shape(2, 3, size, size));
    }

    private static float[] forward(Block block, NDArray input) {
        return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false)
                .singletonOrThrow().toFloatArray();
    }
}
