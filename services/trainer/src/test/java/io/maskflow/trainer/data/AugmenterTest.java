package io.maskflow.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    static final int S = 8;
    static final float[] MEAN = {0.5f, 0.4f, 0.3f};
    static final float[] STD = {0.2f, 0.25f, 0.3f};

    static byte[] image(long seed) {
        byte[] px = new byte[S * S * 3];
        new Random(seed).nextBytes(px);
        return px;
    }

    private static float[] apply(Augmenter.Settings settings, byte[] px, long seed) {
        float[] out = new float[3 * S * S];
        new Augmenter(S, MEAN, STD, settings).apply(px, out, 0, new SplittableRandom(seed));
        return out;
    }

    @Test
    void withoutAugmentationItIsExactlyTheTransformOfEvaluationAndServing() {
        byte[] px = image(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList batch = new Batcher(S, S, 1, MEAN, STD).batch(List.of(new ShardRecord(0, 0, 0, px)), m);
            float[] expected = batch.get(0).toFloatArray();
            float[] actual = apply(Augmenter.Settings.NONE, px, 1);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    @Test
    void aFlipMirrorsEachRowAndHappensAboutHalfTheTime() {
        byte[] px = image(2);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        Augmenter.Settings flipOnly = new Augmenter.Settings(true, 1, 0, 0, 0, 0, 0);
        int flipped = 0;
        for (long seed = 0; seed < 200; seed++) {
            float[] out = apply(flipOnly, px, seed);
            boolean mirrored = true;
            boolean same = true;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        float v = out[c * S * S + y * S + x];
                        mirrored &= Math.abs(v - plain[c * S * S + y * S + (S - 1 - x)]) < 1e-4;
                        same &= Math.abs(v - plain[c * S * S + y * S + x]) < 1e-4;
                    }
                }
            }
            assertThat(mirrored || same).isTrue();
            flipped += mirrored ? 1 : 0;
        }
        assertThat(flipped).isBetween(70, 130);
    }

    @Test
    void aRandomCropZoomsInAndKeepsValuesInTheImagesRange() {
        byte[] px = image(3);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        float[] cropped = apply(new Augmenter.Settings(false, 0.3, 0, 0, 0, 0, 0), px, 4);
        assertThat(cropped).isNotEqualTo(plain);
        for (int c = 0; c < 3; c++) {
            float low = (0 - MEAN[c]) / STD[c] - 1e-4f;
            float high = (1 - MEAN[c]) / STD[c] + 1e-4f;
            for (int i = 0; i < S * S; i++) {
                assertThat(cropped[c * S * S + i]).isBetween(low, high);
            }
        }
    }

    @Test
    void colourJitterChangesTheColoursWithinTheValidRange() {
        byte[] px = image(5);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        float[] jittered = apply(new Augmenter.Settings(false, 1, 0.5, 0, 0, 0, 0), px, 6);
        assertThat(jittered).isNotEqualTo(plain);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < S * S; i++) {
                assertThat(jittered[c * S * S + i] * STD[c] + MEAN[c]).isBetween(-1e-4f, 1 + 1e-4f);
            }
        }
    }

    @Test
    void cutoutSetsOneSquareToTheMeanAndLeavesTheRest() {
        byte[] px = image(7);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        float[] cut = apply(new Augmenter.Settings(false, 1, 0, 0.5, 0, 0, 0), px, 8);
        int zeroed = 0;
        for (int i = 0; i < cut.length; i++) {
            if (cut[i] != plain[i]) {
                assertThat(cut[i]).isZero();
                zeroed++;
            }
        }
        assertThat(zeroed % 3).isZero();
        assertThat(zeroed / 3).isBetween(1, 16);
    }

    /** The pre-normalisation value of channel c at pixel i. */
    private static float value(float[] out, int c, int i) {
        return out[c * S * S + i] * STD[c] + MEAN[c];
    }

    /** Mean absolute step between horizontal neighbours, over all channels. */
    private static double roughness(float[] out) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < S; y++) {
                for (int x = 1; x < S; x++) {
                    sum += Math.abs(value(out, c, y * S + x) - value(out, c, y * S + x - 1));
                }
            }
        }
        return sum / (3 * S * (S - 1));
    }

    @Test
    void theCameraBlursCastsGreysAndAddsNoiseAtItsOddsAndKeepsTheRange() {
        byte[] px = image(9);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        double plainRoughness = roughness(plain);
        Augmenter.Settings camera = new Augmenter.Settings(false, 1, 0, 0, 1, 0, 0);
        int unchanged = 0;
        int blurred = 0;
        int grey = 0;
        for (long seed = 0; seed < 400; seed++) {
            float[] out = apply(camera, px, seed);
            assertThat(apply(camera, px, seed)).isEqualTo(out);
            boolean allGrey = true;
            for (int i = 0; i < S * S; i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(value(out, c, i)).isBetween(-1e-4f, 1 + 1e-4f);
                }
                allGrey &= Math.abs(value(out, 0, i) - value(out, 1, i)) < 1e-4
                        && Math.abs(value(out, 1, i) - value(out, 2, i)) < 1e-4;
            }
            grey += allGrey ? 1 : 0;
            unchanged += Arrays.equals(out, plain) ? 1 : 0;
            blurred += roughness(out) < 0.7 * plainRoughness ? 1 : 0;
        }
        // Each of blur, cast and noise at odds 1/2 and grey at 1/10: untouched about 400 · 0.5³ · 0.9 = 45 times.
        assertThat(unchanged).isBetween(25, 70);
        assertThat(blurred).isBetween(150, 250);
        assertThat(grey).isBetween(20, 65);
    }

    @Test
    void aWeakerCameraChangesFewerPhotos() {
        byte[] px = image(10);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        int changed = 0;
        for (long seed = 0; seed < 400; seed++) {
            changed += Arrays.equals(apply(new Augmenter.Settings(false, 1, 0, 0, 0.2, 0, 0), px, seed), plain)
                    ? 0 : 1;
        }
        // At 0.2: blur, cast and noise each at odds 0.1, grey at 0.02: changed 1 − 0.9³ · 0.98 ≈ 29 %.
        assertThat(changed).isBetween(80, 160);
    }

    @Test
    void aRandomFilterRepaintsSurfacesButKeepsShapesWhereTheyAre() {
        // A bright square on a dark ground: far enough from its edges, every pixel of either region keeps one
        // colour (a filter maps a flat surface to a flat surface), and the two regions stay apart.
        int side = 24;
        byte[] px = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean inside = x >= 8 && x < 16 && y >= 8 && y < 16;
                px[(y * side + x) * 3] = (byte) (inside ? 200 : 40);
                px[(y * side + x) * 3 + 1] = (byte) (inside ? 150 : 60);
                px[(y * side + x) * 3 + 2] = (byte) (inside ? 90 : 30);
            }
        }
        Augmenter filter = new Augmenter(side, MEAN, STD, new Augmenter.Settings(false, 1, 0, 0, 0, 0, 1));
        Augmenter plain = new Augmenter(side, MEAN, STD, Augmenter.Settings.NONE);
        float[] original = new float[3 * side * side];
        plain.apply(px, original, 0, new SplittableRandom(0));
        int plane = side * side;
        int changed = 0;
        for (long seed = 0; seed < 50; seed++) {
            float[] out = new float[3 * side * side];
            filter.apply(px, out, 0, new SplittableRandom(seed));
            float[] again = new float[3 * side * side];
            filter.apply(px, again, 0, new SplittableRandom(seed));
            assertThat(again).isEqualTo(out);
            changed += Arrays.equals(out, original) ? 0 : 1;
            for (int c = 0; c < 3; c++) {
                float centre = out[c * plane + 12 * side + 12];
                float corner = out[c * plane + 2 * side + 2];
                for (int i = 0; i < plane; i++) {
                    int x = i % side;
                    int y = i / side;
                    float v = out[c * plane + i] * STD[c] + MEAN[c];
                    assertThat(v).isBetween(-1e-4f, 1 + 1e-4f);
                    if (x >= 11 && x < 13 && y >= 11 && y < 13) {
                        assertThat(out[c * plane + i]).isCloseTo(centre, within(1e-4f));
                    }
                    boolean far = x < 5 || x >= 19 || y < 5 || y >= 19;
                    if (far) {
                        assertThat(out[c * plane + i]).isCloseTo(corner, within(1e-4f));
                    }
                }
            }
        }
        assertThat(changed).isEqualTo(50);
    }

    @Test
    void aRandomFilterComesAtItsOdds() {
        byte[] px = image(11);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        int changed = 0;
        for (long seed = 0; seed < 400; seed++) {
            changed += Arrays.equals(apply(new Augmenter.Settings(false, 1, 0, 0, 0, 0, 0.3), px, seed), plain)
                    ? 0 : 1;
        }
        assertThat(changed).isBetween(90, 150);
    }

    @Test
    void greyTakesColourAwayAtItsOddsAndKeepsEachPixelsLuma() {
        byte[] px = image(12);
        float[] plain = apply(Augmenter.Settings.NONE, px, 0);
        double plainSpread = colourSpread(plain);
        Augmenter.Settings grey = new Augmenter.Settings(false, 1, 0, 0, 0, 0.4, 0);
        int changed = 0;
        int nearlyGrey = 0;
        for (long seed = 0; seed < 400; seed++) {
            float[] out = apply(grey, px, seed);
            if (Arrays.equals(out, plain)) {
                continue;
            }
            changed++;
            for (int i = 0; i < S * S; i++) {
                assertThat(luma(out, i)).isCloseTo(luma(plain, i), within(1e-4f));
            }
            double spread = colourSpread(out);
            assertThat(spread).isLessThan(plainSpread);
            nearlyGrey += spread < 0.1 * plainSpread ? 1 : 0;
        }
        // Odds 0.4: about 160 of 400; the factor is even on 0..1, so about a tenth of those keep under 10 %.
        assertThat(changed).isBetween(125, 195);
        assertThat(nearlyGrey).isBetween(5, 30);
    }

    private static float luma(float[] out, int i) {
        return 0.299f * value(out, 0, i) + 0.587f * value(out, 1, i) + 0.114f * value(out, 2, i);
    }

    /** Mean distance of the pixels' channels from their own luma: 0 for a grey image. */
    private static double colourSpread(float[] out) {
        double sum = 0;
        for (int i = 0; i < S * S; i++) {
            float g = luma(out, i);
            for (int c = 0; c < 3; c++) {
                sum += Math.abs(value(out, c, i) - g);
            }
        }
        return sum / (3 * S * S);
    }
}
