package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SculptedLook;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The {@code sculpted} style's scene, drawn per pixel: defocused backgrounds (a blurred interior of value noise, a
 * tiled wall, a sky over a horizon, an office of soft shapes and lights), computed at a quarter of the size and
 * enlarged smoothly; the ears, neck and clothing (knit sweater, collared shirt, printed t-shirt, scarf, cardigan),
 * shaded by the photo's key light; earrings; and the hair strands.
 */
final class SculptedScene {

    private SculptedScene() {
    }

    static BufferedImage background(Appearance a, int width, int height) {
        int w = (width + 3) / 4 + 2;
        int h = (height + 3) / 4 + 2;
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        long seed = a.textureSeed() ^ 0x7F4A7C15L;
        Color ca = a.backgroundA();
        Color cb = a.backgroundB();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x / (double) w;
                double v = y / (double) h;
                double t;
                double shade = 1;
                switch (a.background()) {
                    case 0 -> {
                        t = SculptedSkin.noise(seed, u * 4, v * 4) * 0.7 + SculptedSkin.noise(seed + 1, u * 9, v * 9)
                                * 0.3;
                        shade = 0.75 + 0.35 * SculptedSkin.noise(seed + 2, u * 2, v * 2);
                    }
                    case 1 -> {
                        double tiles = 7 + (seed & 7);
                        double fx = u * tiles - Math.floor(u * tiles);
                        double fy = v * tiles * 1.33 - Math.floor(v * tiles * 1.33);
                        boolean grout = fx < 0.09 || fy < 0.09;
                        t = grout ? 1 : 0.15 * SculptedSkin.hash(seed, (int) (u * tiles), (int) (v * tiles * 1.33));
                        shade = grout ? 1.1 : 0.95 + 0.1 * (1 - fy);
                    }
                    case 2 -> {
                        double horizon = 0.55 + 0.1 * ((seed >> 4 & 15) / 15.0 - 0.5);
                        if (v < horizon) {
                            t = 0;
                            shade = 0.8 + 0.45 * v / horizon;
                            shade += 0.15 * (SculptedSkin.noise(seed + 3, u * 3, v * 6) - 0.5);
                        } else {
                            t = 1;
                            shade = 0.6 + 0.3 * SculptedSkin.noise(seed + 4, u * 10, v * 4);
                        }
                    }
                    default -> {
                        t = 0.25;
                        double window = Math.sin(u * 6 + (seed & 3)) > 0.6 && v < 0.5 ? 1 : 0;
                        shade = 0.85 + 0.35 * window;
                        double cx = u - 0.2 - 0.6 * SculptedSkin.hash(seed, 1, 1);
                        double cy = v - 0.7;
                        if (cx * cx * 4 + cy * cy * 9 < 0.05) {
                            t = 0.9;
                        }
                        for (int k = 0; k < 5; k++) {
                            double lx = SculptedSkin.hash(seed, k, 2);
                            double ly = SculptedSkin.hash(seed, k, 3) * 0.45;
                            double d = (u - lx) * (u - lx) + (v - ly) * (v - ly) * 0.56;
                            if (d < 0.003) {
                                shade += 0.5;
                            }
                        }
                    }
                }
                int k = y * w + x;
                Color sky = a.background() == 2 ? new Color(120, 160, 215) : ca;
                Color base = a.background() == 2 ? sky : ca;
                r[k] = (float) ((base.getRed() + (cb.getRed() - base.getRed()) * t) * shade);
                g[k] = (float) ((base.getGreen() + (cb.getGreen() - base.getGreen()) * t) * shade);
                b[k] = (float) ((base.getBlue() + (cb.getBlue() - base.getBlue()) * t) * shade);
            }
        }
        blur(r, w, h);
        blur(g, w, h);
        blur(b, w, h);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            double fy = y / 4.0;
            int iy = Math.min(h - 2, (int) fy);
            double ty = fy - iy;
            for (int x = 0; x < width; x++) {
                double fx = x / 4.0;
                int ix = Math.min(w - 2, (int) fx);
                double tx = fx - ix;
                int k = iy * w + ix;
                out[y * width + x] = SculptedSkin.pack(bilinear(r, k, w, tx, ty), bilinear(g, k, w, tx, ty),
                        bilinear(b, k, w, tx, ty));
            }
        }
        return image;
    }

    private static double bilinear(float[] c, int k, int w, double tx, double ty) {
        double top = c[k] + (c[k + 1] - c[k]) * tx;
        double bottom = c[k + w] + (c[k + w + 1] - c[k + w]) * tx;
        return top + (bottom - top) * ty;
    }

    /** Two passes of a [1 2 1] blur across and down. */
    private static void blur(float[] c, int w, int h) {
        float[] t = new float[c.length];
        for (int pass = 0; pass < 2; pass++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = y * w + x;
                    t[k] = (c[y * w + Math.max(0, x - 1)] + 2 * c[k] + c[y * w + Math.min(w - 1, x + 1)]) / 4;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = y * w + x;
                    c[k] = (t[Math.max(0, y - 1) * w + x] + 2 * t[k] + t[Math.min(h - 1, y + 1) * w + x]) / 4;
                }
            }
        }
    }

    /** The ears, behind the head (which covers what of them it hides). */
    static void ears(int[] pixels, int w, int h, SculptedModel m, SculptedRenderer.View view) {
        double[] p = new double[3];
        double[] s = new double[3];
        Color skin = m.a.skin();
        double theta = m.theta(-0.06 * m.ratio);
        for (int side = -1; side <= 1; side += 2) {
            m.scalp(side * Math.toRadians(93), theta, -0.02, p);
            view.project(p[0], p[1], p[2], s);
            // the ear faces sideways and a little back
            double ox = side * 0.95;
            double oz = -0.3;
            double facing = view.m20 * ox + view.m22 * oz;
            double width = view.scale * 0.17 * (0.25 + 0.75 * Math.max(0, facing + 0.35));
            double heightPx = view.scale * 0.27 * m.ratio;
            double light = 0.55 + 0.4 * Math.max(0, view.lx * ox * 0.8 + view.lz * 0.6);
            fillEllipse(pixels, w, h, s[0] + side * width * 0.4, s[1], width, heightPx, skin, light, true);
        }
    }

    private static void fillEllipse(int[] pixels, int w, int h, double cx, double cy, double rx, double ry, Color c,
            double light, boolean ear) {
        int x0 = Math.max(0, (int) (cx - rx - 1));
        int x1 = Math.min(w - 1, (int) (cx + rx + 1));
        int y0 = Math.max(0, (int) (cy - ry - 1));
        int y1 = Math.min(h - 1, (int) (cy + ry + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = (x + 0.5 - cx) / rx;
                double dy = (y + 0.5 - cy) / ry;
                double d = dx * dx + dy * dy;
                if (d > 1) {
                    continue;
                }
                double f = light * (0.8 + 0.2 * Math.sqrt(1 - d));
                if (ear && d < 0.35 && dy > -0.4) {
                    f *= 0.72;
                }
                pixels[y * w + x] = SculptedSkin.pack(c.getRed() * f, c.getGreen() * f, c.getBlue() * f);
            }
        }
    }

    /** Small studs or drops under the ear lobes, where the head does not hide them. */
    static void earrings(int[] pixels, int w, int h, float[] depth, SculptedModel m, SculptedRenderer.View view) {
        if (!m.a.earrings()) {
            return;
        }
        double[] p = new double[3];
        double[] s = new double[3];
        boolean gold = (m.a.textureSeed() & 1) == 0;
        Color c = gold ? new Color(222, 180, 80) : new Color(210, 212, 220);
        double theta = m.theta(0.2 * m.ratio);
        for (int side = -1; side <= 1; side += 2) {
            m.scalp(side * Math.toRadians(90), theta, 0.03, p);
            view.project(p[0], p[1], p[2], s);
            int x = (int) s[0];
            int y = (int) s[1];
            if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2) {
                continue;
            }
            if (depth[y * w + x] != SculptedRenderer.EMPTY && depth[y * w + x] > s[2] + 0.05) {
                continue;
            }
            double radius = Math.max(1.5, view.scale * 0.045);
            fillEllipse(pixels, w, h, s[0], s[1] + radius, radius, radius * 1.3, c, 1.05, false);
        }
    }

    /** Garment texture: extent and step in face units around the neck base. */
    static final double GX0 = -3.6;
    static final double GY0 = -0.7;
    static final double GSTEP = 0.04;
    static final int GW = 180;
    static final int GH = 130;
    /** A garment texel where the neck shows through the neckline. */
    static final int OPEN = -1;
    /** Flag of a garment texel painted even above the shoulder line (a scarf). */
    static final int WRAP = 0x1000000;

    /** The clothing of a person as a texture over face units from the neck base (see {@link #garment}). */
    static int[] garmentTexture(SculptedModel m) {
        Appearance a = m.a;
        int[] texture = new int[GW * GH];
        double neck = m.look.neckWidth();
        for (int j = 0; j < GH; j++) {
            double fy = GY0 + (j + 0.5) * GSTEP;
            for (int i = 0; i < GW; i++) {
                double fx = GX0 + (i + 0.5) * GSTEP;
                double[] c = garment(a.collar(), fx, fy, Math.abs(fx), neck, a.clothing(), m.look.accent(),
                        a.textureSeed());
                if (c == null) {
                    texture[j * GW + i] = OPEN;
                } else {
                    int packed = SculptedSkin.pack(c[0], c[1], c[2]);
                    texture[j * GW + i] = c.length > 3 ? packed | WRAP : packed;
                }
            }
        }
        return texture;
    }

    /** The neck and the clothing, shaded by the key light. */
    static void body(int[] pixels, int w, int h, SculptedModel m, SculptedRenderer.View view) {
        Appearance a = m.a;
        SculptedLook look = m.look;
        double s = view.scale;
        double[] p = new double[3];
        double[] q = new double[3];
        m.surface(0, 0.97, p);
        view.project(p[0], p[1], p[2], q);
        double chinY = q[1];
        view.project(0, 0.7 * m.ratio, -0.3, q);
        double neckX = q[0];
        double neckHalf = look.neckWidth() * s;
        double shoulders = view.cy + 1.24 * m.ratio * s;
        double torsoX = view.cx + (neckX - view.cx) * 0.4;
        double wide = 2.5 * s;
        Color skin = a.skin();
        int[] texture = m.garment();
        // per column: the shoulder line, the garment texel column and the light on the garment
        double[] edge = new double[w];
        int[] column = new int[w];
        double[] lit = new double[w];
        double[] litTop = new double[w];
        for (int x = 0; x < w; x++) {
            double fx = (x + 0.5 - torsoX) / s;
            double afx = Math.abs(fx);
            edge[x] = afx * s <= neckHalf ? -0.1 : -0.1 + 0.55 * Math.pow(Math.min(1,
                    (afx * s - neckHalf) / (wide - neckHalf)), 1.7) + Math.max(0, afx * s - wide) / s * 2;
            column[x] = (int) Math.floor((fx - GX0) / GSTEP);
            double nx = Math.max(-1, Math.min(1, fx / 2.8));
            lit[x] = light(view, nx, 0, Math.sqrt(Math.max(0.05, 1 - nx * nx)));
            litTop[x] = light(view, nx, -0.5, Math.sqrt(Math.max(0.05, 1 - nx * nx - 0.25)));
        }
        int top = Math.max(0, (int) (chinY - 0.6 * s));
        int sr = skin.getRed();
        int sg = skin.getGreen();
        int sb = skin.getBlue();
        for (int y = top; y < h; y++) {
            double fy = (y + 0.5 - shoulders) / s;
            int row = (int) Math.floor((fy - GY0) / GSTEP);
            boolean rowInside = row >= 0;
            int texRow = Math.min(GH - 1, Math.max(0, row)) * GW;
            double flare = neckHalf * (1 + 0.12 * Math.max(0, fy + 0.3));
            double under = Math.max(0, Math.min(1, (y - chinY) / (0.35 * s)));
            boolean neckRow = y > chinY - 0.6 * s;
            for (int x = 0; x < w; x++) {
                int k = y * w + x;
                int col = column[x];
                if (rowInside && col >= 0 && col < GW) {
                    int c = texture[texRow + col];
                    if (c != OPEN && (fy >= edge[x] || (c & WRAP) != 0)) {
                        double f = fy - edge[x] < 0.25 ? litTop[x] : lit[x];
                        pixels[k] = SculptedSkin.pack((c >> 16 & 0xff) * f, (c >> 8 & 0xff) * f, (c & 0xff) * f);
                        continue;
                    }
                }
                double dxNeck = (x + 0.5 - neckX) / flare;
                if (neckRow && dxNeck > -1 && dxNeck < 1) {
                    double nz = Math.sqrt(1 - dxNeck * dxNeck);
                    double f = light(view, dxNeck, 0, nz) * (0.55 + 0.45 * under);
                    pixels[k] = SculptedSkin.pack(sr * f, sg * f * 0.98, sb * f * 0.97);
                }
            }
        }
    }

    private static double light(SculptedRenderer.View view, double nx, double ny, double nz) {
        double dot = nx * view.lx + ny * view.ly + nz * view.lz;
        return 0.38 + 0.7 * Math.max(0, dot);
    }

    /** The garment's colour at (fx, fy) face units from the neck base, or null where the neck shows. */
    private static double[] garment(int type, double fx, double fy, double afx, double neck, Color cloth,
            Color accent, long seed) {
        double r = cloth.getRed();
        double g = cloth.getGreen();
        double b = cloth.getBlue();
        double open = neck * 1.05;
        double rim = afx < open ? 0.2 * Math.sqrt(1 - Math.pow(afx / open, 2)) - 0.1 : -1;
        switch (type) {
            case 0 -> {
                if (fy < rim) {
                    return null;
                }
                double rib = 0.86 + 0.14 * Math.abs(Math.sin(fx * 38));
                double stitch = 0.94 + 0.06 * Math.sin(fy * 40 + Math.abs(Math.sin(fx * 19)) * 4);
                double f = rib * stitch;
                if (fy < rim + 0.14) {
                    f = 0.8 + 0.2 * Math.abs(Math.sin(fx * 30 / (0.4 + fy)));
                    return new double[] {r * f, g * f, b * f, 1};
                }
                return new double[] {r * f, g * f, b * f};
            }
            case 1 -> {
                double v = 0.22 * Math.max(0, 1 - fy / 0.6);
                if (afx < v && fy < 0.6 && fy > -0.1) {
                    return null;
                }
                if (fy < rim + 0.02) {
                    return null;
                }
                double f = 1.05;
                boolean collar = fy < 0.35 && afx < open + 0.32 - fy * 0.4 && afx > v;
                if (collar) {
                    f = 1.2;
                    if (Math.abs(afx - (open + 0.32 - fy * 0.4)) < 0.02) {
                        f = 0.7;
                    }
                }
                if (afx < 0.025 && fy > 0.6) {
                    f = 0.85;
                }
                for (int k = 0; k < 4; k++) {
                    double by = 0.85 + 0.4 * k;
                    if (fx * fx + (fy - by) * (fy - by) < 0.0012) {
                        return new double[] {230, 228, 220};
                    }
                }
                return new double[] {Math.min(255, r * f + 20), Math.min(255, g * f + 20), Math.min(255, b * f + 20)};
            }
            case 2 -> {
                if (fy < rim) {
                    return null;
                }
                if (fy < rim + 0.06) {
                    return new double[] {r * 0.8, g * 0.8, b * 0.8};
                }
                double px = fx;
                double py = fy - 1.1;
                int kind = (int) (seed >>> 60 & 3);
                boolean print = switch (kind) {
                    case 0 -> px * px + py * py < 0.12;
                    case 1 -> Math.abs(py) < 0.3 && afx < 0.5 && Math.sin(py * 30) > 0;
                    case 2 -> afx < 0.45 && Math.abs(py) < 0.12;
                    default -> Math.abs(px) + Math.abs(py) < 0.4;
                };
                return print ? new double[] {accent.getRed(), accent.getGreen(), accent.getBlue()}
                        : new double[] {r, g, b};
            }
            case 3 -> {
                double wrap = 0.38 - 0.25 * Math.pow(Math.min(1, afx / (open + 0.55)), 2);
                boolean scarf = (fy > -0.42 + 0.1 * Math.pow(afx / (open + 0.55), 2) && fy < wrap
                        && afx < open + 0.55) || (fx > -0.05 + fy * 0.05 && fx < 0.55 + fy * 0.08 && fy >= 0.2
                        && fy < 1.6);
                if (scarf) {
                    double check = (Math.sin(fx * 22) > 0) ^ (Math.sin(fy * 22) > 0) ? 0.8 : 1.05;
                    double fold = 0.85 + 0.15 * Math.abs(Math.sin(fy * 9 + fx * 3));
                    return new double[] {accent.getRed() * check * fold, accent.getGreen() * check * fold,
                            accent.getBlue() * check * fold, 1};
                }
                if (fy < rim) {
                    return null;
                }
                double f = 0.75;
                return new double[] {r * f, g * f, b * f};
            }
            default -> {
                double edge = 0.14 + Math.max(0, fy) * 0.3;
                if (afx < edge && fy > -0.05) {
                    if (fy < rim + 0.05) {
                        return null;
                    }
                    return new double[] {accent.getRed(), accent.getGreen(), accent.getBlue()};
                }
                if (fy < rim) {
                    return null;
                }
                if (Math.abs(afx - edge) < 0.035) {
                    double f = 0.8;
                    boolean button = fx < 0 && ((fy + 10) % 0.45) < 0.06;
                    return button ? new double[] {60, 50, 45} : new double[] {r * f, g * f, b * f};
                }
                double f = 0.9 + 0.1 * Math.abs(Math.sin(fx * 45));
                return new double[] {r * f, g * f, b * f};
            }
        }
    }

    /** Draws the hair strands ({@code behind}: the ones hanging behind the neck), hidden where the head is in front. */
    static void strands(int[] pixels, int w, int h, float[] depth, SculptedModel m, SculptedRenderer.View view,
            boolean behind) {
        SculptedHair hair = m.hair;
        float[] pts = hair.points();
        double[] s = new double[3];
        double[] prev = new double[3];
        for (int k = 0; k < hair.count(); k++) {
            if (hair.behind(k) != behind) {
                continue;
            }
            int from = hair.from(k);
            int to = hair.to(k);
            // shade by the strand root's direction from the head's centre
            double ox = pts[3 * from];
            double oy = pts[3 * from + 1] / m.ratio;
            double oz = pts[3 * from + 2];
            double on = Math.sqrt(ox * ox + oy * oy + oz * oz) + 1e-6;
            double rx = (view.m00 * ox + view.m01 * oy + view.m02 * oz) / on;
            double ry = (view.m10 * ox + view.m11 * oy + view.m12 * oz) / on;
            double rz = (view.m20 * ox + view.m21 * oy + view.m22 * oz) / on;
            double f = 0.55 + 0.6 * Math.max(0, rx * view.lx + ry * view.ly + rz * view.lz);
            if (behind) {
                f *= 0.7;
            }
            int c = hair.color(k);
            int cr = SculptedSkin.clamp((c >> 16 & 0xff) * f);
            int cg = SculptedSkin.clamp((c >> 8 & 0xff) * f);
            int cb = SculptedSkin.clamp((c & 0xff) * f);
            int alpha = hair.alpha(k);
            view.project(pts[3 * from], pts[3 * from + 1], pts[3 * from + 2], prev);
            for (int q = from + 1; q < to; q++) {
                view.project(pts[3 * q], pts[3 * q + 1], pts[3 * q + 2], s);
                segment(pixels, w, h, depth, prev, s, cr, cg, cb, alpha, behind, hair.wide(k));
                prev[0] = s[0];
                prev[1] = s[1];
                prev[2] = s[2];
            }
        }
    }

    private static void segment(int[] pixels, int w, int h, float[] depth, double[] a, double[] b, int cr, int cg,
            int cb, int alpha, boolean behind, boolean wide) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        if (steps == 0) {
            steps = 1;
        }
        double sx = dx / steps;
        double sy = dy / steps;
        double sz = (b[2] - a[2]) / steps;
        double fx = a[0];
        double fy = a[1];
        double fz = a[2];
        int inv = 256 - alpha;
        for (int i = 0; i <= steps; i++, fx += sx, fy += sy, fz += sz) {
            int x = (int) fx;
            int y = (int) fy;
            if (x < 0 || y < 0 || x >= w || y >= h) {
                continue;
            }
            int k = y * w + x;
            if (!behind) {
                float d = depth[k];
                if (d != SculptedRenderer.EMPTY && fz < d - 0.02) {
                    continue;
                }
            }
            blend(pixels, k, cr, cg, cb, alpha, inv);
            if (wide && x + 1 < w && (behind || depth[k + 1] == SculptedRenderer.EMPTY || fz >= depth[k + 1] - 0.02)) {
                blend(pixels, k + 1, cr, cg, cb, alpha >> 1, 256 - (alpha >> 1));
            }
        }
    }

    private static void blend(int[] pixels, int k, int cr, int cg, int cb, int alpha, int inv) {
        int p = pixels[k];
        int r = ((p >> 16 & 0xff) * inv + cr * alpha) >> 8;
        int g = ((p >> 8 & 0xff) * inv + cg * alpha) >> 8;
        int bl = ((p & 0xff) * inv + cb * alpha) >> 8;
        pixels[k] = r << 16 | g << 8 | bl;
    }
}
