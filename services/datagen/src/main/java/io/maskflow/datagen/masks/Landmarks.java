package io.maskflow.datagen.masks;

import java.awt.geom.Point2D;
import java.util.Arrays;

/**
 * The 68 face landmarks of the iBUG 300-W layout (the one dlib and MaskTheFace use): jaw 0-16, brows 17-26,
 * nose bridge 27-30, nose base 31-35, eyes 36-47, mouth 48-67, in image pixels.
 */
public final class Landmarks {

    public static final int COUNT = 68;
    public static final int CHIN = 8;
    public static final int NOSE_BRIDGE_TOP = 27;
    public static final int NOSE_TIP = 30;
    public static final int NOSE_BASE = 33;
    public static final int UPPER_LIP_TOP = 51;
    public static final int LOWER_LIP_BOTTOM = 57;

    private final double[] x;
    private final double[] y;

    private Landmarks(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /** Landmarks from 68 points; throws naming the problem when there are not 68 finite points. */
    public static Landmarks of(double[] x, double[] y) {
        if (x == null || y == null || x.length != COUNT || y.length != COUNT) {
            throw new InvalidLandmarksException("expected " + COUNT + " landmarks, got "
                    + (x == null || y == null ? 0 : Math.min(x.length, y.length)));
        }
        for (int i = 0; i < COUNT; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new InvalidLandmarksException("landmark " + i + " is not a finite point");
            }
        }
        return new Landmarks(x.clone(), y.clone());
    }

    /** Checks that every landmark lies inside a {@code width} x {@code height} image. */
    public Landmarks requireInside(int width, int height) {
        for (int i = 0; i < COUNT; i++) {
            if (x[i] < 0 || y[i] < 0 || x[i] >= width || y[i] >= height) {
                throw new InvalidLandmarksException(String.format("landmark %d (%.1f, %.1f) lies outside the %dx%d "
                        + "image", i, x[i], y[i], width, height));
            }
        }
        return this;
    }

    public Point2D.Double point(int i) {
        return new Point2D.Double(x[i], y[i]);
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    /**
     * The head's turn estimated from how far the nose tip sits from each side of the jaw: negative when the face
     * turns to the image's left, in degrees (about).
     */
    public double yawDegrees() {
        double left = Math.abs(x[NOSE_TIP] - x[0]);
        double right = Math.abs(x[16] - x[NOSE_TIP]);
        double asymmetry = (left - right) / Math.max(1e-6, left + right);
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, asymmetry))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(x, other.x) && Arrays.equals(y, other.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }
}
