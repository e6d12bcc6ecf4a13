package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The {@code sculpted} style's drawing: the head of {@link SculptedModel} turned in 3D (yaw, pitch, roll), seen
 * through a weak perspective, rasterised as triangles into a depth buffer with per-pixel normals and texture
 * coordinates, then shaded per pixel (Lambert with a little wrap, a soft Blinn specular from a key light, an
 * ambient fill, darker towards the outline) over the skin texture of {@link SculptedSkin}, its wrinkles bending the
 * normals. Hair is strands ({@link SculptedHair}) hidden where the head is in front of them; the neck, clothing and
 * background are in {@link SculptedScene}. Everything is drawn on the image's int raster, no Java 2D paints.
 */
final class SculptedRenderer {

    static final float EMPTY = -1e9f;
    private static final ThreadLocal<SculptedModel> LAST = new ThreadLocal<>();
    private static final ThreadLocal<Buffers> BUFFERS = new ThreadLocal<>();

    /** The per-pixel attributes of the rasterised head. */
    static final class Buffers {
        final float[] z;
        final float[] nx;
        final float[] ny;
        final float[] nz;
        final float[] u;
        final float[] v;

        Buffers(int n) {
            z = new float[n];
            nx = new float[n];
            ny = new float[n];
            nz = new float[n];
            u = new float[n];
            v = new float[n];
        }
    }

    /** The model of a person, kept while the same appearance is drawn (its seven photos). */
    static SculptedModel model(Appearance a) {
        SculptedModel m = LAST.get();
        if (m == null || m.a != a) {
            m = new SculptedModel(a);
            LAST.set(m);
        }
        return m;
    }

    /** One photo's view of the head: rotation, weak perspective, placement, and the key light. */
    static final class View {
        private static final double F = 10;
        final double scale;
        final double cx;
        final double cy;
        final double m00;
        final double m01;
        final double m02;
        final double m10;
        final double m11;
        final double m12;
        final double m20;
        final double m21;
        final double m22;
        final double yaw;
        /** Key light direction towards the light, camera frame (x right, y down, z to the viewer). */
        final double lx;
        final double ly;
        final double lz;
        final double strength;

        View(Appearance a, Pose pose, int width, int height) {
            scale = a.faceWidth() * width * pose.scale();
            cx = width * (0.5 + pose.dx());
            cy = height * (0.42 + pose.dy());
            yaw = Math.toRadians(pose.yaw());
            double p = Math.toRadians(pose.pitch());
            double r = Math.toRadians(pose.roll());
            double cyw = Math.cos(yaw);
            double syw = Math.sin(yaw);
            double cp = Math.cos(p);
            double sp = Math.sin(p);
            double cr = Math.cos(r);
            double sr = Math.sin(r);
            // Rx(pitch) * Ry(yaw)
            double a00 = cyw;
            double a01 = 0;
            double a02 = syw;
            double a10 = -sp * -syw;
            double a11 = cp;
            double a12 = -sp * cyw;
            double a20 = cp * -syw;
            double a21 = sp;
            double a22 = cp * cyw;
            // Rz(roll) * that
            m00 = cr * a00 - sr * a10;
            m01 = cr * a01 - sr * a11;
            m02 = cr * a02 - sr * a12;
            m10 = sr * a00 + cr * a10;
            m11 = sr * a01 + cr * a11;
            m12 = sr * a02 + cr * a12;
            m20 = a20;
            m21 = a21;
            m22 = a22;
            double angle = Math.toRadians(pose.lightAngle());
            strength = pose.lightStrength();
            double x = Math.cos(angle) * (0.25 + 0.75 * strength);
            double y = -0.5 + 0.25 * Math.sin(angle);
            double z = 0.9 - 0.35 * strength;
            double n = Math.sqrt(x * x + y * y + z * z);
            lx = x / n;
            ly = y / n;
            lz = z / n;
        }

        /** Model point to (screen x, screen y, depth) in {@code out}. */
        void project(double x, double y, double z, double[] out) {
            double rx = m00 * x + m01 * y + m02 * z;
            double ry = m10 * x + m11 * y + m12 * z;
            double rz = m20 * x + m21 * y + m22 * z;
            double f = (F - 1) / (F - rz) * scale;
            out[0] = cx + rx * f;
            out[1] = cy + ry * f;
            out[2] = rz;
        }
    }

    /** Where the 68 landmarks fall in this photo, without drawing. */
    static FaceGeometry geometry(Appearance a, Pose pose, int width, int height) {
        return landmarks(model(a), new View(a, pose, width, height));
    }

    private static FaceGeometry landmarks(SculptedModel m, View view) {
        Appearance a = m.a;
        FaceGeometry g = new FaceGeometry(view.scale, view.scale * m.ratio, Pose.FRONT, 0, 0);
        double[] p = new double[3];
        double[] s = new double[3];
        // jaw: at each height the head's visible outline on that side, a little inside it
        for (int i = 0; i <= 16; i++) {
            double v = -0.1 + 1.07 * Math.sin(Math.PI * i / 16);
            double theta = Math.min(SculptedModel.THETA_MAX - 0.02, m.theta(v * m.ratio));
            if (i == 8) {
                m.surface(0, v, p);
                view.project(p[0], p[1], p[2], s);
                g.set(i, s[0], s[1] - 1.5);
                continue;
            }
            int side = i < 8 ? -1 : 1;
            double best = -1e9;
            double bestPhi = 0;
            for (int step = 0; step <= 46; step++) {
                double phi = side * Math.toRadians(step * 2);
                jawPoint(m, phi, theta, p);
                view.project(p[0], p[1], p[2], s);
                double out = side * (s[0] - view.cx);
                if (out > best) {
                    best = out;
                    bestPhi = phi;
                }
            }
            jawPoint(m, bestPhi - side * Math.toRadians(5), theta, p);
            view.project(p[0], p[1], p[2], s);
            g.set(i, s[0], s[1]);
        }
        double arch = a.browArch();
        for (int k = 0; k < 5; k++) {
            double x = 0.12 + 0.5 * k / 4;
            double lift = arch * 0.07 * Math.sin(Math.PI * (k + 0.5) / 5);
            double y = -0.37 - lift - (arch - 0.4) * 0.02;
            point(g, m, view, 21 - k, -x, y, p, s);
            point(g, m, view, 22 + k, x, y, p, s);
        }
        for (int k = 0; k < 4; k++) {
            point(g, m, view, 27 + k, 0, -0.28 + 0.133 * k, p, s);
        }
        double nw = a.noseWidth();
        for (int k = 0; k < 5; k++) {
            point(g, m, view, 31 + k, (k - 2) / 2.0 * nw * 0.5, 0.2 - (Math.abs(k - 2) == 2 ? 0.03 : 0), p, s);
        }
        double ew = a.eyeSize();
        double eh = ew * 0.36 / m.ratio;
        double[][] unit = {{-0.5, 0}, {-0.2, -0.5}, {0.2, -0.5}, {0.5, 0}, {0.2, 0.45}, {-0.2, 0.45}};
        for (int k = 0; k < 6; k++) {
            point(g, m, view, 36 + k, -0.37 + unit[k][0] * ew, -0.2 + unit[k][1] * eh, p, s);
            point(g, m, view, 42 + k, 0.37 + unit[k][0] * ew, -0.2 + unit[k][1] * eh, p, s);
        }
        double mw = 0.26 * (1 + a.lipFullness());
        double lip = a.lipFullness();
        double[][] outer = {{-1, 0}, {-0.6, -0.8}, {-0.2, -1}, {0, -0.85}, {0.2, -1}, {0.6, -0.8}, {1, 0},
            {0.6, 0.9}, {0.2, 1.1}, {0, 1.12}, {-0.2, 1.1}, {-0.6, 0.9}};
        for (int k = 0; k < 12; k++) {
            point(g, m, view, 48 + k, outer[k][0] * mw, 0.52 + outer[k][1] * lip, p, s);
        }
        double[][] inner = {{-0.85, 0}, {-0.3, -0.15}, {0, -0.12}, {0.3, -0.15}, {0.85, 0}, {0.3, 0.15},
            {0, 0.17}, {-0.3, 0.15}};
        for (int k = 0; k < 8; k++) {
            point(g, m, view, 60 + k, inner[k][0] * mw, 0.52 + inner[k][1] * lip, p, s);
        }
        return g;
    }

    private static void jawPoint(SculptedModel m, double phi, double theta, double[] p) {
        double r = m.radius(theta);
        double c = Math.cos(phi);
        p[0] = r * Math.sin(phi);
        p[1] = m.y(theta);
        p[2] = m.depthAt(theta) * c + m.relief(p[0], p[1] / m.ratio) * c * c;
    }

    private static void point(FaceGeometry g, SculptedModel m, View view, int i, double u, double v, double[] p,
            double[] s) {
        m.surface(u, v, p);
        view.project(p[0], p[1], p[2], s);
        g.set(i, s[0], s[1]);
    }

    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the sculpted style draws on TYPE_INT_RGB images");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        SculptedModel m = model(a);
        View view = new View(a, pose, w, h);
        Buffers b = BUFFERS.get();
        if (b == null || b.z.length < w * h) {
            b = new Buffers(w * h);
            BUFFERS.set(b);
        }
        java.util.Arrays.fill(b.z, 0, w * h, EMPTY);
        SculptedScene.strands(pixels, w, h, b.z, m, view, true);
        SculptedScene.ears(pixels, w, h, m, view);
        SculptedScene.body(pixels, w, h, m, view);
        int[] box = raster(m, view, b, w, h);
        shade(pixels, w, m, view, b, box);
        SculptedScene.strands(pixels, w, h, b.z, m, view, false);
        SculptedScene.earrings(pixels, w, h, b.z, m, view);
        return landmarks(m, view);
    }

    /** Projects the mesh and rasterises its front-facing triangles; returns the bounding box drawn. */
    private static int[] raster(SculptedModel m, View view, Buffers b, int w, int h) {
        int n = m.px.length;
        float[] sx = new float[n];
        float[] sy = new float[n];
        float[] sz = new float[n];
        float[] rx = new float[n];
        float[] ry = new float[n];
        float[] rz = new float[n];
        double[] s = new double[3];
        for (int k = 0; k < n; k++) {
            view.project(m.px[k], m.py[k], m.pz[k], s);
            sx[k] = (float) s[0];
            sy[k] = (float) s[1];
            sz[k] = (float) s[2];
            rx[k] = (float) (view.m00 * m.nx[k] + view.m01 * m.ny[k] + view.m02 * m.nz[k]);
            ry[k] = (float) (view.m10 * m.nx[k] + view.m11 * m.ny[k] + view.m12 * m.nz[k]);
            rz[k] = (float) (view.m20 * m.nx[k] + view.m21 * m.ny[k] + view.m22 * m.nz[k]);
        }
        int[] box = {w, h, -1, -1};
        int row = SculptedModel.NU + 1;
        int[] t = new int[3];
        for (int j = 0; j < SculptedModel.NV; j++) {
            for (int i = 0; i < SculptedModel.NU; i++) {
                int k = j * row + i;
                t[0] = k;
                t[1] = k + 1;
                t[2] = k + row + 1;
                triangle(m, b, w, h, sx, sy, sz, rx, ry, rz, t, box);
                t[1] = k + row + 1;
                t[2] = k + row;
                triangle(m, b, w, h, sx, sy, sz, rx, ry, rz, t, box);
            }
        }
        return box;
    }

    private static void triangle(SculptedModel m, Buffers b, int w, int h, float[] sx, float[] sy, float[] sz,
            float[] rx, float[] ry, float[] rz, int[] t, int[] box) {
        int i0 = t[0];
        int i1 = t[1];
        int i2 = t[2];
        float x0 = sx[i0];
        float y0 = sy[i0];
        float x1 = sx[i1];
        float y1 = sy[i1];
        float x2 = sx[i2];
        float y2 = sy[i2];
        float area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
        if (area <= 1e-6f) {
            return;
        }
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
        int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
        int maxY = Math.min(h - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
        if (minX > maxX || minY > maxY) {
            return;
        }
        box[0] = Math.min(box[0], minX);
        box[1] = Math.min(box[1], minY);
        box[2] = Math.max(box[2], maxX);
        box[3] = Math.max(box[3], maxY);
        float inv = 1 / area;
        // the barycentric weights are linear in x: step them along each row
        float d0 = -(y2 - y1) * inv;
        float d1 = -(y0 - y2) * inv;
        float z0 = sz[i0];
        float z1 = sz[i1];
        float z2 = sz[i2];
        for (int y = minY; y <= maxY; y++) {
            float py = y + 0.5f;
            float px = minX + 0.5f;
            float w0 = ((x2 - x1) * (py - y1) - (y2 - y1) * (px - x1)) * inv;
            float w1 = ((x0 - x2) * (py - y2) - (y0 - y2) * (px - x2)) * inv;
            int row = y * w;
            for (int x = minX; x <= maxX; x++, w0 += d0, w1 += d1) {
                float w2 = 1 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0) {
                    continue;
                }
                float z = w0 * z0 + w1 * z1 + w2 * z2;
                int k = row + x;
                if (z <= b.z[k]) {
                    continue;
                }
                b.z[k] = z;
                b.nx[k] = w0 * rx[i0] + w1 * rx[i1] + w2 * rx[i2];
                b.ny[k] = w0 * ry[i0] + w1 * ry[i1] + w2 * ry[i2];
                b.nz[k] = w0 * rz[i0] + w1 * rz[i1] + w2 * rz[i2];
                b.u[k] = w0 * m.tu[i0] + w1 * m.tu[i1] + w2 * m.tu[i2];
                b.v[k] = w0 * m.tv[i0] + w1 * m.tv[i1] + w2 * m.tv[i2];
            }
        }
    }

    /** Per-pixel light over the rasterised head. */
    private static void shade(int[] pixels, int w, SculptedModel m, View view, Buffers b, int[] box) {
        double warm = m.look.keyWarmth();
        double keyR = 1.02 + 0.1 * warm;
        double keyG = 1.0 + 0.01 * warm;
        double keyB = 0.98 - 0.1 * warm;
        double ambient = 0.3 + 0.22 * (1 - view.strength);
        double hx = view.lx;
        double hy = view.ly;
        double hz = view.lz + 1;
        double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
        hx /= hn;
        hy /= hn;
        hz /= hn;
        double specular = 70 * (0.4 + 0.6 * view.strength);
        int tw = SculptedModel.TW;
        int th = SculptedModel.TH;
        double bump = 0.45;
        double invDu = 1 / SculptedModel.DU;
        double invDv = 1 / SculptedModel.DV;
        double du = bump / (2 * SculptedModel.DU);
        double dv = bump / (2 * SculptedModel.DV * m.ratio);
        for (int y = box[1]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[2]; x++) {
                int k = y * w + x;
                if (b.z[k] == EMPTY) {
                    continue;
                }
                double fu = (b.u[k] - SculptedModel.U0) * invDu - 0.5;
                double fv = (b.v[k] - SculptedModel.V0) * invDv - 0.5;
                int iu = Math.max(1, Math.min(tw - 3, (int) fu));
                int iv = Math.max(1, Math.min(th - 3, (int) fv));
                double tu = Math.max(0, Math.min(1, fu - iu));
                double tv = Math.max(0, Math.min(1, fv - iv));
                int t = iv * tw + iu;
                int c00 = m.albedo[t];
                int c10 = m.albedo[t + 1];
                int c01 = m.albedo[t + tw];
                int c11 = m.albedo[t + tw + 1];
                double ar = lerp2(c00 >> 16 & 0xff, c10 >> 16 & 0xff, c01 >> 16 & 0xff, c11 >> 16 & 0xff, tu, tv);
                double ag = lerp2(c00 >> 8 & 0xff, c10 >> 8 & 0xff, c01 >> 8 & 0xff, c11 >> 8 & 0xff, tu, tv);
                double ab = lerp2(c00 & 0xff, c10 & 0xff, c01 & 0xff, c11 & 0xff, tu, tv);
                double dhu = (m.height[t + 1] - m.height[t - 1]) * du;
                double dhv = (m.height[t + tw] - m.height[t - tw]) * dv;
                double nx = b.nx[k] - (view.m00 * dhu + view.m01 * dhv);
                double ny = b.ny[k] - (view.m10 * dhu + view.m11 * dhv);
                double nz = b.nz[k] - (view.m20 * dhu + view.m21 * dhv);
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 1e-6) {
                    nx /= len;
                    ny /= len;
                    nz /= len;
                }
                double dot = nx * view.lx + ny * view.ly + nz * view.lz;
                double diffuse = Math.max(0, (dot + 0.15) / 1.15);
                double nh = Math.max(0, nx * hx + ny * hy + nz * hz);
                nh *= nh;
                nh *= nh;
                nh *= nh;
                nh *= nh;
                nh *= nh;
                double spec = nh * m.gloss[t] * specular;
                double ao = 0.62 + 0.38 * Math.max(0, nz);
                double light = (ambient + diffuse * 0.85) * ao;
                double scatter = diffuse * (1 - diffuse) * 0.35;
                double r = ar * (light * keyR + scatter) + spec;
                double g = ag * light * keyG + spec;
                double bl = ab * light * keyB * 0.98 + spec;
                pixels[k] = SculptedSkin.pack(r, g, bl);
            }
        }
    }

    private static double lerp2(int a, int b, int c, int d, double tu, double tv) {
        double top = a + (b - a) * tu;
        double bottom = c + (d - c) * tu;
        return top + (bottom - top) * tv;
    }
}
