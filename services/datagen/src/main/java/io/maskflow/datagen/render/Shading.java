package io.maskflow.datagen.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;

/** Small painting helpers of the {@code studio} style: soft spots of light and shadow, shaded creases, tints. */
final class Shading {

    private static final Ellipse2D UNIT = new Ellipse2D.Double(-1, -1, 2, 2);
    private static final float[] SPOT = {0f, 0.5f, 1f};

    private Shading() {
    }

    /** {@code c} times {@code f}, clipped to 0..255. */
    static Color tone(Color c, double f) {
        return FaceRenderer.shade(c, f);
    }

    /** {@code c} times a factor per channel. */
    static Color tint(Color c, double red, double green, double blue) {
        return new Color(FaceRenderer.clip(c.getRed() * red), FaceRenderer.clip(c.getGreen() * green),
                FaceRenderer.clip(c.getBlue() * blue));
    }

    static Color alpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), FaceRenderer.clip(alpha));
    }

    /** A soft elliptical spot: {@code c} at {@code alpha} in the centre, fading to nothing at the rim. */
    static void glow(Graphics2D g, double cx, double cy, double rx, double ry, Color c, double alpha) {
        if (alpha < 1 || rx < 0.5 || ry < 0.5) {
            return;
        }
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.scale(rx, ry);
        Color[] colours = {alpha(c, alpha), alpha(c, alpha * 0.45), alpha(c, 0)};
        g.setPaint(new RadialGradientPaint(0f, 0f, 1f, SPOT, colours));
        g.fill(UNIT);
        g.setTransform(saved);
    }

    /**
     * A crease as light catches it: a lighter line just below a darker one ({@code strength} 0 .. 1 sets both
     * alphas).
     */
    static void crease(Graphics2D g, Shape path, Color skin, double strength, double width) {
        if (strength <= 0.02) {
            return;
        }
        g.setStroke(new BasicStroke((float) (width * 0.8), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(alpha(tone(skin, 1.18), 110 * Math.min(1, strength)));
        AffineTransform saved = g.getTransform();
        g.translate(0, width * 0.9);
        g.draw(path);
        g.setTransform(saved);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(alpha(tone(skin, 0.55), 190 * Math.min(1, strength)));
        g.draw(path);
    }
}
