package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.TrainingLoss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multi-device path on a machine without GPUs: a batch split over two CPU slots must give the same loss and
 * gradient as the whole batch on one (checked on a network without batch norm, whose statistics depend on the
 * split), with and without the class weights that {@code classWeights=balanced} gives.
 */
class MultiDeviceTest {

    /** Per head weights far from 1, as balanced weights of a skewed set are. */
    static final float[][] WEIGHTS = {{1f, 3f, 0.5f}, {2f, 0.7f}, {0.4f, 1f, 5f}};

    static List<Arguments> losses() {
        return List.of(Arguments.of("plain cross-entropy", Heads.THREE, TrainingLoss.crossEntropy(Heads.THREE)),
                Arguments.of("weighted cross-entropy", Heads.THREE,
                        new TrainingLoss(Heads.THREE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0, WEIGHTS)),
                Arguments.of("weighted, smoothed cross-entropy", Heads.THREE,
                        new TrainingLoss(Heads.THREE, TrainingLoss.Kind.CROSS_ENTROPY, 0, 0.1f, WEIGHTS)),
                Arguments.of("weighted focal", Heads.THREE,
                        new TrainingLoss(Heads.THREE, TrainingLoss.Kind.FOCAL, 2, 0, WEIGHTS)),
                Arguments.of("weighted single-head cross-entropy", Heads.SINGLE, new TrainingLoss(Heads.SINGLE,
                        TrainingLoss.Kind.CROSS_ENTROPY, 0, 0,
                        new float[][] {{1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 0.5f, 0.5f, 8, 1, 1, 1}})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void splittingABatchOverTwoDevicesGivesTheWholeBatchsLossAndGradient(String name, Heads heads,
            TrainingLoss loss) {
        float[] whole = gradient(heads, loss, new Device[] {Device.cpu()});
        float[] split = gradient(heads, loss, new Device[] {Device.cpu(), Device.cpu()});
        assertThat(split).hasSameSizeAs(whole);
        double norm = 0;
        for (float g : whole) {
            norm += g * g;
        }
        assertThat(norm).as("a real gradient, not zeros").isGreaterThan(1e-6);
        assertThat(split[0]).as("the batch loss").isCloseTo(whole[0], within(1e-5f));
        for (int i = 1; i < whole.length; i++) {
            assertThat(split[i]).as("gradient %d", i).isCloseTo(whole[i], within(1e-5f));
        }
    }

    /** The batch loss, then every parameter's gradient. */
    private static float[] gradient(Heads heads, TrainingLoss loss, Device[] slots) {
        try (Model model = Model.newInstance("linear", Device.cpu(), "PyTorch")) {
            SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(heads.outputs()).build());
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                    .optDevices(new Device[] {Device.cpu()}))) {
                ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(7);
                trainer.initialize(new Shape(1, 3, 4, 4));
                var m = trainer.getManager();
                m.getEngine().setRandomSeed(11);
                NDList images = new NDList(m.randomUniform(-1, 1, new Shape(10, 3, 4, 4)));
                // the two halves hold different classes, so their Σ w·t differ when there are weights
                float[] targets = new float[10 * 18];
                for (int i = 0; i < 10; i++) {
                    targets[i * 18 + (i < 5 ? i % 3 : 12 + i % 6)] = 1;
                }
                NDList labels = new NDList(m.create(targets, new Shape(10, 18)));
                List<Float> values = new ArrayList<>();
                values.add((float) TrainingRunner.trainBatch(trainer, images, labels, 10, slots, m));
                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                    for (float v : p.getValue().getArray().getGradient().toFloatArray()) {
                        values.add(v);
                    }
                }
                float[] out = new float[values.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = values.get(i);
                }
                return out;
            }
        }
    }
}
