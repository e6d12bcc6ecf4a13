package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** TensorFlow's 'same' padding: the odd pixel after, padded cells never winning a max pool. */
class LayersTest {

    @Test
    void samePaddingPutsTheOddPixelAfter() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertThat(Layers.samePadding(m.zeros(new Shape(1, 1, 112, 112)), 3, 2)).containsExactly(0, 1, 0, 1);
            assertThat(Layers.samePadding(m.zeros(new Shape(1, 1, 56, 56)), 3, 1)).containsExactly(1, 1, 1, 1);
            assertThat(Layers.samePadding(m.zeros(new Shape(1, 1, 13, 13)), 2, 1)).containsExactly(0, 1, 0, 1);
            assertThat(Layers.samePadding(m.zeros(new Shape(1, 1, 207, 104)), 2, 2)).containsExactly(0, 1, 0, 0);
        }
    }

    @Test
    void maxPoolSameKeepsTheSizeAndIgnoresThePadding() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {-5, -4, -3, -2, -1, -6, -7, -8, -9}, new Shape(1, 1, 3, 3));
            NDArray stride1 = Layers.maxPoolSame(x, 2, 1);
            assertThat(stride1.getShape()).isEqualTo(new Shape(1, 1, 3, 3));
            // bottom-right cell: only -9 is real, the padding (which would be 0 with zero padding) must not win
            assertThat(stride1.toFloatArray()).containsExactly(-1, -1, -3, -1, -1, -6, -7, -8, -9);
            NDArray stride2 = Layers.maxPoolSame(x, 2, 2);
            assertThat(stride2.toFloatArray()).containsExactly(-1, -3, -7, -9);
        }
    }

    @Test
    void convolutionWithStrideTwoPadsOnlyAfter() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // a 3x3 kernel that picks its top-left input: with TensorFlow's padding (none before) output (0, 0)
            // sees input (0, 0); with PyTorch's symmetric padding it would see the zero pad
            float[] pick = new float[9];
            pick[0] = 1;
            Layers.Conv conv = new Layers.Conv(m.create(pick, new Shape(1, 1, 3, 3)), m.create(new float[] {0}), 3);
            NDArray x = m.arange(16f).reshape(1, 1, 4, 4);
            assertThat(conv.forward(x, 2, true).toFloatArray()).containsExactly(0, 2, 8, 10);
        }
    }
}
