package io.maskflow.contracts.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The file paths a data set may name: what the store can keep under them, and nothing outside the set. */
class DatasetManifestPathTest {

    @Test
    void aPathWithAControlCharacterIsRefusedWhenProposed() {
        // accepted before, then refused by the store as each file came: a 503 for the client's own name
        for (String path : new String[] {"train/images/a\u0001.jpg", "train/a\tb.jpg", "train/x\u007f.jpg"}) {
            assertThatThrownBy(() -> DatasetManifest.checkPath(path)).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        }
    }

    @Test
    void aPathLongerThanTheStoreTakesInBytesIsRefused() {
        String wide = "train/" + "é".repeat(600) + ".jpg"; // 610 characters, 1,210 bytes
        assertThatThrownBy(() -> DatasetManifest.checkPath(wide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024 bytes");
    }

    @Test
    void ordinaryPathsStillPass() {
        assertThat(DatasetManifest.checkPath("train/images/000001_female_Asian_45/mask1.jpg"))
                .isEqualTo("train/images/000001_female_Asian_45/mask1.jpg");
        assertThat(DatasetManifest.checkPath("eval/images/é ü.jpg")).isEqualTo("eval/images/é ü.jpg");
    }
}
