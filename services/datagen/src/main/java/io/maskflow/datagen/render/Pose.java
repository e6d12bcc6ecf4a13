package io.maskflow.datagen.render;

import java.util.SplittableRandom;

/**
 * How one photo of a person differs from the others: head turn and tilt, size, position and light.
 *
 * @param yaw head turn in degrees, negative to the image's left
 * @param roll head tilt in degrees
 * @param scale face size relative to the person's usual
 * @param dx horizontal shift as a share of the photo width
 * @param dy vertical shift as a share of the photo height
 * @param lightAngle direction the light comes from, in degrees
 * @param lightStrength 0 flat .. 1 strong side light
 * @param exposure overall brightness factor
 * @param pitch head nod in degrees, positive looking up (only the {@code sculpted} style turns heads in 3D; the
 *     other styles' poses have 0 and ignore it)
 */
public record Pose(double yaw, double roll, double scale, double dx, double dy, double lightAngle,
        double lightStrength, double exposure, double pitch) {

    /** A pose without a nod, as the flat styles draw it. */
    public Pose(double yaw, double roll, double scale, double dx, double dy, double lightAngle,
            double lightStrength, double exposure) {
        this(yaw, roll, scale, dx, dy, lightAngle, lightStrength, exposure, 0);
    }

    /** Looking straight at the camera in flat light. */
    public static final Pose FRONT = new Pose(0, 0, 1, 0, 0, 0, 0, 1);

    /** A small random variation, as between real photos taken in one sitting. */
    public static Pose random(SplittableRandom r) {
        return new Pose(r.nextGaussian() * 8, r.nextGaussian() * 4, 1 + r.nextGaussian() * 0.05,
                r.nextGaussian() * 0.025, r.nextGaussian() * 0.02, r.nextDouble() * 360,
                r.nextDouble() * 0.5, 0.9 + r.nextDouble() * 0.2);
    }
}
