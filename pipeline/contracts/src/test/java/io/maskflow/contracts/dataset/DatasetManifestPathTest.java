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
                .hasMessageContaining("is over 1024 bytes");
    }

    @Test
    void aPathToUploadIsShorterByTheUploadedSetsPrefix() {
        // 1,024 bytes passed before, and the upload took the proposal, refused every file and never committed
        String full = "train/" + "a".repeat(1014) + ".jpg";
        assertThat(DatasetManifest.checkPath(full)).hasSize(1024); // a data set found under a user's own prefix
        assertThatThrownBy(() -> DatasetManifest.checkUploadPath(full)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is over 982 bytes").hasMessageContaining("longer than the 1024 bytes");
        String longest = "train/" + "a".repeat(972) + ".jpg";
        assertThat(DatasetManifest.checkUploadPath(longest)).hasSize(DatasetManifest.MAX_UPLOAD_PATH_BYTES);
        assertThat(("datasets/" + "0".repeat(32) + "/" + longest).length()).isEqualTo(1024);
    }

    @Test
    void ordinaryPathsStillPass() {
        assertThat(DatasetManifest.checkPath("train/images/000001_female_Asian_45/mask1.jpg"))
                .isEqualTo("train/images/000001_female_Asian_45/mask1.jpg");
        assertThat(DatasetManifest.checkPath("eval/images/é ü.jpg")).isEqualTo("eval/images/é ü.jpg");
    }
}
