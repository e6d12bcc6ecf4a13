package io.maskflow.vision.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The networks the trainer, evaluator and serving build, by name; all take (N, 3, H, W) float32. */
public final class Architectures {

    private Architectures() {
    }

    public static Block build(String architecture, Heads heads) {
        return switch (architecture) {
            case "compact-cnn" -> compactCnn(heads.outputs());
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture
                    + "'; known: compact-cnn");
        };
    }

    /**
     * Four conv-batchnorm-relu stages (32, 64, 96, 128 filters), each halving the image, then global average
     * pooling and one linear layer: small enough to train on two CPU cores.
     */
    static Block compactCnn(int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {32, 64, 96, 128}) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(filters).build());
            net.add(BatchNorm.builder().build());
            net.add(Activation.reluBlock());
            net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }
}
