package io.maskflow.trainer.data;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training images: a shuffle, or a weighted draw with replacement where an
 * image's weight is 1 / (count of its class), so that every present class is drawn about equally often.
 */
public final class Sampler {

    private Sampler() {
    }

    /** {@code labels.length} draws with replacement, weight 1 / count of the label's class. */
    public static int[] weighted(int[] labels, int classes, SplittableRandom random) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        double[] cumulative = new double[labels.length];
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            total += 1.0 / counts[labels[i]];
            cumulative[i] = total;
        }
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            order[i] = Math.min(labels.length - 1, at >= 0 ? at : -at - 1);
        }
        return order;
    }

    /**
     * scikit-learn's "balanced" class weights, n / (k · count), for the classes present; 0 for absent ones.
     *
     * @param labels the class of each image, 0 to {@code classes - 1}
     */
    public static float[] balancedWeights(int[] labels, int classes) {
        return balancedWeights(labels, classes, 1);
    }

    /**
     * The {@link #balancedWeights(int[], int)} raised to {@code power}: 0.5 weighs a class ten times rarer about
     * three times as much ({@code classWeights=sqrt-balanced}), between no weights (0) and balanced ones (1).
     */
    public static float[] balancedWeights(int[] labels, int classes, double power) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int present = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        float[] weights = new float[classes];
        for (int c = 0; c < classes; c++) {
            weights[c] = counts[c] == 0 ? 0 : (float) Math.pow((double) labels.length / (present * counts[c]), power);
        }
        return weights;
    }

    /** A generator for one (seed, epoch, stream) triple: the same triple gives the same numbers on any thread. */
    public static SplittableRandom random(long seed, int epoch, long stream) {
        return new SplittableRandom(new Random(seed * 1_000_003L + epoch * 7919L + stream).nextLong());
    }
}
