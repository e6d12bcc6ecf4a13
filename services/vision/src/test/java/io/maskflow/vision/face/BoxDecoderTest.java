package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector's grid decoded as face-api decodes it, and greedy non-maximum suppression. */
class BoxDecoderTest {

    private static final int CELLS = 13;

    /** A grid whose every score is very low except anchor {@code anchor} at (row, col). */
    private static float[] grid(int row, int col, int anchor, float score) {
        float[] out = new float[25 * CELLS * CELLS];
        int plane = CELLS * CELLS;
        for (int a = 0; a < 5; a++) {
            for (int i = 0; i < plane; i++) {
                out[(a * 5 + 4) * plane + i] = -20;
            }
        }
        out[(anchor * 5 + 4) * plane + row * CELLS + col] = score;
        return out;
    }

    @Test
    void decodesACellIntoABoxRelativeToThePhoto() {
        // square photo: no padding correction; offsets 0 -> sigmoid 0.5, sizes 0 -> exp 1 x anchor
        List<BoxDecoder.Candidate> found = BoxDecoder.decode(grid(6, 3, 1, 4f), CELLS, 416, 416, 416, 0.5);
        assertThat(found).hasSize(1);
        BoxDecoder.Candidate face = found.get(0);
        double w = BoxDecoder.ANCHORS[1][0] / CELLS;
        assertThat(face.width()).isCloseTo(w, within(1e-9));
        assertThat(face.x() + face.width() / 2).isCloseTo(3.5 / CELLS, within(1e-9));
        assertThat(face.y() + face.height() / 2).isCloseTo(6.5 / CELLS, within(1e-9));
        assertThat(face.score()).isCloseTo(BoxDecoder.sigmoid(4), within(1e-9));
    }

    @Test
    void correctsForThePaddingOfAWidePhoto() {
        // a 2:1 photo fills the top half of the square input: relative to the photo, y and height double
        BoxDecoder.Candidate face = BoxDecoder.decode(grid(3, 6, 0, 4f), CELLS, 800, 400, 416, 0.5).get(0);
        assertThat(face.y() + face.height() / 2).isCloseTo(3.5 / CELLS * 2, within(1e-9));
        assertThat(face.height()).isCloseTo(BoxDecoder.ANCHORS[0][1] / CELLS * 2, within(1e-9));
    }

    @Test
    void dropsScoresAtOrBelowTheThreshold() {
        assertThat(BoxDecoder.decode(grid(6, 3, 1, 0f), CELLS, 416, 416, 416, 0.5)).isEmpty();
    }

    @Test
    void suppressionKeepsTheBestOfOverlappingBoxesAndDistantOnes() {
        BoxDecoder.Candidate best = new BoxDecoder.Candidate(0.1, 0.1, 0.2, 0.2, 0.9);
        BoxDecoder.Candidate overlapping = new BoxDecoder.Candidate(0.12, 0.1, 0.2, 0.2, 0.8);
        BoxDecoder.Candidate distant = new BoxDecoder.Candidate(0.6, 0.6, 0.2, 0.2, 0.7);
        BoxDecoder.Candidate touching = new BoxDecoder.Candidate(0.25, 0.1, 0.2, 0.2, 0.6);
        assertThat(BoxDecoder.suppress(List.of(distant, overlapping, touching, best), 0.4))
                .containsExactly(best, distant, touching);
    }
}
