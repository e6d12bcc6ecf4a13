package io.maskflow.trainer.data;

/**
 * One batch assembled in plain Java arrays, ready to become two NDArrays with one copy each.
 *
 * @param images normalised float32, N × 3 × size × size
 * @param targets soft class targets, N × 18 (one-hot unless mixed), or N × 19 with the age task's target last
 * @param labels the class of each image (the first image's class for a mixed one)
 * @param count N
 * @param size the image side
 */
public record HostBatch(float[] images, float[] targets, int[] labels, int count, int size) {

    /** The targets' columns per image: 18, and two more per extra output (its target and its weight). */
    public int columns() {
        return targets.length / count;
    }
}
