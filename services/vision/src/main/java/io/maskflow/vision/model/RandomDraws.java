package io.maskflow.vision.model;

import java.util.SplittableRandom;

/** Random draws of training: orders of the samples and partners of a batch, and mixing ratios. */
public final class RandomDraws {

    private RandomDraws() {
    }

    /** Every index from 0 to n − 1 once, shuffled (Fisher – Yates). */
    public static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * A draw from the symmetric Beta(α, α) distribution, as X / (X + Y) with X, Y ~ Gamma(α, 1): the mixing ratios
     * of mixup, cutmix and MixStyle.
     */
    public static double beta(double alpha, SplittableRandom random) {
        double x = gamma(alpha, random);
        double y = gamma(alpha, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Marsaglia and Tsang's method; for α < 1 boosted by U^(1/α). */
    private static double gamma(double alpha, SplittableRandom random) {
        if (alpha < 1) {
            return gamma(alpha + 1, random) * Math.pow(random.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
