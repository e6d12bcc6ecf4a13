package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SculptedLook;
import java.util.SplittableRandom;

/**
 * The head of one person in the {@code sculpted} style, in model units (the face half-width is 1; x to the right,
 * y down, z towards the camera): a superellipsoid-like surface over longitude {@code phi} and latitude
 * {@code theta} (the chin narrowed by the jaw width, sag widening it), pushed forward by the nose, brow ridge,
 * cheeks, lips and chin; the skin, eyes, brows, lips, stubble and the scalp's hair colour as a texture over the
 * front coordinates {@code (u, v)} = (x, y / face ratio), with wrinkles as a height map. Features sit where
 * {@link FaceGeometry}'s layout puts them, so the 68 landmarks are points of this surface.
 */
final class SculptedModel {

    static final int NU = 40;
    static final int NV = 48;
    static final double PHI_MAX = Math.toRadians(112);
    static final double THETA_MIN = -Math.PI / 2 + 0.03;
    static final double THETA_MAX = Math.toRadians(76);
    /** Texture extent and size. */
    static final double U0 = -1.3;
    static final double V0 = -1.3;
    static final int TW = 208;
    static final int TH = 192;
    static final double DU = 2.6 / TW;
    static final double DV = 2.4 / TH;

    final Appearance a;
    final SculptedLook look;
    final double ratio;
    final double bTop;
    final double bBot;
    final double depth = 1.0;
    /** Mesh points and normals, (NU + 1) x (NV + 1), and their texture coordinates. */
    final float[] px = new float[(NU + 1) * (NV + 1)];
    final float[] py = new float[px.length];
    final float[] pz = new float[px.length];
    final float[] nx = new float[px.length];
    final float[] ny = new float[px.length];
    final float[] nz = new float[px.length];
    final float[] tu = new float[px.length];
    final float[] tv = new float[px.length];
    /** Texture: albedo (packed RGB), height (wrinkles, pores) and gloss. */
    final int[] albedo = new int[TW * TH];
    final float[] height = new float[TW * TH];
    final float[] gloss = new float[TW * TH];
    final SculptedHair hair;
    private int[] garment;

    SculptedModel(Appearance a) {
        this.a = a;
        this.look = a.sculpted();
        ratio = a.faceRatio();
        bTop = 1.14 * ratio;
        bBot = 1.0 * ratio;
        mesh();
        SculptedSkin.paint(this);
        hair = new SculptedHair(this, new SplittableRandom(a.textureSeed() ^ 0x5DEECE66DL));
    }

    /** The clothing texture, made on first use. */
    int[] garment() {
        if (garment == null) {
            garment = SculptedScene.garmentTexture(this);
        }
        return garment;
    }

    /** Half-width of the head's cross-section at latitude {@code theta}, before the longitude. */
    double radius(double theta) {
        double c = Math.cos(theta);
        if (theta <= 0) {
            return c;
        }
        double s = Math.sin(theta);
        double narrow = 1 - (1 - a.jaw()) * s * s * 0.95;
        return Math.pow(c, 0.7) * narrow * (1 + look.sag() * 0.07 * s * s * s * s);
    }

    /** Depth of the head's cross-section at latitude {@code theta}. */
    double depthAt(double theta) {
        double c = Math.cos(theta);
        return depth * (theta <= 0 ? c : Math.pow(c, 0.45));
    }

    double y(double theta) {
        return (theta <= 0 ? bTop : bBot) * Math.sin(theta);
    }

    double theta(double y) {
        double b = y <= 0 ? bTop : bBot;
        return Math.asin(Math.max(-1, Math.min(1, y / b)));
    }

    /** The surface point in front of face coordinates (u, v) into {@code out} (x, y, z). */
    void surface(double u, double v, double[] out) {
        double y = v * ratio;
        double theta = Math.max(THETA_MIN, Math.min(THETA_MAX - 0.01, theta(y)));
        double r = radius(theta);
        double s = Math.max(-1, Math.min(1, u / r));
        double c = Math.sqrt(1 - s * s);
        out[0] = u;
        out[1] = y(theta);
        out[2] = depthAt(theta) * c + relief(u, out[1] / ratio) * c * c;
    }

    /** A surface point by longitude and latitude, lifted by {@code lift} off the bare head (for hair). */
    void scalp(double phi, double theta, double lift, double[] out) {
        double r = radius(theta) * (1 + lift);
        out[0] = r * Math.sin(phi);
        out[1] = y(theta) * (1 + lift * 0.8) - lift * 0.05;
        out[2] = depthAt(theta) * Math.cos(phi) * (1 + lift);
    }

    private void mesh() {
        for (int j = 0; j <= NV; j++) {
            double theta = THETA_MIN + (THETA_MAX - THETA_MIN) * j / NV;
            double r = radius(theta);
            double y = y(theta);
            double d = depthAt(theta);
            for (int i = 0; i <= NU; i++) {
                double phi = -PHI_MAX + 2 * PHI_MAX * i / NU;
                double c = Math.cos(phi);
                double x = r * Math.sin(phi);
                int k = j * (NU + 1) + i;
                double front = c > 0 ? c * c : 0;
                px[k] = (float) x;
                py[k] = (float) y;
                pz[k] = (float) (d * c + relief(x, y / ratio) * front);
                tu[k] = (float) x;
                tv[k] = (float) (y / ratio);
            }
        }
        for (int j = 0; j <= NV; j++) {
            for (int i = 0; i <= NU; i++) {
                int k = j * (NU + 1) + i;
                int left = j * (NU + 1) + Math.max(0, i - 1);
                int right = j * (NU + 1) + Math.min(NU, i + 1);
                int up = Math.max(0, j - 1) * (NU + 1) + i;
                int down = Math.min(NV, j + 1) * (NU + 1) + i;
                double ax = px[right] - px[left];
                double ay = py[right] - py[left];
                double az = pz[right] - pz[left];
                double bx = px[down] - px[up];
                double by = py[down] - py[up];
                double bz = pz[down] - pz[up];
                double cx = ay * bz - az * by;
                double cy = az * bx - ax * bz;
                double cz = ax * by - ay * bx;
                double n = Math.sqrt(cx * cx + cy * cy + cz * cz);
                if (n < 1e-9) {
                    cx = 0;
                    cy = j == 0 ? -1 : 1;
                    cz = 0;
                    n = 1;
                }
                nx[k] = (float) (cx / n);
                ny[k] = (float) (cy / n);
                nz[k] = (float) (cz / n);
            }
        }
    }

    /** How far the face's features stand out of the bare head at face coordinates (u, v). */
    double relief(double u, double v) {
        double au = Math.abs(u);
        if (au > 1.05 || v < -0.75) {
            return 0;
        }
        double d = 0;
        // nose: a ridge from the brows to the tip, widening, then the nostril wings
        if (v > -0.36 && v < 0.3 && au < 0.4) {
            double t = Math.min(1, (v + 0.36) / 0.48);
            double rise = v < 0.12 ? 0.06 + 0.27 * t * t : 0.33 * Math.max(0, 1 - (v - 0.12) / 0.12);
            double width = 0.06 + 0.07 * t * a.noseWidth() / 0.36;
            d += rise * Math.exp(-u * u / (2 * width * width));
            double wing = a.noseWidth() * 0.42;
            d += 0.09 * gauss(au - wing, v - 0.17, 0.05, 0.04);
        }
        // brow ridge, eye sockets, eyeballs
        d += (0.03 + 0.09 * look.browRidge()) * Math.exp(-Math.pow((v + 0.34) / 0.06, 2) / 2)
                * Math.max(0, 1 - au / 0.75);
        d -= 0.085 * gauss(au - 0.37, v + 0.2, 0.13, 0.085);
        d += 0.045 * gauss(au - 0.37, v + 0.2, 0.07, 0.045);
        // cheeks (lower with sag), lips, chin
        double sag = look.sag();
        d += (0.02 + 0.08 * look.cheekFullness()) * gauss(au - 0.45, v - 0.1 - sag * 0.06, 0.17, 0.13);
        double lip = a.lipFullness();
        d += (0.02 + lip * 0.4) * gauss(u, v - 0.47, 0.2, 0.04);
        d += (0.02 + lip * 0.45) * gauss(u, v - 0.58, 0.17, 0.045);
        d += 0.07 * gauss(u, v - 0.86, 0.16, 0.08);
        d -= 0.02 * gauss(u, v - 0.72, 0.2, 0.03);
        // jowls
        d += sag * 0.04 * gauss(au - 0.55, v - 0.72, 0.12, 0.1);
        return d;
    }

    private static double gauss(double x, double y, double sx, double sy) {
        double q = x * x / (sx * sx) + y * y / (sy * sy);
        return q > 12 ? 0 : Math.exp(-q / 2);
    }

    /** The front hairline's height in face coordinates at {@code u} (receded by {@code hairline}, M-shaped). */
    double hairlineV(double u) {
        double au = Math.abs(u);
        double recede = a.hairline();
        double temple = recede * 0.18 * Math.exp(-Math.pow((au - 0.45) / 0.15, 2));
        double v = -0.62 - recede * 0.2 - temple + 0.08 * au * au;
        if (a.hairStyle() == 5) {
            v = -1.5;
        }
        return v;
    }

    /** Whether the texture shows the scalp's hair colour at (u, v). */
    boolean hairBase(double u, double v) {
        double au = Math.abs(u);
        int style = a.hairStyle();
        if (style == 5) {
            return au > 0.74 && v > -0.8 && v < 0.02 - 0.1 * (1 - au);
        }
        if (v < hairlineV(u)) {
            return true;
        }
        return au > 0.8 && v < 0.05 - (1 - au) * 0.5;
    }
}
