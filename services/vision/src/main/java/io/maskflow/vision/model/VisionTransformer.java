package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A small vision transformer (ViT, as in DeiT / BEiT) trained from scratch: the image is cut into square patches,
 * each patch becomes a token by one linear map (a convolution with stride = kernel = patch), a learned class token
 * is put in front and learned position embeddings are added; then pre-norm encoder blocks (layer norm →
 * multi-head self-attention → residual, layer norm → MLP with GELU → residual), a final layer norm, and the class
 * token's row goes through one linear layer to the logits. Weights start Xavier-uniform (the original ViT's
 * choice), the class token, the positions and the last layer from N(0, 0.02).
 *
 * <p>The number of tokens follows the input size, so a model is built for one image size (the descriptor's).
 */
public final class VisionTransformer {

    /** Dimensions of one configuration. */
    public record Config(int patch, int width, int depth, int attentionHeads, int mlpWidth) {
    }

    /**
     * {@code vit-tiny}: 8-pixel patches up to 128 px inputs (64 tokens at 64 px, 144 at 96 px), 16-pixel above;
     * width 128, 6 blocks of 4 heads, MLP 256.
     */
    public static Config tiny(int imageSize) {
        return new Config(imageSize > 128 ? 16 : 8, 128, 6, 4, 256);
    }

    private VisionTransformer() {
    }

    /** The network for (N, 3, imageSize, imageSize) inputs, ending in {@code outputs} logits. */
    public static Block build(Config config, int outputs, int imageSize) {
        if (imageSize < config.patch()) {
            throw new IllegalArgumentException("a vision transformer with " + config.patch() + "-pixel patches needs"
                    + " images of at least " + config.patch() + " px, got " + imageSize);
        }
        int side = imageSize / config.patch();
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(config.patch(), config.patch()))
                .optStride(new Shape(config.patch(), config.patch())).setFilters(config.width()).build());
        net.add(new Tokens(config.width(), side * side));
        for (int i = 0; i < config.depth(); i++) {
            net.add(encoderBlock(config));
        }
        net.add(LayerNorm.builder().axis(2).build());
        net.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, 0, :")), "classToken"));
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3), p -> p.getType() == Parameter.Type.WEIGHT
                && !Tokens.OWN.contains(p.getName()));
        net.add(head(outputs));
        return net;
    }

    /**
     * The last linear layer, its weights from N(0, 0.02) so that the first logits are small and the first loss
     * is about that of a uniform guess (as timm initialises ViT and ConvNeXt heads).
     */
    static Block head(int outputs) {
        Linear head = Linear.builder().setUnits(outputs).build();
        head.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        return head;
    }

    /** x + attention(norm(x)), then x + mlp(norm(x)); (N, T, width) in and out. */
    static Block encoderBlock(Config config) {
        SequentialBlock attention = new SequentialBlock()
                .add(LayerNorm.builder().axis(2).build())
                .add(ScaledDotProductAttentionBlock.builder().setEmbeddingSize(config.width())
                        .setHeadCount(config.attentionHeads()).optAttentionProbsDropoutProb(0).build());
        SequentialBlock mlp = new SequentialBlock()
                .add(LayerNorm.builder().axis(2).build())
                .add(Linear.builder().setUnits(config.mlpWidth()).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(config.width()).build());
        return new SequentialBlock().add(residual(attention)).add(residual(mlp));
    }

    /** x + branch(x). */
    static Block residual(Block branch) {
        return new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow().add(
                outs.get(1).singletonOrThrow())), List.of(branch, new LambdaBlock(x -> x, "identity")));
    }

    /**
     * Patch features (N, width, h, w) to tokens (N, 1 + h·w, width): the learned class token first, then the
     * patches in row order, each plus its learned position embedding.
     */
    static final class Tokens extends AbstractBlock {

        private static final byte VERSION = 1;
        /** Its parameters' names; they keep their own initialiser. */
        static final List<String> OWN = List.of("classToken", "positions");

        private final int width;
        private final int patches;
        private final Parameter classToken;
        private final Parameter positions;

        Tokens(int width, int patches) {
            super(VERSION);
            this.width = width;
            this.patches = patches;
            classToken = addParameter(Parameter.builder().setName("classToken").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, 1, width)).optInitializer(new NormalInitializer(0.02f)).build());
            positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, patches + 1, width)).optInitializer(new NormalInitializer(0.02f))
                    .build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray features = inputs.singletonOrThrow();
            long n = features.getShape().get(0);
            long tokens = features.getShape().get(2) * features.getShape().get(3);
            if (tokens != patches) {
                throw new IllegalArgumentException("this vision transformer was built for " + patches
                        + " patches, the input has " + tokens);
            }
            NDArray patchTokens = features.reshape(n, width, tokens).transpose(0, 2, 1);
            NDArray cls = store.getValue(classToken, features.getDevice(), training).broadcast(n, 1, width);
            // an operation's result belongs to its first operand's manager: the broadcast copy would otherwise
            // belong to the model's and take every later activation of the batch with it (they would never be freed)
            cls.attach(features.getManager());
            NDArray pos = store.getValue(positions, features.getDevice(), training);
            return new NDList(NDArrays.concat(new NDList(cls, patchTokens), 1).add(pos));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), patches + 1, width)};
        }
    }
}
