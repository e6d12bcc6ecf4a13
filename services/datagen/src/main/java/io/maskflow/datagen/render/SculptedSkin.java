package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SculptedLook;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * The {@code sculpted} style's skin texture over face coordinates: albedo with value noise (uneven tone, pores),
 * freckles, blemishes and age spots, blush, the eyes, brows and lips, stubble and the scalp's hair colour; the
 * height map of the wrinkles (forehead lines, crow's feet, nasolabial folds, under the eyes) and of the pores; and
 * how glossy each place is.
 */
final class SculptedSkin {

    private SculptedSkin() {
    }

    static void paint(SculptedModel m) {
        Appearance a = m.a;
        SculptedLook look = m.look;
        long seed = a.textureSeed();
        Color skin = a.skin();
        Color hair = mix(a.hairColor(), SculptedHair.SILVER, look.greying() * 0.8);
        double ratio = m.ratio;
        double ew = a.eyeSize();
        double eh = ew * 0.36 / ratio;
        double mw = 0.26 * (1 + a.lipFullness());
        double lip = a.lipFullness();
        Color lipColor = look.makeup() > 0 ? Shading.tone(mix(a.lipColor(), look.makeupColor(), look.makeup() * 0.7),
                1) : a.lipColor();
        double[] spots = ageSpots(a, seed);
        double browPx = a.browThickness() / (a.faceWidth() * 384 * ratio);
        for (int j = 0; j < SculptedModel.TH; j++) {
            double v = SculptedModel.V0 + (j + 0.5) * SculptedModel.DV;
            for (int i = 0; i < SculptedModel.TW; i++) {
                double u = SculptedModel.U0 + (i + 0.5) * SculptedModel.DU;
                int k = j * SculptedModel.TW + i;
                double au = Math.abs(u);
                double n1 = noise(seed, u * 3.5, v * 3.5) - 0.5;
                double n2 = noise(seed + 1, u * 16, v * 16) - 0.5;
                double blotch = noise(seed + 2, u * 6, v * 6) - 0.5;
                double uneven = look.unevenness();
                double lum = 1 + uneven * 0.2 * n1 + 0.05 * n2;
                double r = skin.getRed() * lum + uneven * 26 * blotch;
                double g = skin.getGreen() * lum - uneven * 6 * blotch;
                double b = skin.getBlue() * lum - uneven * 4 * blotch;
                double h = n2 * 0.004 * (0.4 + look.wrinkles());
                double gl = 0.25 + 0.2 * Math.exp(-u * u / 0.02) * (v < 0.2 ? 1 : 0);
                // freckles and blemishes: one spot at most per small cell
                int ci = (int) Math.floor(u / 0.03);
                int cj = (int) Math.floor(v / 0.03);
                double cell = hash(seed + 3, ci, cj);
                double region = Math.exp(-(Math.pow(au - 0.25, 2) / 0.08 + Math.pow(v - 0.02, 2) / 0.06));
                if (cell < look.freckles() * 0.6 * region) {
                    double sx = (ci + 0.2 + 0.6 * hash(seed + 4, ci, cj)) * 0.03;
                    double sy = (cj + 0.2 + 0.6 * hash(seed + 5, ci, cj)) * 0.03;
                    double rad = 0.004 + 0.006 * hash(seed + 6, ci, cj);
                    if (dist(u - sx, (v - sy) * ratio) < rad) {
                        r *= 0.8;
                        g *= 0.74;
                        b *= 0.7;
                    }
                } else if (cell > 0.985 && au < 0.8 && v > -0.6) {
                    double sx = (ci + 0.5) * 0.03;
                    double sy = (cj + 0.5) * 0.03;
                    if (dist(u - sx, (v - sy) * ratio) < 0.008) {
                        r *= 1.02;
                        g *= 0.86;
                        b *= 0.86;
                    }
                }
                for (int s = 0; s < spots.length; s += 3) {
                    double d = dist(u - spots[s], (v - spots[s + 1]) * ratio);
                    if (d < spots[s + 2]) {
                        double f = 1 - 0.22 * (1 - d / spots[s + 2]);
                        r *= f;
                        g *= f * 0.96;
                        b *= f * 0.92;
                    }
                }
                // blush and make-up
                if (look.makeup() > 0) {
                    double blush = look.makeup() * 0.3 * gauss(au - 0.45, v - 0.12, 0.14, 0.1);
                    r += (look.makeupColor().getRed() - r) * blush;
                    g += (look.makeupColor().getGreen() - g) * blush;
                    b += (look.makeupColor().getBlue() - b) * blush;
                }
                // wrinkles as grooves
                double w = look.wrinkles();
                if (w > 0.05) {
                    double groove = wrinkles(u, v, au, ew, mw, a.noseWidth(), w, seed);
                    h -= groove * 0.02;
                    double f = 1 - 0.12 * groove;
                    r *= f;
                    g *= f;
                    b *= f;
                }
                // stubble: dark dots on the lower face, lips excepted
                if (look.stubble() > 0 && beard(u, v, au)) {
                    double shade = look.stubble() * 0.18;
                    r += (hair.getRed() * 0.6 - r) * shade;
                    g += (hair.getGreen() * 0.6 - g) * shade;
                    b += (hair.getBlue() * 0.7 + 10 - b) * shade;
                    if (hash(seed + 7, i, j) < look.stubble() * 0.45) {
                        double dot = 0.45 + 0.2 * hash(seed + 8, i, j);
                        r += (hair.getRed() * 0.5 - r) * dot;
                        g += (hair.getGreen() * 0.5 - g) * dot;
                        b += (hair.getBlue() * 0.5 - b) * dot;
                        h += 0.002;
                    }
                }
                // scalp under the strands
                if (m.hairBase(u, v)) {
                    double f = 0.55 + 0.25 * noise(seed + 9, u * 30, v * 8);
                    r = hair.getRed() * f;
                    g = hair.getGreen() * f;
                    b = hair.getBlue() * f;
                    gl = 0.15;
                }
                // brows
                double brow = brow(a, u, v, au, browPx);
                if (brow > 0) {
                    double f = brow * (0.7 + 0.3 * hash(seed + 10, i, j / 2));
                    Color bc = Shading.tone(hair, 0.7);
                    r += (bc.getRed() - r) * f;
                    g += (bc.getGreen() - g) * f;
                    b += (bc.getBlue() - b) * f;
                }
                // eyes
                double ex = au - 0.37;
                double ey = v + 0.2;
                if (Math.abs(ex) < ew * 0.75 && Math.abs(ey) < eh * 2.2) {
                    double[] c = eye(a, look, ex, ey, ew, eh, ratio, r, g, b);
                    r = c[0];
                    g = c[1];
                    b = c[2];
                    gl = c[3] > 0 ? 0.9 : gl;
                }
                // lips
                double mx = u;
                double my = v - 0.52;
                if (Math.abs(mx) < mw * 1.1 && Math.abs(my) < lip * 1.6) {
                    double t = Math.abs(mx) / mw;
                    double top = -lip * (0.85 + 0.15 * Math.min(1, Math.abs(mx) / (mw * 0.2))) * Math.sqrt(
                            Math.max(0, 1 - t * t));
                    double bottom = lip * 1.1 * Math.pow(Math.max(0, 1 - t * t), 0.6);
                    if (t < 1 && my > top && my < bottom) {
                        double edge = Math.min(my - top, bottom - my) / (lip * 0.25);
                        double f = Math.min(1, edge) * 0.9 + 0.1;
                        r += (lipColor.getRed() - r) * f;
                        g += (lipColor.getGreen() - g) * f;
                        b += (lipColor.getBlue() - b) * f;
                        gl = 0.6;
                        if (Math.abs(my) < lip * 0.09) {
                            r *= 0.55;
                            g *= 0.5;
                            b *= 0.5;
                            h -= 0.004;
                        }
                    }
                }
                m.albedo[k] = pack(r, g, b);
                m.height[k] = (float) h;
                m.gloss[k] = (float) gl;
            }
        }
    }

    private static boolean beard(double u, double v, double au) {
        if (v < 0.28 || v > 1.05) {
            return au > 0.72 && v > -0.1 && v < 0.4;
        }
        return au < 0.95 - (v - 0.28) * 0.3;
    }

    /** How much of the brow covers (u, v): 0 .. 1. */
    private static double brow(Appearance a, double u, double v, double au, double thickness) {
        if (au < 0.09 || au > 0.68 || v < -0.56 || v > -0.25) {
            return 0;
        }
        double k = (au - 0.12) / 0.125;
        double lift = a.browArch() * 0.07 * Math.sin(Math.PI * (Math.max(0, Math.min(4, k)) + 0.5) / 5);
        double centre = -0.37 - lift - (a.browArch() - 0.4) * 0.02;
        double along = Math.max(0, Math.min(1, (au - 0.1) / 0.55));
        double half = thickness * (1.1 - 0.6 * along);
        double d = Math.abs(v - centre + half * 0.3) - half;
        return d < 0 ? Math.min(1, -d / (half * 0.4) + 0.2) * 0.9 : 0;
    }

    /** One eye at offset (ex, ey) from its centre: colour and whether it is the eye (gloss). */
    private static double[] eye(Appearance a, SculptedLook look, double ex, double ey, double ew, double eh,
            double ratio, double r, double g, double b) {
        double t = ex / (ew * 0.5);
        double upper = -eh * 0.5 * Math.pow(Math.max(0, 1 - t * t), 0.7);
        double lower = eh * 0.45 * Math.pow(Math.max(0, 1 - t * t), 0.9);
        double inside = 0;
        if (Math.abs(t) < 1 && ey > upper && ey < lower) {
            double px = ex;
            double py = ey * ratio;
            double d = dist(px, py);
            double iris = ew * 0.2;
            Color c = a.eyeColor();
            if (d < iris * 0.42) {
                r = 18;
                g = 14;
                b = 14;
            } else if (d < iris) {
                double f = 0.8 + 0.35 * (1 - d / iris);
                r = c.getRed() * f;
                g = c.getGreen() * f;
                b = c.getBlue() * f;
            } else {
                double f = 0.86 - 0.2 * Math.abs(t);
                r = 236 * f;
                g = 230 * f;
                b = 224 * f;
            }
            inside = 1;
            if (ey - upper < eh * 0.14) {
                r *= 0.35;
                g *= 0.32;
                b *= 0.32;
            }
        } else if (Math.abs(t) < 1.15) {
            // lid crease and lashes above, shadow and eye shadow make-up around
            double lid = ey - upper;
            if (lid < 0 && lid > -eh * (0.2 + 0.1 * look.makeup())) {
                double f = 0.3 + 0.2 * (-lid / (eh * 0.3));
                r *= f;
                g *= f;
                b *= f;
            } else if (ey < 0 && ey > -eh * 1.4) {
                double f = 0.9;
                r *= f;
                g *= f;
                b *= f * 1.02;
                if (look.makeup() > 0) {
                    double m = look.makeup() * 0.35;
                    r += (look.makeupColor().getRed() * 0.6 - r) * m;
                    g += (look.makeupColor().getGreen() * 0.5 - g) * m;
                    b += (look.makeupColor().getBlue() * 0.7 - b) * m;
                }
            } else if (ey > 0 && ey < eh * 1.3) {
                double f = 0.93 - 0.05 * look.wrinkles();
                r *= f;
                g *= f;
                b *= f;
            }
        }
        return new double[] {r, g, b, inside};
    }

    /** Depth 0 .. 1 of the wrinkles at (u, v). */
    private static double wrinkles(double u, double v, double au, double ew, double mw, double noseWidth, double w,
            long seed) {
        double groove = 0;
        if (v > -0.78 && v < -0.44 && au < 0.65) {
            for (int k = 0; k < 4; k++) {
                double line = -0.5 - 0.065 * k + 0.012 * Math.sin(u * 7 + k * 1.7);
                double d = (v - line) / 0.007;
                groove += Math.exp(-d * d) * Math.max(0, 1 - au / 0.65) * (w - k * 0.12);
            }
        }
        double cx = au - (0.37 + ew * 0.55);
        double cy = v + 0.2;
        if (cx > 0 && cx < 0.16 && Math.abs(cy) < 0.12) {
            for (int k = -1; k <= 1; k++) {
                double dir = k * 0.45;
                double along = cx * Math.cos(dir) + cy * Math.sin(dir);
                double across = -cx * Math.sin(dir) + cy * Math.cos(dir);
                double d = across / 0.006;
                groove += Math.exp(-d * d) * Math.max(0, 1 - along / 0.14) * (w - 0.2);
            }
        }
        // nasolabial: from the nose wing to outside the mouth corner
        double sx = noseWidth * 0.45 + 0.04;
        double ex = mw + 0.06;
        if (v > 0.12 && v < 0.7 && au > sx - 0.05 && au < ex + 0.08) {
            double t = (v - 0.15) / 0.5;
            double line = sx + (ex - sx) * Math.sqrt(Math.max(0, t));
            double d = (au - line) / 0.012;
            groove += Math.exp(-d * d) * Math.max(0, Math.min(1, 1 - t * 0.8)) * (w * 1.1 - 0.05);
        }
        // under the eyes
        double uy = v + 0.2 - 0.1;
        double ux = au - 0.37;
        if (Math.abs(ux) < ew * 0.5 && Math.abs(uy) < 0.03) {
            double arc = uy - 0.03 * (1 - Math.pow(ux / (ew * 0.5), 2));
            groove += Math.exp(-Math.pow(arc / 0.008, 2)) * (w - 0.3);
        }
        return Math.max(0, Math.min(1.5, groove));
    }

    /** Age spots: (u, v, radius) triples. */
    private static double[] ageSpots(Appearance a, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        double[] spots = new double[a.ageSpots() * 3];
        for (int s = 0; s < a.ageSpots(); s++) {
            spots[3 * s] = (r.nextDouble() - 0.5) * 1.4;
            spots[3 * s + 1] = r.nextBoolean() ? -0.45 - r.nextDouble() * 0.2 : 0.0 + r.nextDouble() * 0.25;
            spots[3 * s + 2] = 0.015 + r.nextDouble() * 0.025;
        }
        return spots;
    }

    static Color mix(Color x, Color y, double t) {
        return new Color((int) (x.getRed() + (y.getRed() - x.getRed()) * t),
                (int) (x.getGreen() + (y.getGreen() - x.getGreen()) * t),
                (int) (x.getBlue() + (y.getBlue() - x.getBlue()) * t));
    }

    static double gauss(double x, double y, double sx, double sy) {
        double q = x * x / (sx * sx) + y * y / (sy * sy);
        return q > 12 ? 0 : Math.exp(-q / 2);
    }

    private static double dist(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    static int pack(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
    }

    /** A hash of a lattice point, in [0, 1). */
    static double hash(long seed, int x, int y) {
        long h = seed * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Value noise: the lattice's hashes, smoothly interpolated; [0, 1). */
    static double noise(long seed, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int ix = (int) fx;
        int iy = (int) fy;
        double tx = x - fx;
        double ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = hash(seed, ix, iy);
        double b = hash(seed, ix + 1, iy);
        double c = hash(seed, ix, iy + 1);
        double d = hash(seed, ix + 1, iy + 1);
        return a + (b - a) * tx + (c - a + (d - c - b + a) * tx) * ty;
    }
}
