package io.maskflow.datagen.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.Landmarks;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The snapshot and studio styles draw faces the mask placer can use, and their photos differ measurably from the
 * classic ones and from each other.
 */
class DrawingStyleTest {

    private static DatagenParams params(String style) {
        return StepParameters.bind(Map.of("style", style, "seed", 5), DatagenParams.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapshot", "studio", "sculpted", "inked", "painted"})
    void landmarksLieInsideThePhotoInTheirAnatomicalOrder(String style) {
        PersonFactory factory = new PersonFactory(params(style));
        for (int i = 0; i < 300; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            assertThat(person.style().id()).isEqualTo(style);
            for (int k = 0; k < 3; k++) {
                Pose pose = person.style().pose(random);
                Landmarks lm = geometry(style, person, pose).landmarks();
                lm.requireInside(384, 512);
                assertThat((lm.y(19) + lm.y(24)) / 2).isLessThan((lm.y(37) + lm.y(44)) / 2);
                assertThat((lm.y(37) + lm.y(44)) / 2).isLessThan(lm.y(Landmarks.NOSE_TIP));
                assertThat(lm.y(Landmarks.NOSE_TIP)).isLessThan(lm.y(Landmarks.UPPER_LIP_TOP));
                assertThat(lm.y(Landmarks.LOWER_LIP_BOTTOM)).isLessThan(lm.y(Landmarks.CHIN));
                assertThat(lm.x(36)).isLessThan(lm.x(45));
                assertThat(lm.x(0)).isLessThan(lm.x(Landmarks.NOSE_TIP));
                assertThat(lm.x(Landmarks.NOSE_TIP)).isLessThan(lm.x(16));
            }
        }
    }

    private static FaceGeometry geometry(String style, Person person, Pose pose) {
        return switch (style) {
            case "studio" -> StudioRenderer.geometry(person.appearance(), pose, 384, 512);
            case "sculpted" -> SculptedRenderer.geometry(person.appearance(), pose, 384, 512);
            case "inked" -> InkedRenderer.geometry(person.appearance(), pose, 384, 512);
            case "painted" -> PaintedRenderer.geometry(person.appearance(), pose, 384, 512);
            default -> SnapshotRenderer.geometry(person.appearance(), pose, 384, 512);
        };
    }

    /**
     * The landmarks the studio, sculpted, inked and painted styles return lie on what they draw: over a background
     * of one colour, the pixel at each of the 68 points (the jaw's moved 2 pixels inwards, off the antialiased edge) is
     * painted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"studio", "sculpted", "inked", "painted"})
    void landmarksLieOnTheDrawnFace(String style) {
        PersonFactory factory = new PersonFactory(params(style));
        int magenta = 0xff00ff;
        for (int i = 0; i < 60; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 512; y++) {
                for (int x = 0; x < 384; x++) {
                    image.setRGB(x, y, magenta);
                }
            }
            Landmarks lm = person.style().renderPerson(person.appearance(), person.style().pose(random), image)
                    .landmarks();
            double noseX = lm.x(Landmarks.NOSE_TIP);
            double noseY = lm.y(Landmarks.NOSE_TIP);
            for (int k = 0; k < Landmarks.COUNT; k++) {
                double x = lm.x(k);
                double y = lm.y(k);
                if (k <= 16) {
                    double d = Math.hypot(noseX - x, noseY - y);
                    x += (noseX - x) / d * 2;
                    y += (noseY - y) / d * 2;
                }
                assertThat(image.getRGB((int) x, (int) y) & 0xffffff).as("person %d, landmark %d", i, k)
                        .isNotEqualTo(magenta);
            }
        }
    }

    @Test
    void aMixedSetDrawsBothStylesAndBothCameras() {
        PersonFactory factory = new PersonFactory(params("mixed"));
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(factory.make(i, factory.randomFor(i)).style().id());
        }
        assertThat(seen).containsExactlyInAnyOrder("classic", "snapshot", "classic people, snapshot camera",
                "snapshot people, classic camera");
    }

    /** Mean colour, edge strength and pixel-to-pixel roughness of the photos of 40 persons of one style. */
    static double[] statistics(String style) {
        DatagenParams params = params(style);
        PersonFactory factory = new PersonFactory(params);
        PhotoSet photos = new PhotoSet(192, 256, List.of(MaskType.values()));
        double[] sum = new double[6];
        int n = 0;
        for (int i = 0; i < 40; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            for (BufferedImage image : photos.drawAll(person, random).values()) {
                double[] s = statistics(image);
                for (int k = 0; k < s.length; k++) {
                    sum[k] += s[k];
                }
                n++;
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= n;
        }
        return sum;
    }

    /** Mean red, green, blue; mean |horizontal step|; share of steps over 24 levels; mean red - blue. */
    private static double[] statistics(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double r = 0;
        double g = 0;
        double b = 0;
        double step = 0;
        double edges = 0;
        for (int y = 0; y < h; y++) {
            int previous = -1;
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int pr = p >> 16 & 0xff;
                int pg = p >> 8 & 0xff;
                int pb = p & 0xff;
                r += pr;
                g += pg;
                b += pb;
                int luma = (pr * 3 + pg * 6 + pb) / 10;
                if (previous >= 0) {
                    int d = Math.abs(luma - previous);
                    step += d;
                    edges += d > 24 ? 1 : 0;
                }
                previous = luma;
            }
        }
        double pixels = (double) w * h;
        return new double[] {r / pixels, g / pixels, b / pixels, step / pixels, edges / pixels, (r - b) / pixels};
    }

    @Test
    void snapshotPhotosDifferMeasurablyFromClassicOnes() {
        double[] classic = statistics("classic");
        double[] snapshot = statistics("snapshot");
        System.out.printf(Locale.ROOT, "classic  rgb %.1f %.1f %.1f  step %.2f  edges %.4f%n", classic[0], classic[1],
                classic[2], classic[3], classic[4]);
        System.out.printf(Locale.ROOT, "snapshot rgb %.1f %.1f %.1f  step %.2f  edges %.4f%n", snapshot[0],
                snapshot[1], snapshot[2], snapshot[3], snapshot[4]);
        double brightness = (classic[0] + classic[1] + classic[2]) / 3;
        double darker = brightness - (snapshot[0] + snapshot[1] + snapshot[2]) / 3;
        assertThat(darker).as("the vignette and exposure make snapshot photos darker on average").isGreaterThan(10);
        assertThat(snapshot[3]).as("noise and hard shading make neighbouring pixels differ more")
                .isGreaterThan(2 * classic[3]);
    }

    @Test
    void studioPhotosDifferMeasurablyFromClassicAndSnapshotOnes() {
        double[] classic = statistics("classic");
        double[] snapshot = statistics("snapshot");
        double[] studio = statistics("studio");
        for (String style : List.of("classic", "snapshot", "studio")) {
            double[] s = style.equals("classic") ? classic : style.equals("snapshot") ? snapshot : studio;
            System.out.printf(Locale.ROOT, "%-8s rgb %.1f %.1f %.1f  step %.2f  edges %.4f  red-blue %.1f%n", style,
                    s[0], s[1], s[2], s[3], s[4], s[5]);
        }
        assertThat(distance(studio, classic)).as("mean RGB apart from classic").isGreaterThan(10);
        assertThat(distance(studio, snapshot)).as("mean RGB apart from snapshot").isGreaterThan(10);
        assertThat(Math.abs(studio[3] - classic[3]) / classic[3]).as("neighbour step against classic")
                .isGreaterThan(0.15);
        assertThat(Math.abs(studio[3] - snapshot[3]) / snapshot[3]).as("neighbour step against snapshot")
                .isGreaterThan(0.15);
    }

    /**
     * The sculpted style's photos differ from the other three: in mean colour and in how much neighbouring pixels
     * differ (strands, texture, noise and motion blur against flat fills and gradients).
     */
    @Test
    void sculptedPhotosDifferMeasurablyFromTheOtherStyles() {
        double[] sculpted = statistics("sculpted");
        System.out.printf(Locale.ROOT, "sculpted rgb %.1f %.1f %.1f  step %.2f  edges %.4f  red-blue %.1f%n",
                sculpted[0], sculpted[1], sculpted[2], sculpted[3], sculpted[4], sculpted[5]);
        for (String style : List.of("classic", "snapshot", "studio")) {
            double[] other = statistics(style);
            System.out.printf(Locale.ROOT, "%-8s rgb %.1f %.1f %.1f  step %.2f  edges %.4f  red-blue %.1f%n", style,
                    other[0], other[1], other[2], other[3], other[4], other[5]);
            double apart = distance(sculpted, other) + 100 * Math.abs(sculpted[3] - other[3]) / other[3];
            assertThat(apart).as("sculpted against " + style).isGreaterThan(15);
        }
    }

    /**
     * Turning the head in 3D foreshortens the far side of the face and moves the nose tip towards it: at a 25°
     * turn the nose tip is much nearer the far jaw than the near one, and the landmarks' own yaw estimate agrees.
     */
    @Test
    void aSculptedHeadTurnsIn3d() {
        PersonFactory factory = new PersonFactory(params("sculpted"));
        Person person = factory.make(0, factory.randomFor(0));
        Landmarks right = SculptedRenderer.geometry(person.appearance(), new Pose(25, 0, 1, 0, 0, 0, 0, 1), 384,
                512).landmarks();
        Landmarks front = SculptedRenderer.geometry(person.appearance(), Pose.FRONT, 384, 512).landmarks();
        Landmarks left = SculptedRenderer.geometry(person.appearance(), new Pose(-25, 0, 1, 0, 0, 0, 0, 1), 384,
                512).landmarks();
        assertThat(Math.abs(front.yawDegrees())).isLessThan(3);
        assertThat(right.yawDegrees()).isGreaterThan(15);
        assertThat(left.yawDegrees()).isLessThan(-15);
        double nearEye = right.x(39) - right.x(36);
        double farEye = right.x(45) - right.x(42);
        assertThat(farEye).as("the far eye is foreshortened").isLessThan(nearEye * 0.9);
        Landmarks up = SculptedRenderer.geometry(person.appearance(), new Pose(0, 0, 1, 0, 0, 0, 0, 1, 10), 384,
                512).landmarks();
        assertThat(up.y(Landmarks.NOSE_TIP) - up.y(27)).as("looking up shortens the nose")
                .isLessThan(front.y(Landmarks.NOSE_TIP) - front.y(27));
    }

    /**
     * The inked style's photos differ from the other four (paper, flat tones, ink lines and grain against the others'
     * fills, gradients and textures), measured as for the sculpted style.
     */
    @Test
    void inkedPhotosDifferMeasurablyFromTheOtherStyles() {
        assertDiffersFromTheOthers("inked", List.of("classic", "snapshot", "studio", "sculpted"));
    }

    /**
     * An inked head turns: at 25° the nose tip is nearer the far side of the jaw, the far eye is narrower, and the
     * landmarks' own yaw estimate (which the mask placer uses) agrees in sign and roughly in size.
     */
    @Test
    void anInkedHeadTurnsAndItsLandmarksFollow() {
        PersonFactory factory = new PersonFactory(params("inked"));
        Person person = factory.make(0, factory.randomFor(0));
        Landmarks right = InkedRenderer.geometry(person.appearance(), new Pose(25, 0, 1, 0, 0, 0, 0, 1), 384, 512)
                .landmarks();
        Landmarks front = InkedRenderer.geometry(person.appearance(), Pose.FRONT, 384, 512).landmarks();
        Landmarks left = InkedRenderer.geometry(person.appearance(), new Pose(-25, 0, 1, 0, 0, 0, 0, 1), 384, 512)
                .landmarks();
        assertThat(Math.abs(front.yawDegrees())).isLessThan(2);
        assertThat(right.yawDegrees()).isGreaterThan(12);
        assertThat(left.yawDegrees()).isLessThan(-12);
        assertThat(right.x(45) - right.x(42)).as("the far eye is foreshortened")
                .isLessThan((right.x(39) - right.x(36)) * 0.9);
    }

    /**
     * The painted style's photos differ from the other five (brush dabs, coloured light, canvas weave and painted
     * backgrounds against the others' fills, gradients, textures and ink), measured as for the sculpted style.
     */
    @Test
    void paintedPhotosDifferMeasurablyFromTheOtherStyles() {
        assertDiffersFromTheOthers("painted", List.of("classic", "snapshot", "studio", "sculpted", "inked"));
    }

    /** Mean colour distance plus the relative difference in step (in %) over 15 against each of the others. */
    private void assertDiffersFromTheOthers(String style, List<String> others) {
        double[] own = statistics(style);
        System.out.printf(Locale.ROOT, "%-8s rgb %.1f %.1f %.1f  step %.2f  edges %.4f  red-blue %.1f%n",
                style, own[0], own[1], own[2], own[3], own[4], own[5]);
        for (String other : others) {
            double[] theirs = statistics(other);
            double apart = distance(own, theirs) + 100 * Math.abs(own[3] - theirs[3]) / theirs[3];
            System.out.printf(Locale.ROOT, "%-8s rgb %.1f %.1f %.1f  step %.2f  edges %.4f  red-blue %.1f apart %.1f%n",
                    other, theirs[0], theirs[1], theirs[2], theirs[3], theirs[4], theirs[5], apart);
            assertThat(apart).as(style + " against " + other).isGreaterThan(15);
        }
    }

    /**
     * A painted head turns: at 20° the far eye is narrower, and the landmarks' own yaw estimate (which the mask placer
     * uses) agrees in sign.
     */
    @Test
    void aPaintedHeadTurnsAndItsLandmarksFollow() {
        PersonFactory factory = new PersonFactory(params("painted"));
        Person person = factory.make(0, factory.randomFor(0));
        Landmarks right = PaintedRenderer.geometry(person.appearance(), new Pose(20, 0, 1, 0, 0, 0, 0, 1), 384, 512)
                .landmarks();
        Landmarks front = PaintedRenderer.geometry(person.appearance(), Pose.FRONT, 384, 512).landmarks();
        Landmarks left = PaintedRenderer.geometry(person.appearance(), new Pose(-20, 0, 1, 0, 0, 0, 0, 1), 384, 512)
                .landmarks();
        assertThat(Math.abs(front.yawDegrees())).isLessThan(2);
        assertThat(right.yawDegrees()).isGreaterThan(8);
        assertThat(left.yawDegrees()).isLessThan(-8);
        assertThat(right.x(45) - right.x(42)).as("the far eye is foreshortened")
                .isLessThan((right.x(39) - right.x(36)) * 0.95);
    }

    /** Euclidean distance between the mean colours of two statistics. */
    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
