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
import org.junit.jupiter.api.Test;

/**
 * The multi-device path on a machine without GPUs: a batch split over two CPU slots must give the same gradient
 * as the whole batch on one (checked on a network without batch norm, whose statistics depend on the split).
 */
class MultiDeviceTest {

    @Test
    void splittingABatchOverTwoDevicesGivesTheWholeBatchsGradient() {
        float[] whole = gradient(new Device[] {Device.cpu()});
        float[] split = gradient(new Device[] {Device.cpu(), Device.cpu()});
        assertThat(split).hasSameSizeAs(whole);
        double norm = 0;
        for (float g : whole) {
            norm += g * g;
        }
        assertThat(norm).as("a real gradient, not zeros").isGreaterThan(1e-6);
        for (int i = 0; i < whole.length; i++) {
            assertThat(split[i]).as("gradient %d", i).isCloseTo(whole[i], within(1e-5f));
        }
    }

    private static float[] gradient(Device[] slots) {
        try (Model model = Model.newInstance("linear", Device.cpu(), "PyTorch")) {
            SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(Heads.THREE.outputs()).build());
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(
                    TrainingLoss.crossEntropy(Heads.THREE)).optDevices(new Device[] {Device.cpu()}))) {
                ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(7);
                trainer.initialize(new Shape(1, 3, 4, 4));
                var m = trainer.getManager();
                m.getEngine().setRandomSeed(11);
                NDList images = new NDList(m.randomUniform(-1, 1, new Shape(10, 3, 4, 4)));
                float[] targets = new float[10 * 18];
                for (int i = 0; i < 10; i++) {
                    targets[i * 18 + (i * 5) % 18] = 1;
                }
                NDList labels = new NDList(m.create(targets, new Shape(10, 18)));
                TrainingRunner.trainBatch(trainer, images, labels, 10, slots, m);
                List<Float> values = new ArrayList<>();
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
