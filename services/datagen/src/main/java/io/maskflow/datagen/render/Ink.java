package io.maskflow.datagen.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Pen work of the {@code inked} style: lines whose weight swells on the shadow side, hatching, cel tones. */
final class Ink {

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

    /** Parallel lines {@code spacing} apart at {@code angle} degrees over {@code area}; clip first to bound them. */
    static void hatch(Graphics2D g, Rectangle2D area, double spacing, double angle, double width, Color ink) {
        double a = Math.toRadians(angle);
        double dx = Math.cos(a);
        double dy = Math.sin(a);
        double cx = area.getCenterX();
        double cy = area.getCenterY();
        double reach = Math.hypot(area.getWidth(), area.getHeight()) / 2 + 2;
        Path2D lines = new Path2D.Double();
        for (double t = -reach; t <= reach; t += Math.max(1.5, spacing)) {
            double px = cx - dy * t;
            double py = cy + dx * t;
            lines.append(new Line2D.Double(px - dx * reach, py - dy * reach, px + dx * reach, py + dy * reach), false);
        }
        stroke(g, lines, width, ink);
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
