package io.maskflow.vision;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Chooses where tensors live: every GPU the engine sees (up to a limit), else the CPU, and says which in the log
 * so that a user can tell a CPU fallback from a GPU run.
 */
public final class Devices {

    private static final Logger LOG = Logger.getLogger(Devices.class);

    private Devices() {
    }

    /**
     * @param maxGpus the most GPUs to use; 0 forces the CPU
     * @return one or more devices, GPUs first
     */
    public static List<Device> select(int maxGpus) {
        Engine engine = Engine.getEngine("PyTorch");
        List<Device> devices = choose(maxGpus, engine.getGpuCount());
        if (devices.get(0).equals(Device.cpu())) {
            LOG.infof("PyTorch %s: no GPU in use (%d visible, limit %d); running on the CPU with %d cores",
                    engine.getVersion(), engine.getGpuCount(), maxGpus, Runtime.getRuntime().availableProcessors());
        } else {
            LOG.infof("PyTorch %s: using %d GPU(s): %s", engine.getVersion(), devices.size(), devices);
        }
        return devices;
    }

    /**
     * The choice {@link #select} makes when the engine sees {@code visible} GPUs: GPUs 0 .. min(maxGpus, visible)
     * − 1, or the CPU alone when that is none.
     */
    static List<Device> choose(int maxGpus, int visible) {
        int gpus = Math.min(maxGpus, visible);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            devices.add(Device.gpu(i));
        }
        if (devices.isEmpty()) {
            devices.add(Device.cpu());
        }
        return devices;
    }
}
