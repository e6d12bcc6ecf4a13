package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.contracts.params.TrainParams;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The least image size of each network ({@link TrainParams.Architecture#leastImageSize()}, which the orchestrator
 * and the trainer check a run's {@code imageSize} against) is the least the network takes: at exactly that size it
 * builds, takes a training step on a batch of 2 and one on a batch of 1 (an epoch's last batch can hold one image)
 * and answers in the evaluation pass and through the model saved and loaded for serving
 * ({@link ModelArtifact#loadForInference}, the rewritten compact and stem CNNs), with both head layouts; one pixel less
 * fails to build or to take those steps, and {@link Architectures#build} refuses it naming the least. Before the
 * table, stem-cnn at 24 px failed in its first batch with PyTorch's "Output size is too small", retried as an internal
 * error, after minutes of data preparation.
 */
class LeastImageSizeTest {

    private static final int BATCH = 2;

    @ParameterizedTest
    @EnumSource(TrainParams.Architecture.class)
    void everyNetworkTrainsAndAnswersAtItsLeastImageSize(TrainParams.Architecture architecture, @TempDir Path dir)
            throws Exception {
        int least = architecture.leastImageSize();
        for (Heads heads : Heads.values()) {
            Path zip = dir.resolve(heads + ".zip");
            trainAndSave(architecture.id(), Architectures.build(architecture.id(), heads, least), heads, least, zip);
            try (Model loaded = ModelArtifact.loadForInference(zip, Device.cpu());
                    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray out = loaded.getBlock().forward(new ParameterStore(manager, false), new NDList(
                        manager.randomUniform(0, 1, new Shape(BATCH, 3, least, least))), false).singletonOrThrow();
                assertThat(out.getShape()).as("%s, %s heads, %d px, loaded to answer", architecture, heads, least)
                        .isEqualTo(new Shape(BATCH, heads.outputs()));
            }
        }
        if (architecture == TrainParams.Architecture.COMPACT_CNN || architecture == TrainParams.Architecture.STEM_CNN) {
            // MixStyle mixes the pooled maps of the first three stages in training: at the least size too
            trainAndSave(architecture.id(), Architectures.build(architecture.id(), Heads.THREE, least,
                    new MixStyle(1, 0.1, 5)), Heads.THREE, least, null);
        }
    }

    @ParameterizedTest
    @EnumSource(TrainParams.Architecture.class)
    void onePixelLessFailsAndIsRefusedNamingTheLeast(TrainParams.Architecture architecture) {
        int least = architecture.leastImageSize();
        int less = least - 1;
        assertThatThrownBy(() -> trainAndSave(architecture.id(), Architectures.network(architecture.id(),
                Heads.THREE.outputs(), less, null), Heads.THREE, less, null))
                .as("%s at %d px, unchecked", architecture, less).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Architectures.build(architecture.id(), Heads.SINGLE, less))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageStartingWith("imageSize " + less + " is too small for " + architecture.id()
                        + ": it takes at least " + least + " (");
    }

    /**
     * AdamW steps on a batch of two and on one of a single image, then the evaluation pass, as the trainer runs them;
     * the model saved to {@code zip} unless it is null.
     */
    private static void trainAndSave(String architecture, Block network, Heads heads, int size, Path zip)
            throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (Model model = Model.newInstance("least", Device.cpu(), "PyTorch")) {
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new TrainingLoss(heads,
                    TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, null))
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, size, size));
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomUniform(0, 1, new Shape(BATCH, 3, size, size));
                float[] targets = new float[BATCH * 18];
                targets[3] = 1;
                targets[18 + 14] = 1;
                NDArray labels = manager.create(targets, new Shape(BATCH, 18));
                // a batch of two, then one of a single image, as an epoch's last batch can be
                for (int n = BATCH; n >= 1; n--) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(images.get(":" + n)));
                        assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(n, heads.outputs()));
                        collector.backward(trainer.getLoss().evaluate(new NDList(labels.get(":" + n)), out));
                    }
                    trainer.step();
                }
                assertThat(trainer.evaluate(new NDList(images)).singletonOrThrow().getShape())
                        .isEqualTo(new Shape(BATCH, heads.outputs()));
            }
            if (zip != null) {
                float[] mean = {0.5f, 0.5f, 0.5f};
                float[] std = {0.25f, 0.25f, 0.25f};
                ModelArtifact.save(model, new ModelDescriptor(architecture, heads, size, mean, std, 30, 60, null,
                        Map.of(), Map.of(), Map.of(), Map.of(), null), zip);
            }
        }
    }
}
