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

    /** Noise values (standard normal, times 16) read at a random offset per row: cheaper than a draw per pixel. */
    private static final int[] NOISE = noiseTable(1 << 14);

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
        double noise = r.nextDouble() * 9;
        // a warm or cool cast (white balance), sometimes a green tint (fluorescent light)
        double warmth = r.nextGaussian() * 0.07;
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
     * Soft focus (a separable box blur), then one pass for exposure, colour cast, vignette and noise. The vignette is
     * a product of a column and a row factor, so the pass needs only a multiply per pixel for it.
     */
    @Override
    public void finish(BufferedImage image, Pose pose, Camera camera) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the camera works on TYPE_INT_RGB images");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (camera.blur() > 0) {
            boxBlur(pixels, w, h, camera.blur());
        }
        int[] column = new int[w];
        for (int x = 0; x < w; x++) {
            double u = (2.0 * x / w - 1);
            column[x] = (int) ((1 - camera.vignette() * 0.6 * u * u) * 1024);
        }
        int red = (int) (camera.red() * pose.exposure() * 1024);
        int green = (int) (camera.green() * pose.exposure() * 1024);
        int blue = (int) (camera.blue() * pose.exposure() * 1024);
        int noise = (int) (camera.noise() / 16 * 256);
        // the noise offset of each row comes from the photo's own values, so the same photo gets the same noise
        long state = Double.doubleToLongBits(pose.lightAngle()) ^ (long) w * h;
        for (int y = 0; y < h; y++) {
            double v = (2.0 * y / h - 1);
            int row = (int) ((1 - camera.vignette() * 0.6 * v * v) * 1024);
            state = state * 6364136223846793005L + 1442695040888963407L;
            int offset = (int) ((state >>> 33) % (NOISE.length - w));
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = pixels[base + x];
                int f = column[x] * row >> 10;
                int n = NOISE[offset + x] * noise >> 8;
                int r = channel(((p >> 16 & 0xff) * red >> 10) * f >> 10, n);
                int g = channel(((p >> 8 & 0xff) * green >> 10) * f >> 10, n);
                int b = channel(((p & 0xff) * blue >> 10) * f >> 10, n);
                pixels[base + x] = r << 16 | g << 8 | b;
            }
        }
    }

    private static int channel(int value, int noise) {
        int v = value + noise;
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** A box blur of the given radius, rows then columns, with running sums. */
    static void boxBlur(int[] pixels, int w, int h, int radius) {
        int[] out = new int[pixels.length];
        blurLines(pixels, out, w, h, 1, w, radius);
        blurLines(out, pixels, h, w, w, 1, radius);
    }

    /** Blurs {@code lines} lines of {@code length} pixels, {@code step} apart, lines {@code stride} apart. */
    private static void blurLines(int[] in, int[] out, int length, int lines, int step, int stride, int radius) {
        int span = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            int start = line * stride;
            int r = 0;
            int g = 0;
            int b = 0;
            for (int k = -radius; k <= radius; k++) {
                int p = in[start + Math.max(0, Math.min(length - 1, k)) * step];
                r += p >> 16 & 0xff;
                g += p >> 8 & 0xff;
                b += p & 0xff;
            }
            for (int i = 0; i < length; i++) {
                out[start + i * step] = (r / span) << 16 | (g / span) << 8 | b / span;
                int leaving = in[start + Math.max(0, i - radius) * step];
                int entering = in[start + Math.min(length - 1, i + radius + 1) * step];
                r += (entering >> 16 & 0xff) - (leaving >> 16 & 0xff);
                g += (entering >> 8 & 0xff) - (leaving >> 8 & 0xff);
                b += (entering & 0xff) - (leaving & 0xff);
            }
        }
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
