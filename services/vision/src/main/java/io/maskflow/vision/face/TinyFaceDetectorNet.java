package io.maskflow.vision.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

/**
 * face-api's tiny face detector: a Tiny-YOLOv2 with depthwise separable convolutions (a plain 3x3 convolution
 * first, five separable ones, max pooling between, a 1x1 head) giving, for each cell of a 13 x 13 grid over a
 * 416 x 416 input, five anchor boxes of five numbers (x, y, w, h, score). The weights are
 * {@code tiny_face_detector_model} (190 KB).
 */
final class TinyFaceDetectorNet {

    static final String MODEL = "tiny_face_detector_model";
    /** Mean RGB the detector's inputs are centred on, before dividing by 255. */
    static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final float LEAKY_SLOPE = 0.1f;

    private final Layers.Conv conv0;
    private final Layers.SeparableConv[] separable = new Layers.SeparableConv[5];
    private final Layers.Conv head;

    TinyFaceDetectorNet(TfjsWeights weights, NDManager manager) {
        conv0 = Layers.Conv.load(weights, "conv0", manager);
        for (int i = 0; i < separable.length; i++) {
            separable[i] = Layers.SeparableConv.load(weights, "conv" + (i + 1), manager);
        }
        head = Layers.Conv.load(weights, "conv8", manager);
    }

    /**
     * @param input {@code [N, 3, S, S]}, normalised
     * @return {@code [N, 25, S / 32, S / 32]}: channel {@code 5 * anchor + k} holds box value k of that anchor
     */
    NDArray forward(NDArray input) {
        NDArray out = Activation.leakyRelu(conv0.forward(input, 1, false), LEAKY_SLOPE);
        for (int i = 0; i < separable.length; i++) {
            out = Layers.maxPoolSame(out, 2, 2);
            // the reference pads by one on each side and convolves 'valid': 'same' for a 3x3 with stride 1
            out = Activation.leakyRelu(separable[i].forward(out, 1), LEAKY_SLOPE);
        }
        out = Layers.maxPoolSame(out, 2, 1);
        return head.forward(out, 1, false);
    }
}
