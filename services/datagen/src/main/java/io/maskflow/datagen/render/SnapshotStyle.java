package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SnapshotSampler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A second look, to measure whether a model learnt faces or one generator's drawing: other face and hair shapes,
 * flat skin with a hard shadow on the side away from the light, other clothing and indoor backgrounds, looser
 * framing (size and position vary about three times as much), and a camera: colour casts, a vignette, soft focus,
 * sensor noise and a lower, varying JPEG quality.
 */
final class SnapshotStyle implements DrawingStyle {

    /**
     * Noise values (standard normal within ±4, times 16) read at a random offset per row: cheaper than a draw per
     * pixel. The inked style's paper grain reads them too.
     */
    static final int[] NOISE = noiseTable(1 << 14);

    private final SnapshotSampler appearances = new SnapshotSampler();
    private final SnapshotRenderer renderer = new SnapshotRenderer();

    @Override
    public String id() {
        return "snapshot";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    /** Looser than the classic pose: the face is larger or smaller and further off-centre, turned a bit more. */
    @Override
    public Pose pose(SplittableRandom r) {
        return new Pose(clamp(r.nextGaussian() * 10, -24, 24), clamp(r.nextGaussian() * 5, -12, 12),
                clamp(1 + r.nextGaussian() * 0.13, 0.78, 1.3), clamp(r.nextGaussian() * 0.06, -0.1, 0.1),
                clamp(r.nextGaussian() * 0.04, -0.06, 0.06), r.nextDouble() * 360, 0.3 + r.nextDouble() * 0.7,
                0.82 + r.nextDouble() * 0.3);
    }

    @Override
    public Camera camera(SplittableRandom r) {
        double pick = r.nextDouble();
        int blur = pick < 0.45 ? 0 : pick < 0.85 ? 1 : 2;
        // sensor noise in half the photos (its pass costs about as much as the rest of the camera)
        double noise = r.nextBoolean() ? 2 + r.nextDouble() * 8 : 0;
        // a warm or cool cast (white balance), sometimes a green tint (fluorescent light)
        double warmth = clamp(r.nextGaussian() * 0.07, -0.2, 0.2);
        double tint = r.nextDouble() < 0.2 ? 0.04 + r.nextDouble() * 0.05 : 0;
        return new Camera(blur, noise, 1 + warmth, 1 + tint, 1 - warmth, r.nextDouble() * 0.45,
                (float) (0.5 + r.nextDouble() * 0.4));
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return renderer.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    /**
     * Soft focus, then one pass for exposure, colour cast, vignette and noise. Both are written, like
     * {@link Lighting}, so that the JIT can vectorise them: whole rows, shifts, multiplies and masks, no branches.
     * The vignette is a product of a column and a row factor, so the pass needs two multiplies per channel.
     */
    @Override
    public void finish(BufferedImage image, Pose pose, Camera camera) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the camera works on TYPE_INT_RGB images");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int pass = 0; pass < camera.blur(); pass++) {
            soften(pixels, w, h);
        }
        int[] red = new int[w];
        int[] green = new int[w];
        int[] blue = new int[w];
        for (int x = 0; x < w; x++) {
            double u = 2.0 * x / w - 1;
            double column = (1 - camera.vignette() * 0.6 * u * u) * pose.exposure() * 1024;
            red[x] = (int) (column * camera.red());
            green[x] = (int) (column * camera.green());
            blue[x] = (int) (column * camera.blue());
        }
        int noise = (int) (camera.noise() / 16 * 256);
        int[] row = new int[w];
        int[] grain = new int[w];
        // the noise offset of each row comes from the photo's own values, so the same photo gets the same noise
        long state = Double.doubleToLongBits(pose.lightAngle()) ^ (long) w * h;
        for (int y = 0; y < h; y++) {
            double v = 2.0 * y / h - 1;
            int factor = (int) ((1 - camera.vignette() * 0.6 * v * v) * 1024);
            state = state * 6364136223846793005L + 1442695040888963407L;
            System.arraycopy(NOISE, (int) ((state >>> 33) % (NOISE.length - w)), grain, 0, w);
            System.arraycopy(pixels, y * w, row, 0, w);
            if (noise == 0) {
                cameraRow(row, red, green, blue, factor);
            } else {
                cameraRow(row, red, green, blue, factor, grain, noise);
            }
            System.arraycopy(row, 0, pixels, y * w, w);
        }
    }

    private static void cameraRow(int[] row, int[] red, int[] green, int[] blue, int factor, int[] grain,
            int noise) {
        for (int x = 0; x < row.length; x++) {
            int p = row[x];
            int n = grain[x] * noise >> 8;
            int r = clamp((((p >> 16 & 0xff) * red[x] >> 10) * factor >> 10) + n);
            int g = clamp((((p >> 8 & 0xff) * green[x] >> 10) * factor >> 10) + n);
            int b = clamp((((p & 0xff) * blue[x] >> 10) * factor >> 10) + n);
            row[x] = r << 16 | g << 8 | b;
        }
    }

    /** The pass without noise: the JIT vectorises this one (the noise's clamp below zero stops it). */
    private static void cameraRow(int[] row, int[] red, int[] green, int[] blue, int factor) {
        for (int x = 0; x < row.length; x++) {
            int p = row[x];
            int r = saturate(((p >> 16 & 0xff) * red[x] >> 10) * factor >> 10);
            int g = saturate(((p >> 8 & 0xff) * green[x] >> 10) * factor >> 10);
            int b = saturate(((p & 0xff) * blue[x] >> 10) * factor >> 10);
            row[x] = r << 16 | g << 8 | b;
        }
    }

    /** {@code min(v, 255)} for 0 <= v < 512, with no branch. */
    private static int saturate(int v) {
        return (v | -(v >> 8)) & 0xff;
    }

    /** {@code v} clamped to 0..255 for -512 < v < 512, with no branch. */
    private static int clamp(int v) {
        int positive = v & ~(v >> 31);
        return (positive | -(positive >> 8)) & 0xff;
    }

    /**
     * A [1 2 1] / 4 blur across and down, on all three channels at once: the mean of two packed pixels is
     * {@code (a & 0xfefefe) / 2 + (b & 0xfefefe) / 2} (each channel loses its lowest bit, never carries).
     */
    static void soften(int[] pixels, int w, int h) {
        int[] row = new int[w];
        int[] shifted = new int[w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(pixels, y * w, row, 0, w);
            // neighbours' mean, then the mean of that and the pixel: [1 2 1] / 4
            shifted[0] = row[0];
            shifted[w - 1] = row[w - 1];
            for (int x = 1; x < w - 1; x++) {
                shifted[x] = half(row[x - 1]) + half(row[x + 1]);
            }
            for (int x = 0; x < w; x++) {
                row[x] = half(row[x]) + half(shifted[x]);
            }
            System.arraycopy(row, 0, pixels, y * w, w);
        }
        int[] above = new int[w];
        int[] below = new int[w];
        System.arraycopy(pixels, 0, above, 0, w);
        for (int y = 1; y < h - 1; y++) {
            System.arraycopy(pixels, y * w, row, 0, w);
            System.arraycopy(pixels, (y + 1) * w, below, 0, w);
            for (int x = 0; x < w; x++) {
                int mean = half(above[x]) + half(below[x]);
                above[x] = row[x];
                row[x] = half(row[x]) + half(mean);
            }
            System.arraycopy(row, 0, pixels, y * w, w);
        }
    }

    private static int half(int p) {
        return (p & 0xfefefe) >>> 1;
    }

    private static int[] noiseTable(int size) {
        SplittableRandom r = new SplittableRandom(20261201L);
        int[] table = new int[size];
        for (int i = 0; i < size; i++) {
            table[i] = (int) Math.round(Math.max(-4, Math.min(4, r.nextGaussian())) * 16);
        }
        return table;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
