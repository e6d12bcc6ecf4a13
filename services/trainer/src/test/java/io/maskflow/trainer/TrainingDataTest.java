package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.shards.ShardIndex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static ShardIndex index(int count, int imageSize) {
        return new ShardIndex(imageSize, 3, count, List.of(), new int[18], new double[18], Map.of(), 5,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, count / 7, Map.of());
    }

    @Test
    void aShardSetOverHalfTheHeapIsRefusedBeforeItIsReadSayingWhatToChange() {
        // 14,000 images at 64 px: 164 MiB of pixels, more than half of a 256 MiB heap
        assertThatThrownBy(() -> TrainingData.checkFits(index(14_000, 64), 256L << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("14000 training images at 64 px take 164 MiB")
                .hasMessageContaining("trainer's 256 MiB heap")
                .hasMessageContaining("-Xmx329m")
                .hasMessageContaining("imageSize");
    }

    @Test
    void aShardSetWithinHalfTheHeapIsRead() {
        assertThatCode(() -> TrainingData.checkFits(index(14_000, 64), 2048L << 20)).doesNotThrowAnyException();
        // the competition's 18,900 photos at 96 px: 498 MiB, within half of 1 GiB + a little
        assertThatCode(() -> TrainingData.checkFits(index(18_900, 96), 1100L << 20)).doesNotThrowAnyException();
    }
}
