package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java networks find what face-api's own code finds, on the photos of the parity fixture: the same number of
 * faces, each with box IoU >= 0.95, landmarks within 1.5 % of the face's width on average, age within one year and
 * the same gender.
 */
class FaceParityTest {

    static final double MIN_IOU = 0.95;
    static final double MAX_LANDMARK_ERROR = 0.015;
    static final double MAX_AGE_ERROR = 1.0;

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new FaceAnalyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void matchesTheReferenceOnEveryFixturePhoto() {
        ParityFixture.Fixture fixture = ParityFixture.load();
        assertThat(fixture.photos()).hasSizeGreaterThanOrEqualTo(6);
        List<Double> ious = new ArrayList<>();
        List<Double> landmarkErrors = new ArrayList<>();
        List<Double> ageErrors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ParityFixture.Photo photo : fixture.photos()) {
            List<Face> faces = analyzer.detect(ParityFixture.image(photo.photo()));
            if (faces.size() != photo.faces().size()) {
                problems.add(photo.photo() + ": " + faces.size() + " faces, reference " + photo.faces().size());
                continue;
            }
            for (ParityFixture.RefFace ref : photo.faces()) {
                Face face = closest(faces, ref.faceBox());
                double iou = face.box().iou(ref.faceBox());
                double landmarks = meanLandmarkError(face, ref);
                double age = Math.abs(face.age() - ref.age());
                ious.add(iou);
                landmarkErrors.add(landmarks);
                ageErrors.add(age);
                boolean sameGender = face.gender().name().equalsIgnoreCase(ref.gender());
                if (iou < MIN_IOU || landmarks > MAX_LANDMARK_ERROR || age > MAX_AGE_ERROR || !sameGender) {
                    problems.add(String.format(Locale.ROOT, "%s face at (%.0f, %.0f): IoU %.4f, landmarks %.4f, "
                            + "age %.2f vs %.2f, gender %s vs %s", photo.photo(), ref.box()[0], ref.box()[1], iou,
                            landmarks, face.age(), ref.age(), face.gender(), ref.gender()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "parity over %d faces: IoU min %.4f mean %.4f; landmark error (of face "
                + "width) mean %.5f max %.5f; age error mean %.3f max %.3f years%n", ious.size(), min(ious),
                mean(ious), mean(landmarkErrors), max(landmarkErrors), mean(ageErrors), max(ageErrors));
        assertThat(problems).isEmpty();
        assertThat(ious).isNotEmpty();
    }

    /** Mean distance between the 68 points and the reference's, as a fraction of the reference box's width. */
    static double meanLandmarkError(Face face, ParityFixture.RefFace ref) {
        double sum = 0;
        for (int i = 0; i < Face.LANDMARKS; i++) {
            Face.Point p = face.landmarks().get(i);
            sum += Math.hypot(p.x() - ref.landmarks()[i][0], p.y() - ref.landmarks()[i][1]);
        }
        return sum / Face.LANDMARKS / ref.box()[2];
    }

    private static Face closest(List<Face> faces, FaceBox box) {
        Face best = faces.get(0);
        for (Face face : faces) {
            if (face.box().iou(box) > best.box().iou(box)) {
                best = face;
            }
        }
        return best;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
