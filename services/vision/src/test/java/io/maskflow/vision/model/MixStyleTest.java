package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixStyleTest {

    private static final int SIDE = 6;

    /** Two images of one channel each: the same pattern, at mean 0 and deviation 1, and at mean 10 and 3. */
    private static NDArray twoStyles(NDManager manager) {
        float[] pattern = new float[SIDE * SIDE];
        Random random = new Random(3);
        double sum = 0;
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (float) random.nextGaussian();
            sum += pattern[i];
        }
        float mean = (float) (sum / pattern.length);
        double squares = 0;
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] -= mean;
            squares += pattern[i] * pattern[i];
        }
        float std = (float) Math.sqrt(squares / pattern.length);
        float[] both = new float[2 * pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            both[i] = pattern[i] / std;
            both[pattern.length + i] = 10 + 3 * pattern[i] / std;
        }
        return manager.create(both, new Shape(2, 1, SIDE, SIDE));
    }

    @Test
    void eachImageKeepsItsPatternAndTakesStatisticsBetweenItsOwnAndAnotherImages() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = twoStyles(manager);
            float[] pattern = input.get(0).toFloatArray();
            MixStyle mixStyle = new MixStyle(1, 0.1, 7);
            int restyled = 0;
            for (int draw = 0; draw < 40; draw++) {
                NDArray out = mixStyle.apply(input);
                for (int image = 0; image < 2; image++) {
                    float[] values = out.get(image).toFloatArray();
                    double mean = 0;
                    for (float v : values) {
                        mean += v;
                    }
                    mean /= values.length;
                    double squares = 0;
                    for (float v : values) {
                        squares += (v - mean) * (v - mean);
                    }
                    double std = Math.sqrt(squares / values.length);
                    assertThat(mean).isBetween(-1e-3, 10 + 1e-3);
                    assertThat(std).isBetween(1 - 1e-3, 3 + 1e-3);
                    for (int i = 0; i < values.length; i++) {
                        assertThat((values[i] - mean) / std).isCloseTo(pattern[i], within(1e-3));
                    }
                    double own = image == 0 ? 0 : 10;
                    restyled += Math.abs(mean - own) > 1 ? 1 : 0;
                }
            }
            // A partner is the image itself half the time; Beta(0.1, 0.1) puts λ near 0 or 1, so about a quarter
            // of the images take most of the other's statistics.
            assertThat(restyled).isBetween(8, 40);
        }
    }

    @Test
    void atOddsZeroOrOneImageNothingChanges() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = twoStyles(manager);
            assertThat(new MixStyle(0, 0.1, 1).apply(input)).isSameAs(input);
            NDArray one = input.get("0:1");
            assertThat(new MixStyle(1, 0.1, 1).apply(one)).isSameAs(one);
        }
        assertThatThrownBy(() -> new MixStyle(1.5, 0.1, 1)).hasMessageContaining("odds must be 0 .. 1");
    }

    @Test
    void aNetworkTrainedWithItIsServedByThePlainNetworkWithTheSameOutputs() throws Exception {
        int size = 16;
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        float[] before;
        float[] input = new float[2 * 3 * size * size];
        Random random = new Random(5);
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block mixed = Architectures.build("compact-cnn", Heads.THREE, size, new MixStyle(1, 0.1, 1));
            mixed.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            NDArray x = manager.create(input, new Shape(2, 3, size, size));
            float[] training = mixed.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow().toFloatArray();
            before = mixed.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            assertThat(training).isNotEqualTo(before);
            try (DataOutputStream out = new DataOutputStream(saved)) {
                mixed.saveParameters(out);
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block plain = Architectures.build("compact-cnn", Heads.THREE, size);
            plain.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            plain.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
            float[] after = plain.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(input, new Shape(2, 3, size, size))), false).singletonOrThrow()
                    .toFloatArray();
            assertThat(after).containsExactly(before);
        }
        assertThatThrownBy(() -> Architectures.build("resnet18", Heads.THREE, size, new MixStyle(1, 0.1, 1)))
                .hasMessageContaining("mixStyle works with compact-cnn and stem-cnn, not 'resnet18'");
    }
}
