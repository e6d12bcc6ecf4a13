package io.maskflow.vision.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

/**
 * face-api's 68-point landmark net ({@code face_landmark_68_model}, 350 KB): four dense blocks of depthwise
 * separable convolutions (each halving the size, 112 -> 7), a 7 x 7 average pool and a fully connected layer
 * giving 136 numbers, x and y of each point as a fraction of the square, padded 112 x 112 input.
 */
final class LandmarkNet {

    static final String MODEL = "face_landmark_68_model";
    static final int INPUT_SIZE = 112;
    /** Mean RGB the landmark and age/gender nets' inputs are centred on. */
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final Layers.Conv firstConv;
    private final Layers.SeparableConv[][] blocks = new Layers.SeparableConv[4][4];
    private final Layers.Dense fc;

    LandmarkNet(TfjsWeights weights, NDManager manager) {
        firstConv = Layers.Conv.load(weights, "dense0/conv0", manager);
        for (int b = 0; b < blocks.length; b++) {
            for (int c = b == 0 ? 1 : 0; c < 4; c++) {
                blocks[b][c] = Layers.SeparableConv.load(weights, "dense" + b + "/conv" + c, manager);
            }
        }
        fc = Layers.Dense.load(weights, "fc", manager);
    }

    /**
     * @param input {@code [N, 3, 112, 112]}, normalised
     * @return {@code [N, 136]}: x0, y0, x1, y1, ... as fractions of the input square
     */
    NDArray forward(NDArray input) {
        NDArray out = input;
        for (int b = 0; b < blocks.length; b++) {
            out = denseBlock(out, b);
        }
        return fc.forward(Layers.avgPoolValid(out, 7, 2));
    }

    /** Four convolutions, each fed the sum of the ones before it (the first halves the size). */
    private NDArray denseBlock(NDArray x, int b) {
        NDArray out1 = Activation.relu(b == 0 ? firstConv.forward(x, 2, true) : blocks[b][0].forward(x, 2));
        NDArray out2 = blocks[b][1].forward(out1, 1);
        NDArray out3 = blocks[b][2].forward(Activation.relu(out1.add(out2)), 1);
        NDArray out4 = blocks[b][3].forward(Activation.relu(out1.add(out2.add(out3))), 1);
        return Activation.relu(out1.add(out2.add(out3.add(out4))));
    }
}
