package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.StudioSampler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A third look, to measure a model on a way of drawing it never saw: smooth, shaded portraits (a key light and a
 * fill light, soft highlights and ambient occlusion) with their own faces, hair, clothing and backgrounds, framed
 * tighter or looser than the other styles, and a camera that sharpens, fringes colours at edges (chromatic
 * aberration), bends the tones (lifted blacks, a soft shoulder) and writes JPEGs at a higher, varying quality.
 */
final class StudioStyle implements DrawingStyle {

    private final StudioSampler appearances = new StudioSampler();
    private final StudioRenderer renderer = new StudioRenderer();

    @Override
    public String id() {
        return "studio";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    /**
     * Head turn σ 7°, tilt σ 3°; framing tight (40 %: size 1.12 – 1.3), loose (35 %: 0.8 – 0.92) or medium; the key
     * light from the upper left or right (angle 0° or 180°, σ 25°), strength 0.35 – 0.95, exposure 0.9 – 1.1.
     */
    @Override
    public Pose pose(SplittableRandom r) {
        double yaw = clamp(r.nextGaussian() * 7, -20, 20);
        double roll = clamp(r.nextGaussian() * 3, -9, 9);
        double framing = r.nextDouble();
        double scale = framing < 0.4 ? 1.12 + r.nextDouble() * 0.18
                : framing < 0.75 ? 0.8 + r.nextDouble() * 0.12 : 0.95 + r.nextDouble() * 0.13;
        double dx = clamp(r.nextGaussian() * 0.035, -0.08, 0.08);
        double dy = clamp(r.nextGaussian() * 0.025, -0.05, 0.05);
        double light = (r.nextBoolean() ? 0 : 180) + r.nextGaussian() * 25;
        return new Pose(yaw, roll, scale, dx, dy, light, 0.35 + r.nextDouble() * 0.6, 0.9 + r.nextDouble() * 0.2);
    }

    /**
     * Sharpening in 60 % of photos (strength 0.3 – 0.9), colour fringes of 1 pixel in 40 % and 2 in 15 %, a slight
     * white balance error (σ 4 %), a tone curve's shoulder 0.6 – 1.6, JPEG quality 0.72 – 0.97.
     */
    @Override
    public Camera camera(SplittableRandom r) {
        double sharpen = r.nextDouble() < 0.6 ? 0.3 + r.nextDouble() * 0.6 : 0;
        double pick = r.nextDouble();
        int fringe = pick < 0.45 ? 0 : pick < 0.85 ? 1 : 2;
        double warmth = clamp(r.nextGaussian() * 0.04, -0.1, 0.1);
        double shoulder = 0.6 + r.nextDouble();
        return new Camera(0, 0, 1 + warmth, 1, 1 - warmth, 0, (float) (0.72 + r.nextDouble() * 0.25), sharpen,
                fringe, shoulder);
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return StudioScene.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    /**
     * Unsharp mask (the picture minus a [1 2 1] blur of it, times the strength, added back), the red and blue
     * channels shifted apart by the fringe, then per channel a tone curve: exposure, white balance, lifted blacks
     * and a soft shoulder {@code (1 - e^(-s t)) / (1 - e^(-s))}, as 256-entry tables.
     */
    @Override
    public void finish(BufferedImage image, Pose pose, Camera camera) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the camera works on TYPE_INT_RGB images");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] blurred = null;
        int amount = (int) Math.round(camera.sharpen() * 256);
        if (amount > 0) {
            blurred = pixels.clone();
            SnapshotStyle.soften(blurred, w, h);
        }
        int[] red = curve(pose.exposure() * camera.red(), camera.tone());
        int[] green = curve(pose.exposure() * camera.green(), camera.tone());
        int[] blue = curve(pose.exposure() * camera.blue(), camera.tone());
        int fringe = camera.fringe();
        int[] r = new int[w];
        int[] g = new int[w];
        int[] b = new int[w];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int p = pixels[row + x];
                int pr = p >> 16 & 0xff;
                int pg = p >> 8 & 0xff;
                int pb = p & 0xff;
                if (blurred != null) {
                    int q = blurred[row + x];
                    pr = clamp(pr + ((pr - (q >> 16 & 0xff)) * amount >> 8));
                    pg = clamp(pg + ((pg - (q >> 8 & 0xff)) * amount >> 8));
                    pb = clamp(pb + ((pb - (q & 0xff)) * amount >> 8));
                }
                r[x] = pr;
                g[x] = pg;
                b[x] = pb;
            }
            for (int x = 0; x < w; x++) {
                int xr = Math.max(0, x - fringe);
                int xb = Math.min(w - 1, x + fringe);
                pixels[row + x] = red[r[xr]] << 16 | green[g[x]] << 8 | blue[b[xb]];
            }
        }
    }

    /** The tone table of one channel: {@code gain} times the level, then lifted blacks and a soft shoulder. */
    static int[] curve(double gain, double shoulder) {
        int[] table = new int[256];
        double norm = 1 - Math.exp(-shoulder);
        for (int v = 0; v < 256; v++) {
            double t = Math.min(1.1, v / 255.0 * gain);
            double y = 0.035 + 0.965 * (1 - Math.exp(-shoulder * t)) / norm;
            table[v] = (int) Math.max(0, Math.min(255, Math.round(y * 255)));
        }
        return table;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
