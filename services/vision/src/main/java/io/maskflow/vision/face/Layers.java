package io.maskflow.vision.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * The few layers face-api's networks are made of, as DJL operations on NCHW tensors, with TensorFlow's padding
 * rules: {@code 'same'} pads {@code max((ceil(in / stride) - 1) * stride + kernel - in, 0)} in total, the odd pixel
 * after (bottom, right), which PyTorch's symmetric padding cannot express for stride 2. Weights arrive in
 * TensorFlow's layouts (HWIO filters, HWC1 depthwise filters) and are turned into PyTorch's (OIHW) once, at load.
 */
final class Layers {

    /** What max pooling pads with: TensorFlow's padded cells never win. */
    private static final double MINUS_INFINITY = Double.NEGATIVE_INFINITY;

    private Layers() {
    }

    /** A convolution with bias, from an HWIO filter. */
    record Conv(NDArray weight, NDArray bias, int kernel) {

        static Conv load(TfjsWeights weights, String prefix, NDManager manager) {
            TfjsWeights.Weight filters = weights.get(prefix + "/filters");
            return new Conv(oihw(manager, filters, 3, 2, 0, 1), vector(manager, weights.get(prefix + "/bias")),
                    (int) filters.shape()[0]);
        }

        /** TensorFlow's conv2d + bias, with 'same' padding when {@code same}, else 'valid'. */
        NDArray forward(NDArray x, int stride, boolean same) {
            return convolve(x, weight, bias, kernel, stride, same, 1);
        }
    }

    /** TensorFlow's separableConv2d (a depthwise 3x3 then a pointwise 1x1) plus bias, with 'same' padding. */
    record SeparableConv(NDArray depthwise, NDArray pointwise, NDArray bias) {

        static SeparableConv load(TfjsWeights weights, String prefix, NDManager manager) {
            return new SeparableConv(oihw(manager, weights.get(prefix + "/depthwise_filter"), 2, 3, 0, 1),
                    oihw(manager, weights.get(prefix + "/pointwise_filter"), 3, 2, 0, 1),
                    vector(manager, weights.get(prefix + "/bias")));
        }

        NDArray forward(NDArray x, int stride) {
            int channels = (int) depthwise.getShape().get(0);
            NDArray spatial = convolve(x, depthwise, null, 3, stride, true, channels);
            return Conv2d.conv2d(spatial, pointwise, bias).singletonOrThrow();
        }
    }

    /** A fully connected layer: {@code x . weights + bias}, weights as TensorFlow stores them ([in, out]). */
    record Dense(NDArray weights, NDArray bias) {

        static Dense load(TfjsWeights weights, String prefix, NDManager manager) {
            TfjsWeights.Weight w = weights.get(prefix + "/weights");
            return new Dense(manager.create(w.values(), new Shape(w.shape())),
                    vector(manager, weights.get(prefix + "/bias")));
        }

        NDArray forward(NDArray x) {
            return x.reshape(x.getShape().get(0), -1).matMul(weights).add(bias);
        }
    }

    /** TensorFlow's maxPool with 'same' padding. */
    static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
        int[] pad = samePadding(x, kernel, stride);
        NDArray padded = pad[0] + pad[1] + pad[2] + pad[3] == 0 ? x
                : x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), MINUS_INFINITY);
        return Pool.maxPool2d(padded, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
    }

    /** TensorFlow's avgPool with 'valid' padding. */
    static NDArray avgPoolValid(NDArray x, int kernel, int stride) {
        return Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false, true);
    }

    /** {top, bottom, left, right} padding of TensorFlow's 'same' for an NCHW input. */
    static int[] samePadding(NDArray x, int kernel, int stride) {
        int height = (int) x.getShape().get(2);
        int width = (int) x.getShape().get(3);
        int padH = total(height, kernel, stride);
        int padW = total(width, kernel, stride);
        return new int[] {padH / 2, padH - padH / 2, padW / 2, padW - padW / 2};
    }

    static int total(int in, int kernel, int stride) {
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    private static NDArray convolve(NDArray x, NDArray weight, NDArray bias, int kernel, int stride, boolean same,
            int groups) {
        NDArray input = x;
        Shape padding = new Shape(0, 0);
        if (same) {
            int[] pad = samePadding(x, kernel, stride);
            if (pad[0] == pad[1] && pad[2] == pad[3]) {
                padding = new Shape(pad[0], pad[2]);
            } else {
                input = x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), 0);
            }
        }
        return Conv2d.conv2d(input, weight, bias, new Shape(stride, stride), padding, new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    /** A 4-d TensorFlow weight permuted into PyTorch's layout by {@code axes}, as a contiguous array. */
    private static NDArray oihw(NDManager manager, TfjsWeights.Weight w, int... axes) {
        try (NDArray tf = manager.create(w.values(), new Shape(w.shape()))) {
            NDArray view = tf.transpose(axes);
            float[] values = view.toFloatArray();
            Shape shape = view.getShape();
            view.close();
            return manager.create(values, shape);
        }
    }

    private static NDArray vector(NDManager manager, TfjsWeights.Weight w) {
        return manager.create(w.values());
    }
}
