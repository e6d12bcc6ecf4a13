package io.maskflow.datagen.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Brush dabs painted straight into an image's int raster, for the {@code painted} style: each dab is an oriented
 * ellipse of semi-transparent paint whose opacity falls off towards its rim (how fast: its hardness) and varies
 * across it in bristle streaks (a dab leaves lines of more and less paint along its length). Thousands of dabs cost
 * a few milliseconds, far less than as many antialiased shapes drawn through Java 2D.
 */
final class Brush {

    /** Bristle patterns: eight bits across a dab, a set bit a line of full paint, a clear one of thinner paint. */
    private static final int[] BRISTLES = {0xb5, 0x6d, 0xdb, 0x5b, 0xad, 0xf6, 0x77, 0xbd};

    private final int[] pixels;
    private final int width;
    private final int height;

    Brush(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("the painted style paints on TYPE_INT_RGB images");
        }
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        width = image.getWidth();
        height = image.getHeight();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The colour at a pixel, clamped into the image. */
    int at(double x, double y) {
        int px = Math.max(0, Math.min(width - 1, (int) x));
        int py = Math.max(0, Math.min(height - 1, (int) y));
        return pixels[py * width + px] & 0xffffff;
    }

    /**
     * One dab centred at ({@code x}, {@code y}) in image pixels: {@code length} and {@code breadth} are its half-axes,
     * along and across {@code angle} (radians); {@code opacity} 0 .. 1 at its centre; {@code hardness} 0 (soft all
     * the way) .. 0.95 (a solid disc with a soft rim); {@code bristles} picks the streak pattern (negative: none).
     */
    void dab(double x, double y, double angle, double length, double breadth, int rgb, double opacity,
            double hardness, int bristles) {
        double c0 = Math.cos(angle);
        double s0 = Math.sin(angle);
        // the rotated ellipse's bounding box
        double reachX = Math.sqrt(length * length * c0 * c0 + breadth * breadth * s0 * s0) + 1;
        double reachY = Math.sqrt(length * length * s0 * s0 + breadth * breadth * c0 * c0) + 1;
        int x0 = Math.max(0, (int) (x - reachX));
        int x1 = Math.min(width - 1, (int) (x + reachX));
        int y0 = Math.max(0, (int) (y - reachY));
        int y1 = Math.min(height - 1, (int) (y + reachY));
        if (x0 > x1 || y0 > y1 || opacity <= 0) {
            return;
        }
        float cos = (float) c0;
        float sin = (float) s0;
        float ia = (float) (1 / Math.max(0.5, length));
        float ib = (float) (1 / Math.max(0.5, breadth));
        float soft = (float) (1 / Math.max(0.05, 1 - hardness));
        float full = (float) (opacity * 256);
        int pattern = bristles < 0 ? 0xff : BRISTLES[bristles & 7];
        int rb = rgb & 0xff00ff;
        int g = rgb & 0xff00;
        // u and v step by these per pixel along a row
        float ux = cos * ia;
        float vx = -sin * ib;
        for (int py = y0; py <= y1; py++) {
            float dy = (float) (py + 0.5 - y);
            float dx0 = (float) (x0 + 0.5 - x);
            float u = (dx0 * cos + dy * sin) * ia;
            float v = (dy * cos - dx0 * sin) * ib;
            int row = py * width;
            for (int px = x0; px <= x1; px++, u += ux, v += vx) {
                float d = u * u + v * v;
                if (d >= 1) {
                    continue;
                }
                float edge = (1 - d) * soft;
                int lane = (int) ((v + 1) * 4);
                float streak = (pattern >> (lane & 7) & 1) != 0 ? 1f : 0.55f;
                int a = (int) (full * (edge > 1 ? 1 : edge) * streak);
                if (a <= 0) {
                    continue;
                }
                int p = pixels[row + px];
                int prb = p & 0xff00ff;
                int pg = p & 0xff00;
                int orb = (rb * a + prb * (256 - a)) >>> 8 & 0xff00ff;
                int og = (g * a + pg * (256 - a)) >>> 8 & 0xff00;
                pixels[row + px] = orb | og;
            }
        }
    }

    /** A packed colour from channels, each clamped to 0 .. 255. */
    static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    /** {@code c} mixed towards {@code d} by {@code t}. */
    static int mix(int c, int d, double t) {
        return rgb((c >> 16 & 0xff) + ((d >> 16 & 0xff) - (c >> 16 & 0xff)) * t,
                (c >> 8 & 0xff) + ((d >> 8 & 0xff) - (c >> 8 & 0xff)) * t,
                (c & 0xff) + ((d & 0xff) - (c & 0xff)) * t);
    }

    /** {@code c} with each channel times {@code f}. */
    static int scale(int c, double f) {
        return rgb((c >> 16 & 0xff) * f, (c >> 8 & 0xff) * f, (c & 0xff) * f);
    }

    private static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
    }
}
