package io.maskflow.vision.model;

import io.maskflow.contracts.labels.Label;
import java.util.List;

/**
 * How several models' answers combine. Soft vote: the mean of their class probabilities. Hard vote: each model
 * votes for its top class; a tie goes to the tied class with the highest mean probability, and a tie of that too
 * to the lowest class number, so the result never depends on the order of the models.
 */
public final class Votes {

    private Votes() {
    }

    /** The mean probabilities, image by image. */
    public static float[][] soft(List<float[][]> members) {
        int n = members.get(0).length;
        float[][] out = new float[n][Label.CLASSES];
        for (float[][] member : members) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < Label.CLASSES; c++) {
                    out[i][c] += member[i][c] / members.size();
                }
            }
        }
        return out;
    }

    /**
     * The hard vote as a distribution: each class's share of the votes, with the winner (by the tie rule) nudged
     * above the other tied classes so that its arg max is the vote's answer.
     */
    public static float[][] hard(List<float[][]> members) {
        float[][] mean = soft(members);
        int n = mean.length;
        float[][] out = new float[n][Label.CLASSES];
        for (int i = 0; i < n; i++) {
            int[] votes = new int[Label.CLASSES];
            for (float[][] member : members) {
                votes[argMax(member[i])]++;
            }
            int winner = 0;
            for (int c = 1; c < Label.CLASSES; c++) {
                if (votes[c] > votes[winner] || votes[c] == votes[winner] && mean[i][c] > mean[i][winner]) {
                    winner = c;
                }
            }
            for (int c = 0; c < Label.CLASSES; c++) {
                out[i][c] = (float) votes[c] / members.size();
            }
            out[i][winner] += 1e-6f;
        }
        return out;
    }

    /** The first index of the largest value. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }
}
