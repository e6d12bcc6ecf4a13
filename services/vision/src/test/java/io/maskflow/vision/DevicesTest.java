package io.maskflow.vision;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads from the native jar with downloads forbidden, and computes. */
class DevicesTest {

    @Test
    void loadsPyTorchOfflineFromTheNativeJarAndComputes() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.7.1");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            assertThat(a.matMul(a).toFloatArray()).containsExactly(7f, 10f, 15f, 22f);
        }
    }

    @Test
    void fallsBackToTheCpuWithoutGpus() {
        assertThat(Devices.select(0)).containsExactly(Device.cpu());
        assertThat(Devices.select(8)).isNotEmpty();
    }
}
