package io.maskflow.vision.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

/**
 * face-api's age and gender net ({@code age_gender_model}, 420 KB): a tiny Xception (an entry convolution, two
 * reduction blocks, two residual main blocks, an exit reduction block and a separable convolution, 112 -> 7),
 * a 7 x 7 average pool, then one fully connected layer for the age in years and one for the two gender logits
 * (male, female).
 */
final class AgeGenderNet {

    static final String MODEL = "age_gender_model";

    private final Layers.Conv entry;
    private final Reduction[] reductions = new Reduction[3];
    private final Layers.SeparableConv[][] mainBlocks = new Layers.SeparableConv[2][3];
    private final Layers.SeparableConv exit;
    private final Layers.Dense age;
    private final Layers.Dense gender;

    /** Two separable convolutions and a max pool, plus a strided 1x1 convolution of the block's input. */
    private record Reduction(Layers.SeparableConv first, Layers.SeparableConv second, Layers.Conv expansion) {

        static Reduction load(TfjsWeights weights, String prefix, NDManager manager) {
            return new Reduction(Layers.SeparableConv.load(weights, prefix + "/separable_conv0", manager),
                    Layers.SeparableConv.load(weights, prefix + "/separable_conv1", manager),
                    Layers.Conv.load(weights, prefix + "/expansion_conv", manager));
        }

        NDArray forward(NDArray x, boolean activateInput) {
            NDArray out = first.forward(activateInput ? Activation.relu(x) : x, 1);
            out = Layers.maxPoolSame(second.forward(Activation.relu(out), 1), 3, 2);
            return out.add(expansion.forward(x, 2, true));
        }
    }

    AgeGenderNet(TfjsWeights weights, NDManager manager) {
        entry = Layers.Conv.load(weights, "entry_flow/conv_in", manager);
        reductions[0] = Reduction.load(weights, "entry_flow/reduction_block_0", manager);
        reductions[1] = Reduction.load(weights, "entry_flow/reduction_block_1", manager);
        reductions[2] = Reduction.load(weights, "exit_flow/reduction_block", manager);
        for (int b = 0; b < mainBlocks.length; b++) {
            for (int c = 0; c < 3; c++) {
                mainBlocks[b][c] = Layers.SeparableConv.load(weights,
                        "middle_flow/main_block_" + b + "/separable_conv" + c, manager);
            }
        }
        exit = Layers.SeparableConv.load(weights, "exit_flow/separable_conv", manager);
        age = Layers.Dense.load(weights, "fc/age", manager);
        gender = Layers.Dense.load(weights, "fc/gender", manager);
    }

    /**
     * @param input {@code [N, 3, 112, 112]}, normalised as for {@link LandmarkNet}
     * @return {@code [N, 3]}: age in years, probability of male, probability of female
     */
    NDArray forward(NDArray input) {
        NDArray out = Activation.relu(entry.forward(input, 2, true));
        out = reductions[0].forward(out, false);
        out = reductions[1].forward(out, true);
        for (Layers.SeparableConv[] block : mainBlocks) {
            NDArray inner = block[0].forward(Activation.relu(out), 1);
            inner = block[1].forward(Activation.relu(inner), 1);
            inner = block[2].forward(Activation.relu(inner), 1);
            out = inner.add(out);
        }
        out = reductions[2].forward(out, true);
        out = Activation.relu(exit.forward(out, 1));
        NDArray pooled = Layers.avgPoolValid(out, 7, 2);
        NDArray years = age.forward(pooled);
        NDArray probabilities = gender.forward(pooled).softmax(1);
        return years.concat(probabilities, 1);
    }
}
