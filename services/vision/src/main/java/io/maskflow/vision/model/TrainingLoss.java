package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;
import io.maskflow.contracts.labels.Label;
import java.util.Locale;

/**
 * The training losses of ../shared/DATA.md over either head layout. Labels are <em>soft targets</em>: an (N, 18)
 * float array of class probabilities (one-hot for plain labels, mixed for mixup and cutmix). For
 * {@link Heads#THREE} the class targets are summed into mask (3), gender (2) and age (3) targets and the loss is
 * the sum of the three heads' losses.
 *
 * <ul>
 *   <li>{@code cross-entropy}: −Σ w·t·log p per image, summed over the batch and divided by Σ w·t (PyTorch's
 *       weighted mean; a plain mean without class weights).
 *   <li>{@code focal}: the same with each term scaled by (1 − p)^γ.
 *   <li>{@code f1}: 1 − mean over classes of the soft F1, with TP = Σ t·p, FP = Σ (1 − t)·p, FN = Σ t·(1 − p)
 *       over the batch.
 * </ul>
 * Label smoothing ε replaces t by (1 − ε)·t + ε / k before any of them. An image's targets may sum to a weight w
 * instead of 1 (the trainer's {@code balanceCue}): it then counts w times in cross-entropy and focal loss, as if it
 * were w images (smoothing included); the soft F1 loss does not take weights.
 *
 * <p>The network may have K extra outputs after its heads' logits, trained by squared error (the trainer's age and cue
 * tasks): the targets then carry 2K columns after the 18 class columns, first each extra output's target, then its
 * weight for that image (0 where the image's person has no such value), both mixed like the class targets, and the
 * loss adds ½ · Σ<sub>k</sub> weight · (output − target)² summed over the images and divided by their number. The
 * classes' figures never read the extra outputs.
 */
public final class TrainingLoss extends Loss {

    /** The loss function. */
    public enum Kind {
        CROSS_ENTROPY, FOCAL, F1;

        public static Kind fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final float EPSILON = 1e-7f;
    private static final String[] HEAD_SLICES = {":, 0:3", ":, 3:5", ":, 5:8"};

    private final Heads heads;
    private final Kind kind;
    private final float gamma;
    private final float smoothing;
    private final float[][] weights;
    private final int extraOutputs;

    /** The age task's target is (age − AGE_CENTRE) / AGE_SCALE: about −1 to 2 for the ages of 18 to 80. */
    public static final float AGE_CENTRE = 40;
    public static final float AGE_SCALE = 20;

    /**
     * @param weights per head (one array for SINGLE, three for THREE), a weight per class of that head; null for
     *     none
     */
    public TrainingLoss(Heads heads, Kind kind, float gamma, float smoothing, float[][] weights) {
        this(heads, kind, gamma, smoothing, weights, 0);
    }

    /**
     * @param extraOutputs the number K of extra outputs after the heads' logits (see above), 0 for none
     */
    public TrainingLoss(Heads heads, Kind kind, float gamma, float smoothing, float[][] weights, int extraOutputs) {
        super(kind.name().toLowerCase(Locale.ROOT));
        if (extraOutputs < 0) {
            throw new IllegalArgumentException("the extra outputs must be 0 or more, got " + extraOutputs);
        }
        this.extraOutputs = extraOutputs;
        this.heads = heads;
        this.kind = kind;
        this.gamma = gamma;
        this.smoothing = smoothing;
        int expected = heads == Heads.SINGLE ? 1 : 3;
        if (weights != null && weights.length != expected) {
            throw new IllegalArgumentException("class weights for " + expected + " head(s), got " + weights.length);
        }
        this.weights = weights;
    }

    /** Plain cross-entropy, no weights, no smoothing. */
    public static TrainingLoss crossEntropy(Heads heads) {
        return new TrainingLoss(heads, Kind.CROSS_ENTROPY, 0, 0, null);
    }

    /** The network's outputs: its heads' logits, and the extra outputs (the age task's, the cues') if any. */
    public int outputs() {
        return heads.outputs() + extraOutputs;
    }

    /** The age task's target for a person of {@code age} years. */
    public static float ageTarget(int age) {
        return (age - AGE_CENTRE) / AGE_SCALE;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray targets = labels.singletonOrThrow();
        NDArray logits = predictions.singletonOrThrow();
        NDArray classes = classLoss(classTargets(targets), classLogits(logits), null);
        return extraOutputs > 0 ? classes.add(extraLoss(targets, logits, targets.getShape().get(0))) : classes;
    }

    /**
     * The loss of one part of a batch (the images one device gets), scaled so that the parts' losses add up to the
     * whole batch's loss and their gradients to the whole batch's gradient. Cross-entropy and focal loss divide
     * each part's weighted sum by the whole batch's Σ w·t ({@code divisors}), not the part's own, so a part with
     * heavier classes counts as much as it does in the whole batch. The soft F1 loss does not split into a sum
     * over images; a part's F1 loss is weighted by its share of the images.
     *
     * @param divisors {@link #divisors} of the whole batch's labels
     * @param share the part's images over the batch's
     */
    public NDArray evaluatePart(NDList labels, NDList predictions, float[] divisors, float share) {
        if (kind == Kind.F1) {
            return evaluate(labels, predictions).mul(share);
        }
        NDArray targets = labels.singletonOrThrow();
        NDArray logits = predictions.singletonOrThrow();
        NDArray classes = classLoss(classTargets(targets), classLogits(logits), divisors);
        return extraOutputs > 0 ? classes.add(extraLoss(targets, logits, targets.getShape().get(0) / share))
                : classes;
    }

    /** The heads' losses; each head's weighted sum divided by {@code divisors}, or by its own Σ w·t when null. */
    private NDArray classLoss(NDArray targets, NDArray logits, float[] divisors) {
        if (heads == Heads.SINGLE) {
            return head(targets, logits, 0, divisors == null ? Float.NaN : divisors[0]);
        }
        NDArray[] headTargets = headTargets(targets);
        NDArray total = null;
        for (int h = 0; h < 3; h++) {
            NDArray loss = head(headTargets[h], logits.get(new NDIndex(HEAD_SLICES[h])), h,
                    divisors == null ? Float.NaN : divisors[h]);
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }

    /** Per head, the Σ w·t (after smoothing) of a batch's labels: what {@link #evaluate} divides that head by. */
    public float[] divisors(NDList labels) {
        NDArray targets = classTargets(labels.singletonOrThrow());
        if (heads == Heads.SINGLE) {
            return new float[] {weighted(smoothed(targets, targets.getShape().get(1)), 0).sum().getFloat()};
        }
        NDArray[] headTargets = headTargets(targets);
        float[] divisors = new float[3];
        for (int h = 0; h < 3; h++) {
            divisors[h] = weighted(smoothed(headTargets[h], headTargets[h].getShape().get(1)), h).sum().getFloat();
        }
        return divisors;
    }

    /**
     * ½ · Σ weight · (output − target)² over the extra outputs and the images, divided by {@code images}: the batch's
     * size, so that the parts of a batch split over devices add up to the whole batch's term.
     */
    private NDArray extraLoss(NDArray targets, NDArray logits, double images) {
        int k = extraOutputs;
        int from = Label.CLASSES;
        NDArray predicted = logits.get(new NDIndex(":, " + heads.outputs() + ":" + (heads.outputs() + k)));
        NDArray target = targets.get(new NDIndex(":, " + from + ":" + (from + k)));
        NDArray weight = targets.get(new NDIndex(":, " + (from + k) + ":" + (from + 2 * k)));
        return predicted.sub(target).square().mul(weight).sum().mul((float) (0.5 / images));
    }

    private NDArray classTargets(NDArray targets) {
        return extraOutputs > 0 ? targets.get(new NDIndex(":, 0:" + Label.CLASSES)) : targets;
    }

    private NDArray classLogits(NDArray logits) {
        return extraOutputs > 0 ? logits.get(new NDIndex(":, 0:" + heads.outputs())) : logits;
    }

    private static NDArray[] headTargets(NDArray targets) {
        long n = targets.getShape().get(0);
        NDArray grid = targets.reshape(n, 3, 2, 3);
        return new NDArray[] {grid.sum(new int[] {2, 3}), grid.sum(new int[] {1, 3}), grid.sum(new int[] {1, 2})};
    }

    /**
     * (1 − ε)·t + ε·s / k, with s the row's sum: 1 for a plain or mixed label, w for an image weighted w (the
     * trainer's {@code balanceCue} writes w in place of 1), so a weighted image's smoothed targets are w times a
     * plain one's.
     */
    private NDArray smoothed(NDArray targets, long k) {
        return smoothing > 0 ? targets.mul(1 - smoothing).add(targets.sum(new int[] {1}, true).mul(smoothing / k))
                : targets;
    }

    private NDArray weighted(NDArray t, int head) {
        return weights == null ? t : t.mul(t.getManager().create(weights[head]));
    }

    /** One head's loss; the weighted sum is divided by {@code divisor}, or by the batch's own Σ w·t when NaN. */
    private NDArray head(NDArray targets, NDArray logits, int head, float divisor) {
        NDArray t = smoothed(targets, logits.getShape().get(1));
        if (kind == Kind.F1) {
            return softF1Loss(t, logits.softmax(1));
        }
        NDArray logP = logits.logSoftmax(1);
        NDArray weighted = weighted(t, head);
        NDArray terms = weighted.mul(logP);
        if (kind == Kind.FOCAL) {
            terms = terms.mul(logP.exp().neg().add(1).pow(gamma));
        }
        return Float.isNaN(divisor) ? terms.sum().neg().div(weighted.sum().add(EPSILON))
                : terms.sum().neg().div(divisor + EPSILON);
    }

    private static NDArray softF1Loss(NDArray t, NDArray p) {
        NDArray tp = t.mul(p).sum(new int[] {0});
        NDArray fp = t.neg().add(1).mul(p).sum(new int[] {0});
        NDArray fn = t.mul(p.neg().add(1)).sum(new int[] {0});
        NDArray precision = tp.div(tp.add(fp).add(EPSILON));
        NDArray recall = tp.div(tp.add(fn).add(EPSILON));
        NDArray f1 = precision.mul(recall).mul(2).div(precision.add(recall).add(EPSILON))
                .clip(EPSILON, 1 - EPSILON);
        return f1.mean().neg().add(1);
    }
}
