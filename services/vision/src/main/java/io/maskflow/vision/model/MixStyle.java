package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * MixStyle (Zhou et al., "Domain Generalization with MixStyle", ICLR 2021): during training, at odds {@code odds}
 * per batch, each image's feature maps are normalised by their own per-channel mean and standard deviation and
 * given a mix of their own statistics and those of another image of the batch, λ ~ Beta(α, α). Those statistics
 * carry much of an image's style (colours, textures, how it is shaded); mixing them across the persons of a batch
 * — drawn in different styles — gives the later layers features of the same face in in-between styles, so what
 * they learn to read is less tied to one way of drawing. It has no parameters and does nothing outside training,
 * so a model trained with it is served and evaluated by the plain network.
 *
 * <p>The statistics are taken out of the gradient, as in the paper. Draws come from one seeded stream, so a
 * training run repeats.
 */
public final class MixStyle {

    private static final float EPSILON = 1e-6f;

    private final double odds;
    private final double alpha;
    private final SplittableRandom random;

    /**
     * @param odds the share of batches mixed, 0 .. 1
     * @param alpha α of the Beta(α, α) mixing ratio (the paper's 0.1 keeps most images near their own style)
     * @param seed the stream's seed
     */
    public MixStyle(double odds, double alpha, long seed) {
        if (!(odds >= 0 && odds <= 1) || !(alpha > 0)) {
            throw new IllegalArgumentException("mixStyle odds must be 0 .. 1 and alpha above 0, got " + odds
                    + " and " + alpha);
        }
        this.odds = odds;
        this.alpha = alpha;
        this.random = new SplittableRandom(seed);
    }

    /** A training forward pass's feature maps {@code (N, C, H, W)}, mixed or as they were. */
    public NDArray apply(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(0) < 2) {
            return x;
        }
        int n = (int) x.getShape().get(0);
        float[] lambda = new float[n];
        int[] partner;
        synchronized (random) {
            if (random.nextDouble() >= odds) {
                return x;
            }
            for (int i = 0; i < n; i++) {
                lambda[i] = (float) RandomDraws.beta(alpha, random);
            }
            partner = RandomDraws.shuffled(n, random);
        }
        NDManager manager = x.getManager();
        NDArray mean = spatialMean(x).stopGradient();
        NDArray std = spatialMean(x.sub(mean).square()).add(EPSILON).sqrt().stopGradient();
        NDArray normalised = x.sub(mean).div(std);
        NDArray own = manager.create(lambda, new Shape(n, 1, 1, 1)).toType(x.getDataType(), false);
        NDArray other = own.neg().add(1);
        NDArray order = manager.create(partner).toType(DataType.INT64, false);
        NDArray mixedMean = mean.mul(own).add(mean.get(order).mul(other));
        NDArray mixedStd = std.mul(own).add(std.get(order).mul(other));
        return normalised.mul(mixedStd).add(mixedMean);
    }

    /** The mean over height and width, kept as (N, C, 1, 1); PyTorch's engine takes one axis at a time. */
    private static NDArray spatialMean(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }
}
