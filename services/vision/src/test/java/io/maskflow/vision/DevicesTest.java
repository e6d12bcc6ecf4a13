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
    void usesAtMostMaxGpusOfTheVisibleOnesElseTheCpu() {
        assertThat(Devices.choose(2, 4)).containsExactly(Device.gpu(0), Device.gpu(1));
        assertThat(Devices.choose(8, 3)).containsExactly(Device.gpu(0), Device.gpu(1), Device.gpu(2));
        assertThat(Devices.choose(1, 1)).containsExactly(Device.gpu(0));
        assertThat(Devices.choose(0, 4)).as("maxGpus 0 forces the CPU").containsExactly(Device.cpu());
        assertThat(Devices.choose(8, 0)).as("no GPU visible").containsExactly(Device.cpu());
    }

    @Test
    void selectsWhatTheEngineSees() {
        int visible = Engine.getEngine("PyTorch").getGpuCount();
        assertThat(Devices.select(8)).isEqualTo(Devices.choose(8, visible));
        assertThat(Devices.select(0)).containsExactly(Device.cpu());
    }
}
