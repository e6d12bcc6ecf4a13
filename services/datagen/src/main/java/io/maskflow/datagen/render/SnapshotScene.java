package io.maskflow.datagen.render;

import static io.maskflow.datagen.render.FaceRenderer.shade;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.Look;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code snapshot} style's scene around the face: indoor backgrounds (wall and floor, a window, out-of-focus
 * lights, wallpaper) and clothing (t-shirt, jacket, turtleneck, shirt, scarf; plain, striped or dotted).
 */
final class SnapshotScene {

    private SnapshotScene() {
    }

    static BufferedImage background(Appearance a, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            scene(gfx, a, width, height);
        } finally {
            gfx.dispose();
        }
        return image;
    }

    private static void scene(Graphics2D gfx, Appearance a, int w, int h) {
        Color wall = a.backgroundA();
        Color other = a.backgroundB();
        SplittableRandom r = new SplittableRandom(a.textureSeed() ^ 0x2545F4914F6CDD1DL);
        gfx.setColor(wall);
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
        switch (a.background()) {
            case 0 -> {
                double floor = h * (0.55 + r.nextDouble() * 0.3);
                gfx.setColor(other);
                gfx.fill(new Rectangle2D.Double(0, floor, w, h - floor));
                gfx.setColor(shade(wall, 0.7));
                gfx.fill(new Rectangle2D.Double(0, floor - h * 0.02, w, h * 0.02));
            }
            case 1 -> {
                double x = w * (r.nextDouble() * 0.6 - 0.1);
                double y = h * (0.05 + r.nextDouble() * 0.2);
                double ww = w * (0.35 + r.nextDouble() * 0.3);
                double wh = h * (0.3 + r.nextDouble() * 0.2);
                gfx.setPaint(new GradientPaint((float) x, (float) y, new Color(235, 240, 250), (float) (x + ww),
                        (float) (y + wh), shade(other, 1.4)));
                gfx.fill(new Rectangle2D.Double(x, y, ww, wh));
                gfx.setColor(shade(wall, 0.6));
                gfx.setStroke(new BasicStroke(w / 60f));
                gfx.draw(new Rectangle2D.Double(x, y, ww, wh));
                gfx.draw(new Line2D.Double(x + ww / 2, y, x + ww / 2, y + wh));
                gfx.draw(new Line2D.Double(x, y + wh / 2, x + ww, y + wh / 2));
            }
            case 2 -> {
                gfx.setPaint(new GradientPaint(0, 0, shade(wall, 0.5), 0, h, shade(other, 0.6)));
                gfx.fill(new Rectangle2D.Double(0, 0, w, h));
                for (int i = 0; i < 22; i++) {
                    Color c = i % 2 == 0 ? other : Color.getHSBColor((float) r.nextDouble(), 0.3f, 0.95f);
                    gfx.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40 + r.nextInt(60)));
                    double d = w * (0.06 + r.nextDouble() * 0.16);
                    gfx.fill(new Ellipse2D.Double(r.nextDouble() * w - d / 2, r.nextDouble() * h * 0.8 - d / 2, d,
                            d));
                }
            }
            default -> {
                double stripe = w / (6.0 + r.nextInt(10));
                gfx.setColor(new Color(other.getRed(), other.getGreen(), other.getBlue(), 70));
                for (double x = r.nextDouble() * stripe; x < w; x += 2 * stripe) {
                    gfx.fill(new Rectangle2D.Double(x, 0, stripe * (0.3 + r.nextDouble() * 0.5), h));
                }
            }
        }
    }

    static void body(Graphics2D gfx, Appearance a, Look look, FaceGeometry g, int height) {
        double hw = g.hw;
        double hh = g.hh;
        gfx.setColor(shade(a.skin(), 0.8));
        gfx.fill(new Rectangle2D.Double(-0.38 * hw + g.shift * 0.2, 0.5 * hh, 0.76 * hw, 1.1 * hh));
        double top = 1.4 * hh;
        Path2D torso = new Path2D.Double();
        torso.moveTo(-2.9 * hw, height);
        torso.quadTo(-2.7 * hw, top, -0.5 * hw, top - 0.08 * hh);
        torso.lineTo(0.5 * hw, top - 0.08 * hh);
        torso.quadTo(2.7 * hw, top, 2.9 * hw, height);
        torso.closePath();
        gfx.setColor(a.clothing());
        gfx.fill(torso);
        Shape clip = gfx.getClip();
        gfx.clip(torso);
        Color accent = look.accent();
        if (look.pattern() == 1) {
            gfx.setColor(accent);
            for (double y = top; y < height * 2; y += 0.22 * hh) {
                gfx.fill(new Rectangle2D.Double(-3 * hw, y, 6 * hw, 0.08 * hh));
            }
        } else if (look.pattern() == 2) {
            Path2D dots = new Path2D.Double();
            for (double y = top; y < top + 3 * hh; y += 0.25 * hh) {
                for (double x = -2.8 * hw; x < 2.8 * hw; x += 0.25 * hw) {
                    dots.append(new Ellipse2D.Double(x, y, 0.06 * hw, 0.06 * hw), false);
                }
            }
            gfx.setColor(accent);
            gfx.fill(dots);
        }
        gfx.setClip(clip);
        switch (a.collar()) {
            case 1 -> {
                gfx.setColor(shade(a.clothing(), 0.75));
                for (int side = -1; side <= 1; side += 2) {
                    Path2D lapel = new Path2D.Double();
                    lapel.moveTo(side * 0.5 * hw, top - 0.08 * hh);
                    lapel.lineTo(side * 0.05 * hw, top + 0.9 * hh);
                    lapel.lineTo(side * 1.0 * hw, top + 0.2 * hh);
                    lapel.closePath();
                    gfx.fill(lapel);
                }
                gfx.setColor(accent);
                Path2D shirt = new Path2D.Double();
                shirt.moveTo(-0.4 * hw, top - 0.06 * hh);
                shirt.lineTo(0, top + 0.8 * hh);
                shirt.lineTo(0.4 * hw, top - 0.06 * hh);
                shirt.closePath();
                gfx.fill(shirt);
            }
            case 2 -> {
                gfx.setColor(shade(a.clothing(), 0.9));
                gfx.fill(new Rectangle2D.Double(-0.45 * hw, 0.95 * hh, 0.9 * hw, top - 0.9 * hh));
                gfx.setColor(shade(a.clothing(), 0.7));
                gfx.setStroke(new BasicStroke((float) (0.02 * hh)));
                for (double y = 1.0 * hh; y < top; y += 0.08 * hh) {
                    gfx.draw(new Line2D.Double(-0.45 * hw, y, 0.45 * hw, y));
                }
            }
            case 3 -> {
                gfx.setColor(Color.WHITE);
                for (int side = -1; side <= 1; side += 2) {
                    Path2D point = new Path2D.Double();
                    point.moveTo(0, top + 0.1 * hh);
                    point.lineTo(side * 0.5 * hw, top - 0.15 * hh);
                    point.lineTo(side * 0.45 * hw, top + 0.3 * hh);
                    point.closePath();
                    gfx.fill(point);
                }
                gfx.setColor(shade(a.clothing(), 0.6));
                for (double y = top + 0.35 * hh; y < height; y += 0.3 * hh) {
                    gfx.fill(new Ellipse2D.Double(-0.035 * hw, y, 0.07 * hw, 0.07 * hw));
                }
            }
            case 4 -> {
                gfx.setColor(accent);
                gfx.fill(new Ellipse2D.Double(-1.0 * hw, top - 0.35 * hh, 2.0 * hw, 0.7 * hh));
                gfx.fill(new Rectangle2D.Double(0.2 * hw, top, 0.35 * hw, 1.2 * hh));
            }
            default -> {
                gfx.setColor(shade(a.skin(), 0.8));
                gfx.fill(new Ellipse2D.Double(-0.5 * hw, top - 0.3 * hh, hw, 0.5 * hh));
            }
        }
    }
}
