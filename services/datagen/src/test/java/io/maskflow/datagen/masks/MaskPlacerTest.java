package io.maskflow.datagen.masks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mask placement on landmark fixtures: what each state covers and leaves free. */
class MaskPlacerTest {

    private static final int GREY = 128;
    private final MaskPlacer placer = new MaskPlacer();
    private final MaskStyle white = new MaskStyle(MaskType.SURGICAL, new Color(245, 245, 245), Color.WHITE, 0, false);

    static Landmarks fixture(String name) throws IOException {
        try (InputStream in = MaskPlacerTest.class.getResourceAsStream("/landmarks/" + name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            double[] x = new double[lines.size()];
            double[] y = new double[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String[] xy = lines.get(i).split(",");
                x[i] = Double.parseDouble(xy[0]);
                y[i] = Double.parseDouble(xy[1]);
            }
            return Landmarks.of(x, y);
        }
    }

    private static BufferedImage grey(int level) {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        int rgb = level << 16 | level << 8 | level;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 384; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static boolean covered(BufferedImage image, double x, double y) {
        int rgb = image.getRGB((int) x, (int) y);
        return Math.abs((rgb >> 8 & 0xff) - GREY) > 20;
    }

    private static boolean covered(BufferedImage image, Landmarks lm, int i) {
        return covered(image, lm.x(i), lm.y(i));
    }

    private static boolean coveredBetween(BufferedImage image, Landmarks lm, int a, int b, double t) {
        return covered(image, lm.x(a) + (lm.x(b) - lm.x(a)) * t, lm.y(a) + (lm.y(b) - lm.y(a)) * t);
    }

    @Test
    void aCorrectlyWornMaskCoversNoseMouthAndChinButNotEyes() throws IOException {
        Landmarks lm = fixture("frontal-384x512.csv");
        BufferedImage photo = grey(GREY);
        placer.place(photo, lm, white, MaskState.CORRECT);
        assertThat(covered(photo, lm, 30)).as("nose tip").isTrue();
        assertThat(covered(photo, lm, 62)).as("mouth").isTrue();
        assertThat(coveredBetween(photo, lm, 57, 8, 0.7)).as("chin").isTrue();
        assertThat(covered(photo, lm, 37)).as("left eye").isFalse();
        assertThat(covered(photo, lm, 44)).as("right eye").isFalse();
        assertThat(covered(photo, lm.x(27), lm.y(19) - 20)).as("forehead").isFalse();
    }

    @Test
    void incorrectStatesLeaveTheNoseOrMouthOrChinFree() throws IOException {
        Landmarks lm = fixture("frontal-384x512.csv");
        BufferedImage noseOut = grey(GREY);
        placer.place(noseOut, lm, white, MaskState.NOSE_EXPOSED);
        assertThat(covered(noseOut, lm, 30)).as("nose tip").isFalse();
        assertThat(covered(noseOut, lm, 62)).as("mouth").isTrue();
        assertThat(coveredBetween(noseOut, lm, 57, 8, 0.7)).as("chin").isTrue();

        BufferedImage mouthOnly = grey(GREY);
        placer.place(mouthOnly, lm, white, MaskState.MOUTH_ONLY);
        assertThat(covered(mouthOnly, lm, 30)).as("nose tip").isFalse();
        assertThat(covered(mouthOnly, lm, 62)).as("mouth").isTrue();
        assertThat(coveredBetween(mouthOnly, lm, 57, 8, 0.97)).as("chin tip").isFalse();

        BufferedImage chinOnly = grey(GREY);
        placer.place(chinOnly, lm, white, MaskState.CHIN_ONLY);
        assertThat(covered(chinOnly, lm, 62)).as("mouth").isFalse();
        assertThat(covered(chinOnly, lm, 30)).as("nose tip").isFalse();
        assertThat(coveredBetween(chinOnly, lm, 57, 8, 0.8)).as("chin").isTrue();
    }

    @Test
    void aTurnedFaceGetsTheTurnedTemplateAndStillCoversTheNose() throws IOException {
        Landmarks lm = fixture("turned-right-384x512.csv");
        assertThat(lm.yawDegrees()).isGreaterThan(MaskPlacer.TURN_DEGREES);
        BufferedImage photo = grey(GREY);
        placer.place(photo, lm, white, MaskState.CORRECT);
        assertThat(covered(photo, lm, 30)).isTrue();
        assertThat(covered(photo, lm, 62)).isTrue();
        assertThat(covered(photo, lm, 44)).isFalse();
    }

    @Test
    void theMaskIsDarkerOnADarkPhoto() throws IOException {
        Landmarks lm = fixture("frontal-384x512.csv");
        BufferedImage dark = grey(50);
        BufferedImage bright = grey(210);
        placer.place(dark, lm, white, MaskState.CORRECT);
        placer.place(bright, lm, white, MaskState.CORRECT);
        int x = (int) lm.x(62);
        int y = (int) lm.y(62);
        assertThat(dark.getRGB(x, y) & 0xff).isLessThan(bright.getRGB(x, y) & 0xff);
    }

    @Test
    void everyTypeAndStateDrawsSomething() throws IOException {
        Landmarks lm = fixture("frontal-384x512.csv");
        SplittableRandom random = new SplittableRandom(1);
        for (MaskType type : MaskType.values()) {
            for (MaskState state : MaskState.values()) {
                BufferedImage photo = grey(GREY);
                placer.place(photo, lm, MaskStyle.random(type, random), state);
                int changed = 0;
                for (int y = 0; y < 512; y += 4) {
                    for (int x = 0; x < 384; x += 4) {
                        changed += (photo.getRGB(x, y) & 0xffffff) != (GREY << 16 | GREY << 8 | GREY) ? 1 : 0;
                    }
                }
                assertThat(changed).as("%s %s", type, state).isGreaterThan(150);
            }
        }
    }

    @Test
    void refusesLandmarksOutsideThePhotoOrOfTheWrongCount() throws IOException {
        Landmarks lm = fixture("frontal-384x512.csv");
        BufferedImage small = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> placer.place(small, lm, white, MaskState.CORRECT))
                .isInstanceOf(InvalidLandmarksException.class).hasMessageContaining("outside the 200x200 image");
        assertThatThrownBy(() -> Landmarks.of(new double[5], new double[5])).hasMessageContaining("expected 68");
        double[] nan = new double[68];
        nan[3] = Double.NaN;
        assertThatThrownBy(() -> Landmarks.of(nan, new double[68])).hasMessageContaining("landmark 3");
        // 68 equal landmarks, or all on one line: the nose-exposed stretch divided 0 by 0 and the NaN points drew no
        // mask, answered 200 with the photo unchanged (a probe of 2026-12-08)
        double[] ten = new double[68];
        double[] along = new double[68];
        double[] level = new double[68];
        for (int i = 0; i < 68; i++) {
            ten[i] = 10;
            along[i] = i * 5 + 1;
            level[i] = 100;
        }
        BufferedImage photo = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        for (Landmarks degenerate : new Landmarks[] {Landmarks.of(ten, ten), Landmarks.of(along, level)}) {
            for (MaskState state : MaskState.values()) {
                assertThatThrownBy(() -> placer.place(photo, degenerate, white, state)).as(state.id())
                        .hasMessageContaining("do not determine a perspective transform");
            }
        }
        assertThatThrownBy(() -> MaskType.fromId("bandana")).hasMessageContaining("unknown mask type");
        assertThatThrownBy(() -> MaskState.fromId("hat")).hasMessageContaining("unknown mask state");
    }
}
