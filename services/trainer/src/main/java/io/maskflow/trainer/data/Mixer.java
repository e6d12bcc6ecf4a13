package io.maskflow.trainer.data;

import io.maskflow.vision.model.RandomDraws;
import java.util.SplittableRandom;

/**
 * Mixup and cutmix over a whole batch: each image is paired with another of the same batch (a random permutation)
 * and a ratio λ ~ Beta(α, α) is drawn once per batch. Mixup blends the two images and their targets by λ; cutmix
 * pastes a box of the partner covering 1 − λ of the area and mixes the targets by the box's true area.
 */
public final class Mixer {

    /** How to mix. */
    public enum Kind { NONE, MIXUP, CUTMIX }

    private final Kind kind;
    private final double alpha;

    public Mixer(Kind kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** Mixes {@code batch} in place (images and targets) and returns the λ used (1 when nothing was mixed). */
    public double mix(HostBatch batch, SplittableRandom random) {
        if (kind == Kind.NONE || batch.count() < 2) {
            return 1;
        }
        int n = batch.count();
        int[] partner = RandomDraws.shuffled(n, random);
        double lambda = RandomDraws.beta(alpha, random);
        int plane = batch.size() * batch.size();
        int image = 3 * plane;
        float[] images = batch.images();
        float[] original = images.clone();
        float[] targets = batch.targets();
        float[] originalTargets = targets.clone();
        if (kind == Kind.CUTMIX) {
            int s = batch.size();
            int side = (int) Math.round(s * Math.sqrt(1 - lambda));
            int x0 = random.nextInt(s - side + 1);
            int y0 = random.nextInt(s - side + 1);
            for (int i = 0; i < n; i++) {
                int from = partner[i] * image;
                for (int c = 0; c < 3; c++) {
                    for (int y = y0; y < y0 + side; y++) {
                        int row = c * plane + y * s + x0;
                        System.arraycopy(original, from + row, images, i * image + row, side);
                    }
                }
            }
            lambda = 1 - (double) side * side / plane;
        } else {
            float l = (float) lambda;
            for (int i = 0; i < n; i++) {
                int to = i * image;
                int from = partner[i] * image;
                for (int k = 0; k < image; k++) {
                    images[to + k] = l * original[to + k] + (1 - l) * original[from + k];
                }
            }
        }
        int classes = targets.length / n;
        float l = (float) lambda;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                targets[i * classes + c] = l * originalTargets[i * classes + c]
                        + (1 - l) * originalTargets[partner[i] * classes + c];
            }
        }
        return lambda;
    }
}
