package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A small ConvNeXt (Liu et al., 2022) trained from scratch: a patchify stem (4×4 convolution, stride 4, then
 * layer norm), stages of ConvNeXt blocks with a layer norm and a 2×2 stride-2 convolution between stages, global
 * average pooling, layer norm and one linear layer. A block is x + γ · pw2(GELU(pw1(LN(dw7×7(x))))): a depthwise
 * 7×7 convolution, layer norm over the channels, an inverted bottleneck (1×1 to four times the channels, GELU, 1×1
 * back) and a learned per-channel scale γ on the branch before the residual sum. The 1×1 convolutions are linear
 * layers on channels-last tensors, as in the reference implementation.
 */
public final class ConvNeXt {

    /** Channels and blocks of each stage. */
    public record Config(int[] widths, int[] depths) {

        public Config {
            if (widths.length != depths.length || widths.length == 0) {
                throw new IllegalArgumentException("one width and one depth per stage");
            }
        }
    }

    /**
     * {@code convnext-nano}: four stages of 32, 64, 128 and 256 channels with 2, 2, 4 and 2 blocks; at 96 px the
     * stages see 24, 12, 6 and 3 pixels a side, at 64 px 16, 8, 4 and 2.
     */
    public static Config nano() {
        return new Config(new int[] {32, 64, 128, 256}, new int[] {2, 2, 4, 2});
    }

    /** Starting value of the per-channel branch scale γ. */
    static final float LAYER_SCALE = 0.1f;

    private ConvNeXt() {
    }

    /** The network for (N, 3, imageSize, imageSize) inputs, ending in {@code outputs} logits. */
    public static Block build(Config config, int outputs, int imageSize) {
        int smallest = 4 << (config.widths().length - 1);
        if (imageSize < smallest) {
            throw new IllegalArgumentException("this ConvNeXt reduces the image " + smallest + " times and needs"
                    + " images of at least " + smallest + " px, got " + imageSize);
        }
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(4, 4))
                .setFilters(config.widths()[0]).build());
        net.add(channelNorm());
        for (int stage = 0; stage < config.widths().length; stage++) {
            int width = config.widths()[stage];
            if (stage > 0) {
                net.add(channelNorm());
                net.add(Conv2d.builder().setKernelShape(new Shape(2, 2)).optStride(new Shape(2, 2))
                        .setFilters(width).build());
            }
            for (int i = 0; i < config.depths()[stage]; i++) {
                net.add(block(width));
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(LayerNorm.builder().axis(1).build());
        net.add(VisionTransformer.head(outputs));
        return net;
    }

    /** One ConvNeXt block on (N, width, H, W). */
    static Block block(int width) {
        SequentialBlock branch = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(7, 7)).optPadding(new Shape(3, 3))
                        .setFilters(width).optGroups(width).build())
                .add(channelsLast())
                .add(LayerNorm.builder().axis(3).build())
                .add(Linear.builder().setUnits(4L * width).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(width).build())
                .add(new LayerScale(width))
                .add(channelsFirst());
        return VisionTransformer.residual(branch);
    }

    /** Layer norm over the channels of (N, C, H, W). */
    static Block channelNorm() {
        return new SequentialBlock().add(channelsLast()).add(LayerNorm.builder().axis(3).build())
                .add(channelsFirst());
    }

    private static Block channelsLast() {
        return new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 2, 3, 1)), "channelsLast");
    }

    private static Block channelsFirst() {
        return new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 3, 1, 2)), "channelsFirst");
    }

    /** Multiplies the last axis (channels) by a learned vector γ, starting at {@link #LAYER_SCALE}. */
    static final class LayerScale extends AbstractBlock {

        private static final byte VERSION = 1;

        private final Parameter gamma;

        LayerScale(int channels) {
            super(VERSION);
            gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(channels)).optInitializer(new ConstantInitializer(LAYER_SCALE)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mul(store.getValue(gamma, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
