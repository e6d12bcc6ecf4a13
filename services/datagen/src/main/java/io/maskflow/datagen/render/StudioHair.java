package io.maskflow.datagen.render;

import static io.maskflow.datagen.render.Shading.alpha;
import static io.maskflow.datagen.render.Shading.glow;
import static io.maskflow.datagen.render.Shading.tone;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.render.StudioRenderer.Light;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The {@code studio} style's hair, as shaded volumes (a radial gradient lit from the key light's side) with
 * strands drawn over them: shaved, short textured, side-swept, layered bob, long wavy, top knot. The hairline has
 * the person's shape (rounded, straight or M-shaped) and recedes with {@code hairline}.
 */
final class StudioHair {

    private StudioHair() {
    }

    /** Hair that falls behind the face and shoulders: the bob's and long hair's back, the top knot. */
    static void back(Graphics2D gfx, Appearance a, FaceGeometry g, Light light) {
        double hw = g.hw;
        double hh = g.hh;
        Color hair = tone(a.hairColor(), 0.7);
        switch (a.hairStyle()) {
            case 3 -> {
                Path2D bob = new Path2D.Double();
                bob.moveTo(-1.2 * hw, -0.6 * hh);
                bob.lineTo(-1.22 * hw, 0.55 * hh);
                for (int k = 0; k < 4; k++) {
                    double x0 = -1.22 * hw + k * 0.61 * hw;
                    bob.quadTo(x0 + 0.3 * hw, 0.8 * hh, x0 + 0.61 * hw, 0.6 * hh);
                }
                bob.lineTo(1.2 * hw, -0.6 * hh);
                bob.closePath();
                gfx.setPaint(new GradientPaint(0f, (float) (-0.6 * hh), hair, 0f, (float) (0.8 * hh), tone(hair,
                        0.6)));
                gfx.fill(bob);
            }
            case 4 -> {
                Path2D hairShape = new Path2D.Double();
                hairShape.moveTo(-1.15 * hw, -0.6 * hh);
                for (int k = 1; k <= 6; k++) {
                    double y = -0.6 * hh + k * 0.45 * hh;
                    hairShape.quadTo(-1.15 * hw - (k % 2 == 0 ? 0.12 : -0.05) * hw - k * 0.05 * hw, y - 0.22 * hh,
                            -1.18 * hw - k * 0.05 * hw, y);
                }
                hairShape.lineTo(1.18 * hw + 0.3 * hw, 2.1 * hh);
                for (int k = 5; k >= 0; k--) {
                    double y = -0.6 * hh + k * 0.45 * hh;
                    hairShape.quadTo(1.15 * hw + (k % 2 == 0 ? 0.12 : -0.05) * hw + k * 0.05 * hw, y + 0.22 * hh,
                            1.18 * hw + k * 0.05 * hw, y);
                }
                hairShape.closePath();
                gfx.setPaint(new GradientPaint((float) (light.side() * hw), 0f, hair, (float) (-light.side() * hw),
                        0f, tone(hair, 0.55)));
                gfx.fill(hairShape);
            }
            case 5 -> {
                double r = 0.36 * hw;
                Point2D.Double c = new Point2D.Double(0, -1.12 * hh - 0.5 * r);
                Point2D.Double lit = new Point2D.Double(c.x + light.side() * 0.4 * r, c.y - 0.4 * r);
                gfx.setPaint(new RadialGradientPaint(lit, (float) (1.5 * r), lit, new float[] {0f, 1f},
                        new Color[] {tone(a.hairColor(), 1.5), tone(a.hairColor(), 0.5)},
                        MultipleGradientPaint.CycleMethod.NO_CYCLE));
                gfx.fill(new Ellipse2D.Double(c.x - r, c.y - r, 2 * r, 1.8 * r));
            }
            default -> {
            }
        }
    }

    /** The hair over the head, above the hairline, shaded and with strands. */
    static void front(Graphics2D gfx, Appearance a, FaceGeometry g, Light light, Path2D outline) {
        double hw = g.hw;
        double hh = g.hh;
        int style = a.hairStyle();
        double volume = switch (style) {
            case 0 -> 0.015;
            case 1 -> 0.07;
            case 2 -> 0.1;
            case 3 -> 0.14;
            case 4 -> 0.11;
            default -> 0.04;
        };
        double bottom = switch (style) {
            case 3 -> 0.6;
            case 4 -> 1.6;
            default -> -0.15;
        };
        Area hair = new Area(new Ellipse2D.Double(-(1 + volume) * hw, -(1.08 + volume) * hh, 2 * (1 + volume) * hw,
                1.5 * hh));
        if (style == 3 || style == 4) {
            for (int side = -1; side <= 1; side += 2) {
                Path2D panel = new Path2D.Double();
                panel.moveTo(side * 0.7 * hw, -0.8 * hh);
                panel.quadTo(side * 1.25 * hw, -0.5 * hh, side * (1.2 + volume) * hw, bottom * hh);
                panel.lineTo(side * 0.93 * hw, bottom * hh);
                panel.quadTo(side * 0.98 * hw, -0.3 * hh, side * 0.7 * hw, -0.8 * hh);
                panel.closePath();
                hair.add(new Area(panel));
            }
        }
        double line = -0.6 * hh - a.hairline() * 0.45 * hh;
        Area face = new Area(outline);
        face.intersect(new Area(below(a.studio().hairlineShape(), line, hw, hh, style == 2 ? g.shift : 0)));
        if (style == 2) {
            // a side-swept fringe over one side of the forehead
            Path2D sweep = new Path2D.Double();
            sweep.moveTo(-0.45 * hw, -1.1 * hh);
            sweep.quadTo(0.4 * hw, -0.75 * hh, 1.0 * hw, -0.45 * hh);
            sweep.lineTo(1.1 * hw, -1.1 * hh);
            sweep.closePath();
            face.subtract(new Area(sweep));
        }
        hair.subtract(face);
        hair.subtract(new Area(new Rectangle2D.Double(-3 * hw, bottom * hh, 6 * hw, 4 * hh)));
        if (a.hairline() > 0.6) {
            hair.subtract(new Area(new Ellipse2D.Double(-0.7 * hw, -1.5 * hh, 1.4 * hw, 1.0 * hh)));
        }
        Point2D.Double lit = new Point2D.Double(light.side() * 0.45 * hw, -1.05 * hh);
        Color c = a.hairColor();
        Color[] colours = {tone(c, 1.55), c, tone(c, 0.5)};
        if (style == 0) {
            colours = new Color[] {alpha(tone(c, 1.2), 150), alpha(c, 140), alpha(tone(c, 0.6), 130)};
        }
        gfx.setPaint(new RadialGradientPaint(lit, (float) (2.1 * hh), lit, new float[] {0f, 0.3f, 1f}, colours,
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        gfx.fill(hair);
        if (style != 0) {
            strands(gfx, a, g, hair, style, bottom);
        }
        if (a.hairline() > 0.6) {
            glow(gfx, light.side() * 0.2 * hw, -0.95 * hh, 0.3 * hw, 0.12 * hh, Color.WHITE, 60);
        }
    }

    /** The part of the plane below the hairline of {@code shape} (0 rounded, 1 straight, 2 M-shaped). */
    private static Path2D below(int shape, double line, double hw, double hh, double parting) {
        Path2D region = new Path2D.Double();
        for (int k = 0; k <= 16; k++) {
            double u = -1.3 + 2.6 * k / 16;
            double y = switch (shape) {
                case 0 -> line + 0.24 * hh * u * u;
                case 2 -> line + 0.1 * hh * u * u - 0.17 * hh * Math.exp(-Math.pow((Math.abs(u) - 0.5) / 0.18, 2));
                default -> line + 0.08 * hh * u * u;
            };
            if (k == 0) {
                region.moveTo(u * hw + parting, y);
            } else {
                region.lineTo(u * hw + parting, y);
            }
        }
        region.lineTo(1.3 * hw + parting, 4 * hh);
        region.lineTo(-1.3 * hw + parting, 4 * hh);
        region.closePath();
        return region;
    }

    /** Strands over the volume, clipped to it: lighter and darker curves that follow the style's direction. */
    private static void strands(Graphics2D gfx, Appearance a, FaceGeometry g, Area hair, int style, double bottom) {
        double hw = g.hw;
        double hh = g.hh;
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 53);
        Path2D light = new Path2D.Double();
        Path2D dark = new Path2D.Double();
        int count = style == 1 ? 40 : 26;
        for (int i = 0; i < count; i++) {
            Path2D p = i % 2 == 0 ? light : dark;
            double u = r.nextDouble() * 2 - 1;
            switch (style) {
                case 1 -> {
                    double x = u * 0.95 * hw;
                    double y = -0.65 * hh - (1 - u * u) * 0.35 * hh + r.nextDouble() * 0.1 * hh;
                    p.moveTo(x, y);
                    p.quadTo(x + 0.05 * hw, y - 0.08 * hh, x + u * 0.1 * hw, y - 0.16 * hh);
                }
                case 2 -> {
                    double y = -0.75 * hh + u * 0.25 * hh;
                    p.moveTo(-0.4 * hw, -1.1 * hh + r.nextDouble() * 0.1 * hh);
                    p.quadTo(0.2 * hw, y - 0.1 * hh, 1.05 * hw, y + 0.3 * hh);
                }
                case 5 -> {
                    double x = u * 0.9 * hw;
                    p.moveTo(x, -0.6 * hh + Math.abs(u) * 0.3 * hh);
                    p.quadTo(x * 0.8, -1.0 * hh, 0, -1.15 * hh);
                }
                default -> {
                    int side = u < 0 ? -1 : 1;
                    double x = side * (0.85 + Math.abs(u) * 0.3) * hw;
                    double wave = style == 4 ? 0.15 * hw : 0.03 * hw;
                    p.moveTo(u * 0.3 * hw, -1.1 * hh);
                    p.curveTo(side * 1.0 * hw, -0.95 * hh, x - side * wave, bottom * 0.4 * hh, x + side * wave,
                            bottom * hh);
                }
            }
        }
        Shape clip = gfx.getClip();
        gfx.clip(hair);
        gfx.setStroke(new BasicStroke((float) (0.012 * hw + 0.3), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gfx.setColor(alpha(tone(a.hairColor(), 1.6), 70));
        gfx.draw(light);
        gfx.setColor(alpha(tone(a.hairColor(), 0.45), 90));
        gfx.draw(dark);
        gfx.setClip(clip);
    }
}
