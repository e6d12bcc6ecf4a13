package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2 x 2 max pooling with stride 2 and no padding (an odd last row or column is dropped), as
 * {@code Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))}, which it replaced in the compact CNN.
 *
 * <p>Outside training (serving, the evaluator, the trainer's validation) it takes the element-wise maximum of the
 * input's four strided views: the same values as PyTorch's {@code max_pool2d}, whose CPU kernel walks NCHW tensors
 * one output at a time; this makes the compact CNN's whole forward pass about twice as fast on the CPU
 * (docs/serving.md). Training keeps PyTorch's kernel: the views' backward pass (a full-size scatter per view) is
 * slower than max pooling's own.
 *
 * <p>It is a {@link LambdaBlock} under the pooling block's name, without parameters, so models save and load
 * exactly as before. A training network may mix its output's styles ({@link MixStyle}); the block is the same one
 * to save and load either way.
 */
final class MaxPool2x2 extends LambdaBlock {

    private static final Shape KERNEL = new Shape(2, 2);

    private final MixStyle mixStyle;

    MaxPool2x2() {
        this(null);
    }

    /** @param mixStyle what to do to the pooled features in training, null for nothing */
    MaxPool2x2(MixStyle mixStyle) {
        super(MaxPool2x2::pytorch, "maxPool2d");
        this.mixStyle = mixStyle;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Shape shape = inputs.singletonOrThrow().getShape();
        // below 2 x 2 there is no window: PyTorch's kernel refuses it with its own message, as before
        boolean views = !training && shape.dimension() == 4 && shape.get(2) >= 2 && shape.get(3) >= 2;
        if (views) {
            return new NDList(ofViews(inputs.singletonOrThrow()));
        }
        NDList pooled = pytorch(inputs);
        return training && mixStyle != null ? new NDList(mixStyle.apply(pooled.singletonOrThrow())) : pooled;
    }

    private static NDList pytorch(NDList inputs) {
        return new NDList(Pool.maxPool2d(inputs.singletonOrThrow(), KERNEL, KERNEL, new Shape(0, 0), false));
    }

    /** The maximum of the four strided views: elements (2i + a, 2j + b) for a, b in {0, 1}. */
    static NDArray ofViews(NDArray x) {
        Shape shape = x.getShape();
        long height = shape.get(2) / 2 * 2;
        long width = shape.get(3) / 2 * 2;
        NDArray columns = x.get(every(3, 0, width)).maximum(x.get(every(3, 1, width)));
        return columns.get(every(2, 0, height)).maximum(columns.get(every(2, 1, height)));
    }

    /** Every second element of axis {@code axis} from {@code first} up to {@code end}, all of the axes before it. */
    static NDIndex every(int axis, long first, long end) {
        // built, not parsed: an index string goes through regular expressions on every forward pass
        return new NDIndex().addAllDim(axis).addSliceDim(first, end, 2);
    }
}
