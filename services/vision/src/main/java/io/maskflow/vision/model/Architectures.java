package io.maskflow.vision.model;

import ai.djl.basicmodelzoo.cv.classification.MobileNetV2;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import io.maskflow.contracts.params.TrainParams;
import java.util.List;

/**
 * The networks the trainer, evaluator and serving build, by name; all take (N, 3, H, W) float32 and end in one
 * linear layer of {@link Heads#outputs()} logits. ResNet and MobileNetV2 come from DJL's basic model zoo (the
 * blocks only: every model is trained from scratch, nothing is downloaded); the vision transformer
 * ({@link VisionTransformer}) and ConvNeXt ({@link ConvNeXt}) are written here from DJL's blocks.
 */
public final class Architectures {

    public static final List<String> NAMES = List.of("compact-cnn", "stem-cnn", "ibn-cnn", "resnet18", "resnet34",
            "resnet50", "mobilenet-v2", "vit-tiny", "convnext-nano");

    /** The stages after which {@link MixStyle} mixes: the early ones, which carry style more than content. */
    private static final int MIXED_STAGES = 3;

    /**
     * The batch norms' epsilon in {@code compact-cnn} and {@code stem-cnn}: DJL's default, set here by name
     * because {@link InferenceNetwork} folds it into the convolutions (DJL does not save it with a model).
     */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private Architectures() {
    }

    /**
     * @param architecture one of {@link #NAMES}
     * @param heads the head layout, which sets the number of outputs
     * @param imageSize the side of the square input; ResNet uses a small stem up to 32 pixels, the vision
     *     transformer sizes its position embeddings by it (so a saved model is rebuilt at its own size); less than
     *     the network's {@link TrainParams.Architecture#leastImageSize() least} is refused naming it
     */
    public static Block build(String architecture, Heads heads, int imageSize) {
        return build(architecture, heads, imageSize, null);
    }

    /**
     * A network to train with {@link MixStyle} after its first three stages ({@code compact-cnn} and
     * {@code stem-cnn}); the same parameters as {@link #build(String, Heads, int)}'s, so the plain network serves it.
     *
     * @param mixStyle null for none
     */
    public static Block build(String architecture, Heads heads, int imageSize, MixStyle mixStyle) {
        return build(architecture, heads.outputs(), imageSize, mixStyle);
    }

    /**
     * The network with {@code outputs} outputs in its last linear layer: a training network may have more than its
     * heads' (an extra task, as the trainer's exact-age output), whose rows are dropped before the model is saved.
     */
    public static Block build(String architecture, int outputs, int imageSize, MixStyle mixStyle) {
        if (mixStyle != null) {
            TrainParams.Architecture.of(architecture).requireMixStyle();
        }
        if (NAMES.contains(architecture)) {
            TrainParams.Architecture.of(architecture).requireImageSize(imageSize);
        }
        return network(architecture, outputs, imageSize, mixStyle);
    }

    /**
     * {@link #build(String, int, int, MixStyle)} without its checks, above all that of the image size against the
     * least each network takes ({@link TrainParams.Architecture#leastImageSize()}): the network as it is, for the
     * test that keeps those sizes true.
     */
    static Block network(String architecture, int outputs, int imageSize, MixStyle mixStyle) {
        return switch (architecture) {
            case "compact-cnn" -> compactCnn(outputs, mixStyle);
            case "stem-cnn" -> stemCnn(outputs, mixStyle);
            case "ibn-cnn" -> ibnCnn(outputs);
            case "resnet18" -> resNet(18, outputs, imageSize);
            case "resnet34" -> resNet(34, outputs, imageSize);
            case "resnet50" -> resNet(50, outputs, imageSize);
            case "mobilenet-v2" -> MobileNetV2.builder().setOutSize(outputs).build();
            case "vit-tiny" -> VisionTransformer.build(VisionTransformer.tiny(imageSize), outputs, imageSize);
            case "convnext-nano" -> ConvNeXt.build(ConvNeXt.nano(), outputs, imageSize);
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture + "'; known: "
                    + NAMES);
        };
    }

    /**
     * Four conv-batchnorm-relu stages (32, 64, 96, 128 filters), each halving the image, then global average
     * pooling and one linear layer: small enough to train on two CPU cores.
     */
    static Block compactCnn(int outputs, MixStyle mixStyle) {
        return stages(new SequentialBlock(), outputs, mixStyle, 0);
    }

    /**
     * The compact CNN behind a stride-2 stem (3 x 3 conv of 32 filters, batch norm, ReLU): the four stages see the
     * image at half its side, so a 128-pixel input costs the stages what a 64-pixel one costs the compact CNN, and
     * the stem alone looks at the full resolution (thin lines such as brows and wrinkles).
     */
    static Block stemCnn(int outputs, MixStyle mixStyle) {
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).setFilters(32).build());
        net.add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build());
        net.add(Activation.reluBlock());
        return stages(net, outputs, mixStyle, 0);
    }

    /**
     * The compact CNN with instance normalisation in its first three stages, as IBN-Net (Pan et al. 2018) puts it in
     * a ResNet: half of each early stage's channels are normalised per image (their own mean and deviation over the
     * image), so what a renderer or camera does to contrast and colour is taken out of them, the other half keeps
     * batch normalisation and with it what the image's overall contrast says. The batch norm after the split gives
     * both halves their learnt scale and shift. The same parameters as the compact CNN's.
     */
    static Block ibnCnn(int outputs) {
        return stages(new SequentialBlock(), outputs, null, MIXED_STAGES);
    }

    /**
     * The compact CNN's four stages and head after what {@code net} holds; the first {@code instanceNormStages}
     * normalise half their channels per image ({@link #halfInstanceNorm}) before their batch norm.
     */
    private static Block stages(SequentialBlock net, int outputs, MixStyle mixStyle, int instanceNormStages) {
        int[] stages = {32, 64, 96, 128};
        for (int stage = 0; stage < stages.length; stage++) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(stages[stage]).build());
            if (stage < instanceNormStages) {
                net.add(halfInstanceNorm());
            }
            net.add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build());
            net.add(Activation.reluBlock());
            net.add(new MaxPool2x2(stage < MIXED_STAGES ? mixStyle : null));
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }

    /**
     * Normalises the first half of the channels of (N, C, H, W) feature maps per image and channel over H and W (no
     * parameters of its own); the second half passes as it is.
     */
    static Block halfInstanceNorm() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            Shape shape = x.getShape();
            long half = shape.get(1) / 2;
            NDList halves = x.split(new long[] {half}, 1);
            // PyTorch's layer norm over the last two axes is the instance norm, in one fused kernel (done by hand
            // with means and squares, the network trained at a quarter of the compact CNN's rate)
            Shape image = new Shape(shape.get(2), shape.get(3));
            NDArray normalised = LayerNorm.layerNorm(halves.get(0), image, x.getManager().ones(image),
                    x.getManager().zeros(image), BATCH_NORM_EPSILON).singletonOrThrow();
            return new NDList(normalised.concat(halves.get(1), 1));
        }, "half-instance-norm");
    }

    private static Block resNet(int layers, int outputs, int imageSize) {
        return ResNetV1.builder().setNumLayers(layers).setOutSize(outputs)
                .setImageShape(new Shape(3, imageSize, imageSize)).build();
    }
}
