package io.maskflow.vision.face;

import java.util.List;

/**
 * A face found in a photo.
 *
 * @param box where the detector found it, in pixels
 * @param score the detector's confidence, 0..1
 * @param landmarks the 68 points of the iBUG 300-W layout (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth
 *     48-67), in pixels
 * @param age estimated age in years, {@code NaN} when not estimated
 * @param gender estimated gender, {@code null} when not estimated
 * @param genderProbability the net's probability of that gender (0.5..1), {@code NaN} when not estimated
 */
public record Face(FaceBox box, double score, List<Point> landmarks, double age, Gender gender,
        double genderProbability) {

    /** Number of landmarks. */
    public static final int LANDMARKS = 68;

    /** A point in image pixels. */
    public record Point(double x, double y) {
    }

    /** The gender the age/gender net tells apart. */
    public enum Gender {
        MALE, FEMALE
    }

    public Face {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != LANDMARKS) {
            throw new IllegalArgumentException("a face has " + LANDMARKS + " landmarks, got " + landmarks.size());
        }
    }

    public boolean hasAgeAndGender() {
        return gender != null;
    }

    /** The landmarks' x coordinates in order. */
    public double[] landmarkXs() {
        return landmarks.stream().mapToDouble(Point::x).toArray();
    }

    /** The landmarks' y coordinates in order. */
    public double[] landmarkYs() {
        return landmarks.stream().mapToDouble(Point::y).toArray();
    }

    /** The box around the landmarks widened by 20 % (face-api's aligned box), used to crop for age and gender. */
    public FaceBox alignedBox() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = 0;
        double maxY = 0;
        for (Point p : landmarks) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        double w = maxX - minX;
        double h = maxY - minY;
        return new FaceBox(minX - w * 0.1, minY - h * 0.1, w * 1.2, h * 1.2);
    }
}
