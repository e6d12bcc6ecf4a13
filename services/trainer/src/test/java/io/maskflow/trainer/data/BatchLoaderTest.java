package io.maskflow.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    private static final int SIZE = 4;

    /** Persons 0, 1 and 2, one image each, of classes 5, 9 and 17. */
    private static List<ShardRecord> records() {
        List<ShardRecord> records = new ArrayList<>();
        int[] labels = {5, 9, 17};
        for (int person = 0; person < 3; person++) {
            records.add(new ShardRecord(labels[person], person, 1, new byte[3 * SIZE * SIZE]));
        }
        return records;
    }

    private static HostBatch batch(float[] personWeights, float[][] extraTargets) {
        try (BatchLoader loader = new BatchLoader(records(), SIZE, new float[3], new float[] {1, 1, 1},
                Augmenter.Settings.NONE, 1, extraTargets, personWeights)) {
            return loader.assemble(new int[] {2, 0, 1}, 0, 3, true, null, new SplittableRandom(1));
        }
    }

    @Test
    void eachImagesClassTargetIsItsPersonsWeightAndTheOthersAreZero() {
        HostBatch weighted = batch(new float[] {2f, 0.5f}, null); // person 2 is past the weights: 1
        assertThat(weighted.columns()).isEqualTo(18);
        float[] expected = new float[3 * 18];
        expected[17] = 1;
        expected[18 + 5] = 2f;
        expected[36 + 9] = 0.5f;
        assertThat(weighted.targets()).containsExactly(expected);
        assertThat(weighted.labels()).containsExactly(17, 5, 9);

        float[] plain = new float[3 * 18];
        plain[17] = 1;
        plain[18 + 5] = 1;
        plain[36 + 9] = 1;
        assertThat(batch(null, null).targets()).as("no weights: one-hot").containsExactly(plain);
    }

    @Test
    void theExtraColumnsFollowTheWeightedClassTargets() {
        float[][] extra = {{0.25f, 1}, {-0.5f, 1}, {0, 0}};
        HostBatch b = batch(new float[] {3f, 1f, 1f}, extra);
        assertThat(b.columns()).isEqualTo(20);
        assertThat(b.targets()[20 + 5]).isEqualTo(3f);
        assertThat(b.targets()[20 + 18]).isEqualTo(0.25f);
        assertThat(b.targets()[20 + 19]).isEqualTo(1f);
        assertThat(b.targets()[17]).isEqualTo(1f);
        assertThat(b.targets()[18]).isEqualTo(0f);
    }
}
