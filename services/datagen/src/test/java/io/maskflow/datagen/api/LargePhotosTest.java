package io.maskflow.datagen.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pixel limit follows the heap: a fifth of it at 4 bytes a pixel, never over 40 million. */
class LargePhotosTest {

    @Test
    void theLimitIsWhatAFifthOfTheHeapHoldsAsIntRgbAndAtMost40Million() {
        assertThat(LargePhotos.maxPixels(400_000_000L)).isEqualTo(20_000_000L);
        assertThat(LargePhotos.maxPixels(384L << 20)).isEqualTo(20_132_659L);
        assertThat(LargePhotos.maxPixels(1152L << 20)).isEqualTo(40_000_000L);
        // this JVM runs with the service's heap (the surefire argLine)
        assertThat(LargePhotos.MAX_PIXELS).isBetween(15_000_000L, 21_000_000L);
    }
}
