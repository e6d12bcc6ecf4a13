package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SculptedSampler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A fourth look, different in kind from the three flat ones: heads modelled in 3D and turned (yaw, pitch, roll),
 * shaded per pixel with a textured skin, hair as strands, its own clothing and defocused backgrounds, and a camera
 * with motion blur along a random direction, vignetting, white balance shifts, sensor noise and a wide spread of
 * JPEG quality. See {@link SculptedRenderer}.
 */
final class SculptedStyle implements DrawingStyle {

    private final SculptedSampler appearances = new SculptedSampler();
    private final SculptedRenderer renderer = new SculptedRenderer();

    @Override
    public String id() {
        return "sculpted";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    /**
     * Head turn σ 12° (at most 26°), nod σ 5° and tilt σ 5° (at most 10°), size σ 8 %, the key light from any
     * direction, strength 0.3 – 1, exposure 0.88 – 1.12.
     */
    @Override
    public Pose pose(SplittableRandom r) {
        double yaw = clamp(r.nextGaussian() * 12, -26, 26);
        double pitch = clamp(r.nextGaussian() * 5, -10, 10);
        double roll = clamp(r.nextGaussian() * 5, -10, 10);
        double scale = clamp(1 + r.nextGaussian() * 0.08, 0.84, 1.18);
        double dx = clamp(r.nextGaussian() * 0.04, -0.07, 0.07);
        double dy = clamp(r.nextGaussian() * 0.025, -0.05, 0.05);
        return new Pose(yaw, roll, scale, dx, dy, r.nextDouble() * 360, 0.3 + r.nextDouble() * 0.7,
                0.88 + r.nextDouble() * 0.24, pitch);
    }

    /**
     * Motion blur in 30 % of photos (2 – 4 pixels, any direction), soft focus in 25 %, sensor noise in 60 % (2 – 9
     * levels), white balance σ 6 % with a green or magenta tint σ 3 %, vignette 0.1 – 0.55, JPEG quality 0.45 – 0.95.
     */
    @Override
    public Camera camera(SplittableRandom r) {
        int motion = r.nextDouble() < 0.3 ? 2 + r.nextInt(3) : 0;
        double angle = r.nextDouble() * 180;
        int blur = r.nextDouble() < 0.25 ? 1 : 0;
        double noise = r.nextDouble() < 0.6 ? 2 + r.nextDouble() * 7 : 0;
        double warmth = clamp(r.nextGaussian() * 0.06, -0.15, 0.15);
        double tint = clamp(r.nextGaussian() * 0.03, -0.08, 0.08);
        double vignette = 0.1 + r.nextDouble() * 0.45;
        float quality = (float) (0.45 + r.nextDouble() * 0.5);
        return new Camera(blur, noise, 1 + warmth, 1 + tint, 1 - warmth, vignette, quality, 0, 0, 0, motion, angle);
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return SculptedScene.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    /** Motion blur, then the snapshot camera's pass (soft focus, exposure, white balance, vignette, noise). */
    @Override
    public void finish(BufferedImage image, Pose pose, Camera camera) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the camera works on TYPE_INT_RGB images");
        }
        if (camera.motion() > 0) {
            motionBlur(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), image.getWidth(),
                    image.getHeight(), camera.motion(), Math.toRadians(camera.motionAngle()));
        }
        DrawingStyle.SNAPSHOT.finish(image, pose, camera);
    }

    /** The mean of three pixels along the direction {@code angle}: the ends and the middle of a streak. */
    static void motionBlur(int[] pixels, int w, int h, int length, double angle) {
        // three taps: both ends and the middle of the streak
        int n = 3;
        int[] ox = new int[n];
        int[] oy = new int[n];
        for (int k = 0; k < n; k++) {
            double t = (k - 1) * length / 2.0;
            ox[k] = (int) Math.round(t * Math.cos(angle));
            oy[k] = (int) Math.round(t * Math.sin(angle));
        }
        int[] source = pixels.clone();
        int[] offset = new int[n];
        for (int k = 0; k < n; k++) {
            offset[k] = oy[k] * w + ox[k];
        }
        int margin = length / 2 + 1;
        for (int y = 0; y < h; y++) {
            boolean inner = y >= margin && y < h - margin;
            for (int x = 0; x < w; x++) {
                // the three channels summed at once, 16 bits apart
                long sum = 0;
                if (inner && x >= margin && x < w - margin) {
                    int base = y * w + x;
                    for (int k = 0; k < n; k++) {
                        int p = source[base + offset[k]];
                        sum += (long) (p & 0xff0000) << 16 | (p & 0xff00) << 8 | p & 0xff;
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        int sx = Math.max(0, Math.min(w - 1, x + ox[k]));
                        int sy = Math.max(0, Math.min(h - 1, y + oy[k]));
                        int p = source[sy * w + sx];
                        sum += (long) (p & 0xff0000) << 16 | (p & 0xff00) << 8 | p & 0xff;
                    }
                }
                int r = (int) (sum >>> 32 & 0xffff) / n;
                int g = (int) (sum >>> 16 & 0xffff) / n;
                int b = (int) (sum & 0xffff) / n;
                pixels[y * w + x] = r << 16 | g << 8 | b;
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
