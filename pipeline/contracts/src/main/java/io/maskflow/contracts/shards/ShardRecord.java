package io.maskflow.contracts.shards;

/**
 * One training image in a shard.
 *
 * @param label the class, 0..17
 * @param person index of the person in the preprocessed set (the split is by person)
 * @param fold the person's fold, 0..k-1, or {@link ShardFormat#HOLDOUT} for the hold-out persons
 * @param pixels height x width x 3 bytes, RGB, row-major (HWC), uint8
 */
public record ShardRecord(int label, int person, int fold, byte[] pixels) {
}
