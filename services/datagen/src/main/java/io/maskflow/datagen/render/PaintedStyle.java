package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedSampler;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A sixth look, different in kind from the other five: digital paintings (skin, hair, clothes and backgrounds built
 * from many soft, semi-transparent brush dabs, coloured by a warm or cool key light and a fill light of the other
 * tint, no outlines; its own faces, hair, headwear, clothing and painterly backgrounds), with the head turned and
 * the landmarks following it, photographed on the wall or captured by a phone: a slight keystone, sometimes a glare
 * on the varnish, the canvas weave, a colour cast, noise and a wide spread of JPEG quality. See
 * {@link PaintedRenderer}.
 */
final class PaintedStyle implements DrawingStyle {

    private static final int[] NOISE = SnapshotStyle.NOISE;
    /** The canvas weave: a 4 x 4 basket of threads, lighter on their crowns (-2 .. 2). */
    private static final int[] WEAVE = {2, 1, -1, 0, 0, -1, 1, 2, -1, 0, 2, 1, 1, 2, 0, -1};
    private static final int[] WALLS = {0xe8e4dc, 0x8a8680, 0x3a2a20, 0xc8b89c, 0x505860};

    private final PaintedSampler appearances = new PaintedSampler();
    private final PaintedRenderer renderer = new PaintedRenderer();

    @Override
    public String id() {
        return "painted";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    /** Head turn σ 9° (at most 20°), tilt σ 3.5° (at most 9°), size σ 9 %, the key light from any side. */
    @Override
    public Pose pose(SplittableRandom r) {
        double yaw = clamp(r.nextGaussian() * 9, -20, 20);
        double roll = clamp(r.nextGaussian() * 3.5, -9, 9);
        double scale = clamp(1 + r.nextGaussian() * 0.09, 0.82, 1.2);
        double dx = clamp(r.nextGaussian() * 0.035, -0.08, 0.08);
        double dy = clamp(r.nextGaussian() * 0.025, -0.05, 0.05);
        return new Pose(yaw, roll, scale, dx, dy, r.nextDouble() * 360, 0.4 + r.nextDouble() * 0.6,
                0.88 + r.nextDouble() * 0.22);
    }

    /**
     * The painting under the camera: a keystone σ 3.5 % (at most 8 %), a glare on the varnish in 35 % (strength
     * 0.15 – 0.5, radius 12 – 30 % of the width), the canvas weave at 2 – 7 levels, soft focus in 20 %, noise in
     * 50 % (σ 1.5 – 6 levels), a colour cast (warm or cool σ 6 %, green or magenta σ 2.5 %), a vignette in 30 %,
     * JPEG quality 0.45 – 0.95.
     */
    @Override
    public Camera camera(SplittableRandom r) {
        double keystone = clamp(r.nextGaussian() * 0.035, -0.08, 0.08);
        boolean glare = r.nextDouble() < 0.35;
        Camera.Painting painting = new Camera.Painting(keystone, 0.15 + 0.7 * r.nextDouble(),
                0.1 + 0.5 * r.nextDouble(), 0.12 + 0.18 * r.nextDouble(), glare ? 0.15 + 0.35 * r.nextDouble() : 0,
                2 + 5 * r.nextDouble(), WALLS[r.nextInt(WALLS.length)]);
        int blur = r.nextDouble() < 0.2 ? 1 : 0;
        double noise = r.nextDouble() < 0.5 ? 1.5 + 4.5 * r.nextDouble() : 0;
        double warmth = clamp(r.nextGaussian() * 0.06, -0.15, 0.15);
        double tint = clamp(r.nextGaussian() * 0.025, -0.07, 0.07);
        double vignette = r.nextDouble() < 0.3 ? 0.1 + 0.25 * r.nextDouble() : 0;
        float quality = (float) (0.45 + r.nextDouble() * 0.5);
        return new Camera(blur, noise, 1 + warmth, 1 + tint, 1 - warmth, vignette, quality, 0, 0, 0, 0, 0, null,
                painting);
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return PaintedScene.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    /**
     * Soft focus, then one pass that takes each pixel from the painting under a keystone (rows scaled about the
     * middle, linear between neighbours, in fixed point; the wall where the painting does not reach) and applies
     * the exposure, the colour cast, the vignette, the canvas weave, the glare on the varnish and the noise.
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
            SnapshotStyle.soften(pixels, w, h);
        }
        Camera.Painting p = camera.painting();
        int[] row = new int[w];
        int red = (int) (camera.red() * 1024);
        int green = (int) (camera.green() * 1024);
        int blue = (int) (camera.blue() * 1024);
        int noise = (int) (camera.noise() / 16 * 256);
        int weave = (int) (p.weave() * 64);
        double gx = p.glareX() * w;
        double gy = p.glareY() * h;
        double gr = Math.max(1, p.glareRadius() * w);
        int[] column = new int[w];
        for (int x = 0; x < w; x++) {
            double u = 2.0 * x / w - 1;
            column[x] = (int) ((1 - camera.vignette() * 0.6 * u * u) * 1024);
        }
        long state = Double.doubleToLongBits(pose.lightAngle()) ^ Double.doubleToLongBits(p.keystone());
        double cx = w / 2.0;
        for (int y = 0; y < h; y++) {
            int base = y * w;
            // the row's scale under the keystone, and the source position of its first pixel, in 16.16
            double s = 1 + p.keystone() * (2.0 * y / h - 1);
            long step = Math.round(65536 / s);
            long fx = Math.round((cx - cx / s) * 65536);
            System.arraycopy(pixels, base, row, 0, w);
            double v = 2.0 * y / h - 1;
            int light = (int) (pose.exposure() * (1 - camera.vignette() * 0.6 * v * v) * 1024);
            state = state * 6364136223846793005L + 1442695040888963407L;
            int offset = (int) ((state >>> 33) % (NOISE.length - w));
            int weaveRow = (y & 3) * 4;
            double dy = (y - gy) / gr;
            boolean glareRow = p.glare() > 0 && Math.abs(dy) < 1;
            for (int x = 0; x < w; x++, fx += step) {
                int ix = (int) (fx >> 16);
                int c;
                if (ix < 0 || ix >= w - 1) {
                    c = p.wall();
                } else {
                    int f = (int) (fx & 0xffff) >> 8;
                    int a = row[ix];
                    int b = row[ix + 1];
                    int rb = ((a & 0xff00ff) * (256 - f) + (b & 0xff00ff) * f) >>> 8 & 0xff00ff;
                    int g = ((a & 0xff00) * (256 - f) + (b & 0xff00) * f) >>> 8 & 0xff00;
                    c = rb | g;
                }
                int gain = light * column[x] >> 10;
                int n = (NOISE[offset + x] * noise >> 8) + (WEAVE[weaveRow + (x & 3)] * weave >> 6);
                int r = ((c >> 16 & 0xff) * gain >> 10) * red >> 10;
                int gg = ((c >> 8 & 0xff) * gain >> 10) * green >> 10;
                int bb = ((c & 0xff) * gain >> 10) * blue >> 10;
                if (glareRow) {
                    double dx = (x - gx) / gr;
                    double d = dx * dx + dy * dy;
                    if (d < 1) {
                        int shine = (int) (p.glare() * (1 - d) * (1 - d) * 256);
                        r += (255 - r) * shine >> 8;
                        gg += (255 - gg) * shine >> 8;
                        bb += (255 - bb) * shine >> 8;
                    }
                }
                pixels[base + x] = clamp(r + n) << 16 | clamp(gg + n) << 8 | clamp(bb + n);
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
