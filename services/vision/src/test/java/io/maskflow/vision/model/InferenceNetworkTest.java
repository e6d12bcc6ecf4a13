package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceNetworkTest {

    /**
     * Batch norm statistics far from an untrained network's (means off zero, variances from 1e-5 up, so a wrong
     * epsilon would show), odd feature-map sizes (38 px: 19, 9 and 4 after the poolings) and negative inputs.
     */
    @ParameterizedTest
    @CsvSource({"compact-cnn, 64", "compact-cnn, 38", "stem-cnn, 64", "stem-cnn, 76", "ibn-cnn, 64", "ibn-cnn, 38"})
    void answersAsTheTrainedNetworkUpToFloatRounding(String architecture, int size) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block trained = Architectures.build(architecture, Heads.THREE, size);
            Shape input = new Shape(1, 3, size, size);
            trained.initialize(manager, DataType.FLOAT32, input);
            Random random = new Random(11);
            for (Pair<String, Parameter> p : trained.getParameters()) {
                NDArray values = p.getValue().getArray();
                values.set(statistics(p.getKey(), (int) values.size(), random));
            }
            Block rewritten = InferenceNetwork.of(architecture, trained, manager, input);
            assertThat(rewritten).isInstanceOf(InferenceNetwork.class);

            NDArray x = manager.randomNormal(0f, 1.5f, new Shape(5, 3, size, size), DataType.FLOAT32);
            ParameterStore store = new ParameterStore(manager, false);
            float[] want = trained.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            NDArray got = rewritten.forward(store, new NDList(x), false).singletonOrThrow();
            assertThat(got.getShape()).isEqualTo(new Shape(5, Heads.THREE.outputs()));
            float[] answers = got.toFloatArray();
            float largest = 0;
            for (float w : want) {
                largest = Math.max(largest, Math.abs(w));
            }
            assertThat(largest).as("logits large enough to compare").isGreaterThan(0.5f);
            for (int i = 0; i < want.length; i++) {
                assertThat(answers[i]).as("logit %d", i).isCloseTo(want[i],
                        offset(1e-4f * largest));
            }
        }
    }

    private static float[] statistics(String name, int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            if (name.endsWith("runningVar")) {
                values[i] = (float) Math.pow(10, -5 + 5.5 * random.nextDouble());
            } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                values[i] = (float) random.nextGaussian() * 0.5f;
            } else if (name.endsWith("gamma")) {
                values[i] = 0.2f + random.nextFloat() * 1.5f;
            } else {
                values[i] = (float) random.nextGaussian() * 0.2f;
            }
        }
        return values;
    }

    /** ResNet at 64 px has a convolution followed by a batch norm too, with another epsilon: it is left alone. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenet-v2", "vit-tiny"})
    void otherNetworksAnswerWithTheirOwnBlock(String architecture) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block trained = Architectures.build(architecture, Heads.THREE, 64);
            Shape input = new Shape(1, 3, 64, 64);
            trained.initialize(manager, DataType.FLOAT32, input);
            assertThat(InferenceNetwork.of(architecture, trained, manager, input)).isSameAs(trained);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2, 3, 8, 8", "1, 2, 7, 9", "3, 4, 64, 64", "1, 1, 3, 2"})
    void poolingRowsFirstGivesTheValuesOfPoolingColumnsFirst(String dimensions) {
        long[] sides = List.of(dimensions.split(", ")).stream().mapToLong(Long::parseLong).toArray();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = manager.randomNormal(new Shape(sides));
            NDArray rows = InferenceNetwork.rowsFirst(x);
            assertThat(rows.getShape()).isEqualTo(MaxPool2x2.ofViews(x).getShape());
            assertThat(rows.toFloatArray()).containsExactly(MaxPool2x2.ofViews(x).toFloatArray());
        }
    }

    @Test
    void refusesToTrain() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block trained = Architectures.build("compact-cnn", Heads.THREE, 32);
            Shape input = new Shape(1, 3, 32, 32);
            trained.initialize(manager, DataType.FLOAT32, input);
            Block rewritten = InferenceNetwork.of("compact-cnn", trained, manager, input);
            NDList x = new NDList(manager.zeros(input));
            assertThatThrownBy(() -> rewritten.forward(new ParameterStore(manager, false), x, true))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("only answers");
        }
    }
}
