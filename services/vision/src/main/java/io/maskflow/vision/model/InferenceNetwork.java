package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A trained compact or stem CNN's forward pass rewritten for answering, built once when a model is loaded to
 * serve or to evaluate. Three rewrites, each giving the trained network's answers up to float rounding:
 * <ul>
 *   <li>each batch norm folded into the convolution before it: the convolution's weights scaled by
 *       {@code gamma / sqrt(var + eps)} per filter and its bias shifted, so the batch norm is not run at all;</li>
 *   <li>ReLU after the 2 x 2 max pooling instead of before it (ReLU never lowers a larger value below a smaller
 *       one, so {@code max(relu(a), relu(b)) = relu(max(a, b))}): it runs on a quarter of the values;</li>
 *   <li>the pooling's maximum taken over pairs of rows first, whose values lie next to each other in memory, then
 *       over pairs of columns of the half-height result ({@link MaxPool2x2#ofViews} does columns first).</li>
 * </ul>
 * Every other layer runs as trained. Other networks are answered by their own block ({@link #of} returns it).
 * It is for answering only: it has no parameters of its own to train or save.
 */
public final class InferenceNetwork extends AbstractBlock {

    /** The networks whose layers this rewrites: built by {@link Architectures} with its batch norms' epsilon. */
    static final Set<String> REWRITTEN = Set.of("compact-cnn", "stem-cnn", "ibn-cnn");

    private static final String RELU = ((LambdaBlock) Activation.reluBlock()).getName();

    private final Block trained;
    private final List<Step> steps;

    /** One step of the rewritten forward pass. */
    private interface Step {
        NDList apply(ParameterStore store, NDList in, PairList<String, Object> params);
    }

    private InferenceNetwork(Block trained, List<Step> steps) {
        this.trained = trained;
        this.steps = steps;
    }

    /**
     * The network to answer with: the rewritten forward pass of a trained {@code compact-cnn}, {@code stem-cnn} or
     * {@code ibn-cnn} (whose early batch norms, behind its instance norms, run as trained), or {@code trained}
     * itself for any other network (DJL's ResNet, for one, has convolutions followed by batch norms too, with
     * another epsilon). The folded weights live in {@code manager} (the model's, so they go when the model is
     * closed).
     *
     * @param architecture the network's name in {@link Architectures#NAMES}
     * @param trained an initialised network with its trained parameters loaded
     * @param inputShape the network's input, e.g. (1, 3, 64, 64)
     */
    public static Block of(String architecture, Block trained, NDManager manager, Shape inputShape) {
        if (!REWRITTEN.contains(architecture) || !(trained instanceof SequentialBlock)) {
            return trained;
        }
        List<Block> layers = trained.getChildren().values();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Block layer = layers.get(i);
            Block next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            if (layer instanceof Conv2d conv && next instanceof BatchNorm norm) {
                steps.add(folded(conv, norm, manager));
                i++;
            } else if (isRelu(layer) && next instanceof MaxPool2x2 pool) {
                steps.add((store, in, params) -> reluPooled(in, pool, store, params));
                i++;
            } else {
                steps.add((store, in, params) -> layer.forward(store, in, false, params));
            }
        }
        InferenceNetwork network = new InferenceNetwork(trained, List.copyOf(steps));
        network.initialize(manager, DataType.FLOAT32, inputShape);
        return network;
    }

    /** The convolution with the batch norm after it folded into its weights and bias. */
    private static Step folded(Conv2d conv, BatchNorm norm, NDManager manager) {
        NDArray weight = conv.getParameters().get("weight").getArray();
        NDArray bias = conv.isIncludeBias() ? conv.getParameters().get("bias").getArray()
                : manager.zeros(new Shape(conv.getFilters()));
        NDArray gamma = norm.getParameters().get("gamma").getArray();
        NDArray beta = norm.getParameters().get("beta").getArray();
        NDArray mean = norm.getParameters().get("runningMean").getArray();
        NDArray variance = norm.getParameters().get("runningVar").getArray();
        NDArray scale = gamma.div(variance.add(Architectures.BATCH_NORM_EPSILON).sqrt());
        NDArray foldedWeight = weight.mul(scale.reshape(-1, 1, 1, 1));
        NDArray foldedBias = bias.sub(mean).mul(scale).add(beta);
        foldedWeight.attach(manager);
        foldedBias.attach(manager);
        Shape stride = conv.getStride();
        Shape padding = conv.getPadding();
        Shape dilation = conv.getDilation();
        int groups = conv.getGroups();
        return (store, in, params) -> Conv2d.conv2d(in.singletonOrThrow(), foldedWeight, foldedBias, stride,
                padding, dilation, groups);
    }

    private static boolean isRelu(Block layer) {
        return layer instanceof LambdaBlock lambda && RELU.equals(lambda.getName());
    }

    /** ReLU and 2 x 2 max pooling: pooled first, or as trained where the map is too small for a window. */
    private static NDList reluPooled(NDList in, MaxPool2x2 pool, ParameterStore store,
            PairList<String, Object> params) {
        Shape shape = in.singletonOrThrow().getShape();
        if (shape.dimension() != 4 || shape.get(2) < 2 || shape.get(3) < 2) {
            return pool.forward(store, Activation.relu(in), false, params);
        }
        return new NDList(Activation.relu(rowsFirst(in.singletonOrThrow())));
    }

    /**
     * 2 x 2 max pooling with stride 2 (an odd last row or column dropped): the maximum of each pair of rows, then
     * of each pair of columns of that. The same values as {@link MaxPool2x2#ofViews}.
     */
    static NDArray rowsFirst(NDArray x) {
        Shape shape = x.getShape();
        long height = shape.get(2) / 2 * 2;
        long width = shape.get(3) / 2 * 2;
        NDArray rows = x.get(MaxPool2x2.every(2, 0, height)).maximum(x.get(MaxPool2x2.every(2, 1, height)));
        return rows.get(MaxPool2x2.every(3, 0, width)).maximum(rows.get(MaxPool2x2.every(3, 1, width)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (training) {
            throw new IllegalStateException("this network only answers; train the network it was made from");
        }
        NDList x = inputs;
        for (Step step : steps) {
            x = step.apply(store, x, params);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return trained.getOutputShapes(inputShapes);
    }
}
