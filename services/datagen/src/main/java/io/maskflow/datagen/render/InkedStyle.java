package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.InkedSampler;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A fifth look, different in kind from the other four: ink illustrations (outlines of varying weight, cel shading
 * and hatching, hair as inked shapes with strand lines, its own faces, clothing and paper or panel backgrounds), with
 * the head turned and the landmarks following it, photographed or scanned off the page: the page slightly turned,
 * sheared and shifted (a table shows where it does not reach), uneven exposure across the page, a colour cast, paper
 * grain, sometimes soft focus, and a wide spread of JPEG quality. See {@link InkedRenderer}.
 */
final class InkedStyle implements DrawingStyle {

    /** Grain values (the snapshot camera's noise table) read at a random offset per row. */
    private static final int[] GRAIN = SnapshotStyle.NOISE;
    private static final int[] TABLES = {0x3a2e26, 0x6b5440, 0x2c2c30, 0x8a8a84, 0xc8c0b0};

    private final InkedSampler appearances = new InkedSampler();
    private final InkedRenderer renderer = new InkedRenderer();

    @Override
    public String id() {
        return "inked";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    /** Head turn σ 11° (at most 25°), tilt σ 4° (at most 10°), size σ 8 %, the light from either side. */
    @Override
    public Pose pose(SplittableRandom r) {
        double yaw = clamp(r.nextGaussian() * 11, -25, 25);
        double roll = clamp(r.nextGaussian() * 4, -10, 10);
        double scale = clamp(1 + r.nextGaussian() * 0.08, 0.84, 1.18);
        double dx = clamp(r.nextGaussian() * 0.04, -0.08, 0.08);
        double dy = clamp(r.nextGaussian() * 0.025, -0.05, 0.05);
        return new Pose(yaw, roll, scale, dx, dy, r.nextDouble() * 360, 0.5 + r.nextDouble() * 0.5,
                0.85 + r.nextDouble() * 0.25);
    }

    /**
     * The page: half the photos are flat scans (the page only shifted σ 1.5 %, exposure falling off across it by up
     * to 0.15), half phone photos (the page also turned σ 1.5°, at most 4°, sheared σ 0.02 and zoomed 1 – 1.08,
     * exposure falling off by up to 0.35), the fall-off in a random direction; a colour cast (warm or cool σ 6 %,
     * green or magenta σ 3 %); paper grain σ 1.5 – 6 levels; soft focus in 30 %; a vignette in 40 %; JPEG quality
     * 0.4 – 0.92.
     */
    @Override
    public Camera camera(SplittableRandom r) {
        boolean flatbed = r.nextBoolean();
        double rotation = clamp(r.nextGaussian() * 1.5, -4, 4);
        double skew = clamp(r.nextGaussian() * 0.02, -0.05, 0.05);
        double zoom = 1 + r.nextDouble() * 0.08;
        Camera.Scan scan = new Camera.Scan(flatbed ? 0 : rotation, flatbed ? 0 : skew, flatbed ? 1 : zoom,
                clamp(r.nextGaussian() * 0.015, -0.04, 0.04), clamp(r.nextGaussian() * 0.015, -0.04, 0.04),
                r.nextDouble() * 360, r.nextDouble() * (flatbed ? 0.15 : 0.35), TABLES[r.nextInt(TABLES.length)]);
        int blur = r.nextDouble() < 0.3 ? 1 : 0;
        double grain = 1.5 + r.nextDouble() * 4.5;
        double warmth = clamp(r.nextGaussian() * 0.06, -0.15, 0.15);
        double tint = clamp(r.nextGaussian() * 0.03, -0.08, 0.08);
        double vignette = r.nextDouble() < 0.4 ? r.nextDouble() * 0.4 : 0;
        float quality = (float) (0.4 + r.nextDouble() * 0.52);
        return new Camera(blur, grain, 1 + warmth, 1 + tint, 1 - warmth, vignette, quality, 0, 0, 0, 0, 0, scan);
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return InkedScene.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    /**
     * Soft focus, then one pass that takes each photo pixel from the page (turned, sheared, zoomed and shifted;
     * bilinear, in fixed point; a flat scan's rows only copied; the table outside the page) and applies exposure,
     * its fall-off across the page, the colour cast, the vignette and the paper grain.
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
        Camera.Scan scan = camera.scan();
        AffineTransform page = new AffineTransform();
        page.translate(w * (0.5 + scan.dx()), h * (0.5 + scan.dy()));
        page.rotate(Math.toRadians(scan.rotation()));
        page.shear(scan.skew(), 0);
        page.scale(scan.zoom(), scan.zoom());
        page.translate(-w / 2.0, -h / 2.0);
        AffineTransform back;
        try {
            back = page.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
        double[] m = new double[6];
        back.getMatrix(m);
        int[] source = pixels.clone();
        double angle = Math.toRadians(scan.shadeAngle());
        double sx = Math.cos(angle) * scan.shade() / w;
        double sy = Math.sin(angle) * scan.shade() / h;
        int grain = (int) (camera.noise() / 16 * 256);
        long state = Double.doubleToLongBits(pose.lightAngle()) ^ Double.doubleToLongBits(scan.rotation());
        int table = scan.table();
        // per column: the vignette's factor and the fall-off's term; per channel: the cast, in 1/1024
        double[] column = new double[w];
        double[] slope = new double[w];
        for (int x = 0; x < w; x++) {
            double u = 2.0 * x / w - 1;
            column[x] = 1 - camera.vignette() * 0.6 * u * u;
            slope[x] = sx * (x - w / 2.0);
        }
        int red = (int) (camera.red() * 1024);
        int green = (int) (camera.green() * 1024);
        int blue = (int) (camera.blue() * 1024);
        long stepX = Math.round(m[0] * 65536);
        long stepY = Math.round(m[2] * 65536);
        boolean flat = scan.rotation() == 0 && scan.skew() == 0 && scan.zoom() == 1;
        int shiftX = (int) Math.round(scan.dx() * w);
        int shiftY = (int) Math.round(scan.dy() * h);
        int[] gain = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            // source position in 16.16 fixed point, stepped along the row
            long fx = Math.round((m[1] * y + m[4]) * 65536);
            long fy = Math.round((m[3] * y + m[5]) * 65536);
            double v = 2.0 * y / h - 1;
            double light = pose.exposure() * (1 - camera.vignette() * 0.6 * v * v) * (1 - scan.shade() / 2
                    - sy * (y - h / 2.0));
            for (int x = 0; x < w; x++) {
                gain[x] = (int) ((light * column[x] - slope[x]) * 1024);
            }
            state = state * 6364136223846793005L + 1442695040888963407L;
            int offset = (int) ((state >>> 33) % (GRAIN.length - w));
            if (flat) {
                // a flat scan: the page only shifted by whole pixels, so the row is copied
                int sy0 = y - shiftY;
                java.util.Arrays.fill(row, table);
                if (sy0 >= 0 && sy0 < h) {
                    int from = Math.max(0, shiftX);
                    int to = Math.min(w, w + shiftX);
                    System.arraycopy(source, sy0 * w + from - shiftX, row, from, to - from);
                }
            } else {
                for (int x = 0; x < w; x++, fx += stepX, fy += stepY) {
                    int ix = (int) (fx >> 16);
                    int iy = (int) (fy >> 16);
                    row[x] = ix < 0 || iy < 0 || ix >= w - 1 || iy >= h - 1 ? table
                            : bilinear(source, iy * w + ix, w, (int) (fx & 0xffff) >> 8, (int) (fy & 0xffff) >> 8);
                }
            }
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int f = gain[x];
                int n = GRAIN[offset + x] * grain >> 8;
                int r = clamp((((p >> 16 & 0xff) * f >> 10) * red >> 10) + n);
                int g = clamp((((p >> 8 & 0xff) * f >> 10) * green >> 10) + n);
                int b = clamp((((p & 0xff) * f >> 10) * blue >> 10) + n);
                pixels[base + x] = r << 16 | g << 8 | b;
            }
        }
    }

    /**
     * The pixel at {@code i} and its right and lower neighbours, weighted by the fractions (0 .. 255); red and blue
     * are interpolated together, 16 bits apart.
     */
    private static int bilinear(int[] s, int i, int w, int fx, int fy) {
        int a = s[i];
        int b = s[i + 1];
        int c = s[i + w];
        int d = s[i + w + 1];
        int gx = 256 - fx;
        int gy = 256 - fy;
        int topRb = ((a & 0xff00ff) * gx + (b & 0xff00ff) * fx) >>> 8 & 0xff00ff;
        int topG = ((a & 0xff00) * gx + (b & 0xff00) * fx) >>> 8 & 0xff00;
        int bottomRb = ((c & 0xff00ff) * gx + (d & 0xff00ff) * fx) >>> 8 & 0xff00ff;
        int bottomG = ((c & 0xff00) * gx + (d & 0xff00) * fx) >>> 8 & 0xff00;
        int rb = (topRb * gy + bottomRb * fy) >>> 8 & 0xff00ff;
        int g = (topG * gy + bottomG * fy) >>> 8 & 0xff00;
        return rb | g;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
