package io.maskflow.datagen.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pen work of the {@code inked} style: lines whose weight swells on the shadow side, hatching, cel tones. */
final class Ink {

    /** Hatching tiles by spacing, direction, line width and ink. */
    private static final Map<Long, TexturePaint> HATCHES = new ConcurrentHashMap<>();

    private Ink() {
    }

    static BasicStroke pen(double width) {
        return new BasicStroke((float) Math.max(0.5, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * An inked line: the stroke, and a second, slightly thinner one shifted towards the side away from the light
     * and down, so the line is heavier where a shadow would fall (as an inker varies the weight of a brush line).
     */
    static void line(Graphics2D g, Shape s, double width, Color ink, int lightSide) {
        g.setColor(ink);
        g.setStroke(pen(width));
        g.draw(s);
        AffineTransform saved = g.getTransform();
        g.translate(-lightSide * width * 0.45, width * 0.35);
        g.setStroke(pen(width * 0.75));
        g.draw(s);
        g.setTransform(saved);
    }

    /** A plain stroke. */
    static void stroke(Graphics2D g, Shape s, double width, Color ink) {
        g.setColor(ink);
        g.setStroke(pen(width));
        g.draw(s);
    }

    /**
     * Hatching over {@code area} (clip first to bound it): parallel ink lines about {@code spacing} apart, rising to
     * the right when {@code angle} is under 90°, else falling; drawn as one fill with a small tiled texture.
     */
    static void hatch(Graphics2D g, Rectangle2D area, double spacing, double angle, double width, Color ink) {
        int n = (int) Math.max(3, Math.min(16, Math.round(spacing)));
        boolean rising = angle < 90;
        int w10 = (int) Math.max(1, Math.min(40, Math.round(width * 10)));
        long key = (long) n << 48 | (rising ? 1L : 0L) << 47 | (long) w10 << 32 | ink.getRGB() & 0xffffffffL;
        TexturePaint paint = HATCHES.computeIfAbsent(key, k -> tile(n, rising, w10 / 10.0, ink));
        g.setPaint(paint);
        g.fill(area);
    }

    /** One tile of hatching: a diagonal line across an n x n square, drawn so the tiles join up. */
    private static TexturePaint tile(int n, boolean rising, double width, Color ink) {
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        Graphics2D t = image.createGraphics();
        t.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        t.setColor(ink);
        t.setStroke(new BasicStroke((float) width));
        for (int k = -1; k <= 1; k++) {
            if (rising) {
                t.draw(new Line2D.Double(k * n - 1, n + 1, k * n + n + 1, -1));
            } else {
                t.draw(new Line2D.Double(k * n - 1, -1, k * n + n + 1, n + 1));
            }
        }
        t.dispose();
        return new TexturePaint(image, new Rectangle2D.Double(0, 0, n, n));
    }

    /** The shadow tone of a surface under cel shading: darker, a little cooler and redder. */
    static Color shadow(Color c) {
        return Shading.tint(c, 0.8, 0.7, 0.78);
    }

    /** The lit tone of a surface: lighter, towards the paper. */
    static Color lit(Color c) {
        return Shading.tint(c, 1.08, 1.08, 1.06);
    }

    static Color alpha(Color c, double alpha) {
        return Shading.alpha(c, alpha);
    }
}
