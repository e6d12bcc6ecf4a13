package io.maskflow.datagen.render;

import static io.maskflow.datagen.render.Shading.alpha;
import static io.maskflow.datagen.render.Shading.crease;
import static io.maskflow.datagen.render.Shading.glow;
import static io.maskflow.datagen.render.Shading.tone;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.StudioLook;
import io.maskflow.datagen.render.StudioRenderer.Light;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code studio} style's scene: backgrounds (a spot-lit studio backdrop, seamless paper sweeping into the
 * floor, a bookshelf behind the sitter, or outdoors: sky and greenery), all soft as if out of focus, and a shaded
 * neck and clothing (hoodie, v-neck, blouse, polo, coat).
 */
final class StudioScene {

    private StudioScene() {
    }

    static BufferedImage background(Appearance a, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            SplittableRandom r = new SplittableRandom(a.textureSeed() ^ 0x5DEECE66DL);
            switch (a.background()) {
                case 0 -> backdrop(gfx, a, r, width, height);
                case 1 -> paper(gfx, a, width, height);
                case 2 -> bookshelf(gfx, a, r, width, height);
                default -> outdoors(gfx, a, r, width, height);
            }
        } finally {
            gfx.dispose();
        }
        return image;
    }

    /** A painted backdrop lit by a spot behind the head: bright in the middle, dark at the edges, mottled. */
    private static void backdrop(Graphics2D gfx, Appearance a, SplittableRandom r, int w, int h) {
        Point2D.Double spot = new Point2D.Double(w * (0.3 + r.nextDouble() * 0.4), h * (0.3 + r.nextDouble() * 0.2));
        Color[] colours = {tone(a.backgroundA(), 1.3), a.backgroundA(), tone(a.backgroundA(), 0.35)};
        gfx.setPaint(new RadialGradientPaint(spot, (float) (0.85 * h), new float[] {0f, 0.5f, 1f}, colours));
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
        for (int i = 0; i < 8; i++) {
            double d = w * (0.3 + r.nextDouble() * 0.4);
            glow(gfx, r.nextDouble() * w, r.nextDouble() * h, d, d * 0.7, i % 2 == 0 ? a.backgroundB() : Color.BLACK,
                    25);
        }
    }

    /** Seamless paper: an even colour, lighter towards where the paper curves into the floor. */
    private static void paper(Graphics2D gfx, Appearance a, int w, int h) {
        Color paper = tone(a.backgroundA(), 1.1);
        Color[] colours = {tone(paper, 0.8), tone(paper, 1.05), tone(paper, 1.12), tone(paper, 0.95)};
        gfx.setPaint(new LinearGradientPaint(0f, 0f, 0f, h, new float[] {0f, 0.72f, 0.82f, 1f}, colours));
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
    }

    /** Shelves of books, soft and dimmed by a veil of the room's colour, as if far behind the sitter. */
    private static void bookshelf(Graphics2D gfx, Appearance a, SplittableRandom r, int w, int h) {
        gfx.setColor(tone(a.backgroundB(), 0.5));
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
        double shelf = h / (3.0 + r.nextInt(2));
        Color wood = new Color(110 + r.nextInt(40), 74 + r.nextInt(30), 44 + r.nextInt(20));
        for (double y = shelf * r.nextDouble() * 0.5; y < h; y += shelf) {
            double x = 0;
            while (x < w) {
                double bw = w * (0.02 + r.nextDouble() * 0.035);
                double bh = shelf * (0.6 + r.nextDouble() * 0.3);
                gfx.setColor(Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.4 * r.nextDouble()),
                        (float) (0.25 + 0.5 * r.nextDouble())));
                gfx.fill(new Rectangle2D.Double(x, y + shelf - bh, bw, bh));
                x += bw + (r.nextDouble() < 0.1 ? w * 0.05 : 0);
            }
            gfx.setColor(wood);
            gfx.fill(new Rectangle2D.Double(0, y + shelf - h * 0.015, w, h * 0.025));
        }
        gfx.setPaint(new GradientPaint(0f, 0f, alpha(a.backgroundA(), 120), 0f, h, alpha(tone(a.backgroundA(), 0.4),
                170)));
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
    }

    /** Sky over a band of greenery and the ground, hazy. */
    private static void outdoors(Graphics2D gfx, Appearance a, SplittableRandom r, int w, int h) {
        double horizon = h * (0.45 + r.nextDouble() * 0.2);
        Color sky = Color.getHSBColor((float) (0.55 + r.nextDouble() * 0.06), (float) (0.2 + r.nextDouble() * 0.35),
                (float) (0.8 + r.nextDouble() * 0.18));
        gfx.setPaint(new GradientPaint(0f, 0f, sky, 0f, (float) horizon, tone(sky, 1.15)));
        gfx.fill(new Rectangle2D.Double(0, 0, w, horizon));
        Color ground = Color.getHSBColor((float) (0.18 + r.nextDouble() * 0.12), (float) (0.3 + r.nextDouble() * 0.3),
                (float) (0.3 + r.nextDouble() * 0.3));
        gfx.setPaint(new GradientPaint(0f, (float) horizon, ground, 0f, h, tone(ground, 0.6)));
        gfx.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        for (int i = 0; i < 26; i++) {
            double d = w * (0.08 + r.nextDouble() * 0.14);
            Color leaf = Color.getHSBColor((float) (0.2 + r.nextDouble() * 0.15), (float) (0.35 + r.nextDouble()
                    * 0.4), (float) (0.25 + r.nextDouble() * 0.45));
            glow(gfx, r.nextDouble() * w, horizon - r.nextDouble() * h * 0.25, d, d * 0.8, leaf, 160 + r.nextInt(90));
        }
        gfx.setColor(alpha(sky, 50));
        gfx.fill(new Rectangle2D.Double(0, 0, w, h));
    }

    /**
     * The neck (its width a gender cue, shaded by the key light, the jaw's shadow across its top, an Adam's apple,
     * lines with age) and the clothing, shaded across from the key light's side.
     */
    static void body(Graphics2D gfx, Appearance a, FaceGeometry g, Light light, int height) {
        StudioLook look = a.studio();
        double hw = g.hw;
        double hh = g.hh;
        double top = 1.45 * hh;
        Color cloth = a.clothing();
        Color accent = look.accent();
        if (a.collar() == 0) {
            // the hood lies behind the neck
            gfx.setColor(tone(cloth, 0.7));
            gfx.fill(new Ellipse2D.Double(-1.15 * hw, top - 0.45 * hh, 2.3 * hw, 0.8 * hh));
        }
        if (a.collar() == 4) {
            gfx.setColor(tone(cloth, 0.65));
            gfx.fill(new Ellipse2D.Double(-0.85 * hw, 0.85 * hh, 1.7 * hw, 1.0 * hh));
        }
        double neck = look.neckWidth() * 0.6 * hw;
        double nx = g.shift * 0.2;
        Rectangle2D neckShape = new Rectangle2D.Double(nx - neck, 0.4 * hh, 2 * neck, top - 0.3 * hh);
        gfx.setPaint(new GradientPaint((float) (nx + light.side() * neck), 0f, light.skin(0.6), (float) (nx
                - light.side() * neck), 0f, tone(light.shadow(), 0.85)));
        gfx.fill(neckShape);
        glow(gfx, nx, g.ly[8] + 0.02 * hh, neck * 1.4, 0.22 * hh, tone(light.shadow(), 0.5), 170);
        if (look.adamsApple()) {
            double y = g.ly[8] + 0.24 * hh;
            glow(gfx, nx + light.side() * 0.02 * hw, y, 0.07 * hw, 0.06 * hh, tone(light.lit(), 1.1), 150);
            glow(gfx, nx, y + 0.07 * hh, 0.07 * hw, 0.03 * hh, tone(light.shadow(), 0.6), 120);
        }
        if (a.ageing() > 0.4) {
            Path2D lines = new Path2D.Double();
            for (int k = 0; k < 2; k++) {
                double y = g.ly[8] + (0.32 + 0.12 * k) * hh;
                lines.append(new QuadCurve2D.Double(nx - neck * 0.8, y, nx, y + 0.04 * hh, nx + neck * 0.8, y),
                        false);
            }
            crease(gfx, lines, a.skin(), (a.ageing() - 0.4) * 1.2, hw * 0.015);
        }
        Path2D torso = new Path2D.Double();
        double shoulders = 2.6 + (a.collar() == 4 ? 0.25 : 0);
        torso.moveTo(-shoulders * hw, height);
        torso.curveTo(-shoulders * hw, top + 0.2 * hh, -1.6 * hw, top - 0.05 * hh, -0.55 * hw, top - 0.1 * hh);
        torso.lineTo(0.55 * hw, top - 0.1 * hh);
        torso.curveTo(1.6 * hw, top - 0.05 * hh, shoulders * hw, top + 0.2 * hh, shoulders * hw, height);
        torso.closePath();
        gfx.setPaint(new LinearGradientPaint((float) (light.side() * 2.2 * hw), 0f, (float) (-light.side() * 2.2
                * hw), 0f, new float[] {0f, 0.5f, 1f}, new Color[] {tone(cloth, 1.2), cloth, tone(cloth, 0.55)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        gfx.fill(torso);
        garment(gfx, a, g, light, top, height, accent);
    }

    private static void garment(Graphics2D gfx, Appearance a, FaceGeometry g, Light light, double top, int height,
            Color accent) {
        double hw = g.hw;
        double hh = g.hh;
        Color cloth = a.clothing();
        switch (a.collar()) {
            case 0 -> {
                gfx.setColor(tone(cloth, 0.8));
                gfx.setStroke(new BasicStroke((float) (0.09 * hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                gfx.draw(new QuadCurve2D.Double(-0.6 * hw, top - 0.1 * hh, 0, top + 0.25 * hh, 0.6 * hw,
                        top - 0.1 * hh));
                gfx.setColor(accent);
                gfx.setStroke(new BasicStroke((float) (0.025 * hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                for (int side = -1; side <= 1; side += 2) {
                    gfx.draw(new Line2D.Double(side * 0.2 * hw, top + 0.12 * hh, side * 0.24 * hw, top + 0.75 * hh));
                }
            }
            case 1 -> {
                Path2D v = new Path2D.Double();
                v.moveTo(-0.5 * hw, top - 0.1 * hh);
                v.lineTo(0, top + 0.65 * hh);
                v.lineTo(0.5 * hw, top - 0.1 * hh);
                v.closePath();
                gfx.setPaint(new GradientPaint(0f, (float) top, tone(light.shadow(), 0.9), 0f, (float) (top + 0.6
                        * hh), light.skin(0.5)));
                gfx.fill(v);
                gfx.setColor(tone(cloth, 0.7));
                gfx.setStroke(new BasicStroke((float) (0.05 * hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                gfx.draw(v);
            }
            case 2 -> {
                Ellipse2D scoop = new Ellipse2D.Double(-0.75 * hw, top - 0.45 * hh, 1.5 * hw, 0.8 * hh);
                gfx.setPaint(new GradientPaint(0f, (float) top, tone(light.shadow(), 0.9), 0f, (float) (top + 0.35
                        * hh), light.skin(0.55)));
                gfx.fill(scoop);
                Path2D frill = new Path2D.Double();
                for (int k = 0; k <= 12; k++) {
                    double t = Math.PI * (0.05 + 0.9 * k / 12);
                    double x = -Math.cos(t) * 0.75 * hw;
                    double y = top - 0.05 * hh + Math.sin(t) * 0.4 * hh;
                    frill.append(new Ellipse2D.Double(x - 0.07 * hw, y - 0.05 * hw, 0.14 * hw, 0.1 * hw), false);
                }
                gfx.setColor(accent);
                gfx.fill(frill);
                gfx.setColor(alpha(tone(accent, 0.6), 160));
                gfx.setStroke(new BasicStroke((float) (0.01 * hw)));
                gfx.draw(frill);
            }
            case 3 -> {
                gfx.setColor(tone(cloth, 0.75));
                gfx.fill(new Rectangle2D.Double(-0.08 * hw, top - 0.05 * hh, 0.16 * hw, 0.55 * hh));
                gfx.setColor(accent);
                for (int k = 0; k < 2; k++) {
                    double d = 0.05 * hw;
                    gfx.fill(new Ellipse2D.Double(-d / 2, top + (0.12 + 0.2 * k) * hh, d, d));
                }
                for (int side = -1; side <= 1; side += 2) {
                    Path2D flap = new Path2D.Double();
                    flap.moveTo(side * 0.05 * hw, top + 0.05 * hh);
                    flap.lineTo(side * 0.6 * hw, top - 0.15 * hh);
                    flap.lineTo(side * 0.45 * hw, top + 0.22 * hh);
                    flap.closePath();
                    gfx.setColor(tone(cloth, 1.1));
                    gfx.fill(flap);
                    gfx.setColor(tone(cloth, 0.6));
                    gfx.setStroke(new BasicStroke((float) (0.012 * hw)));
                    gfx.draw(flap);
                }
            }
            default -> {
                Path2D inner = new Path2D.Double();
                inner.moveTo(-0.5 * hw, top - 0.1 * hh);
                inner.lineTo(0, top + 0.9 * hh);
                inner.lineTo(0.5 * hw, top - 0.1 * hh);
                inner.closePath();
                gfx.setColor(accent);
                gfx.fill(inner);
                for (int side = -1; side <= 1; side += 2) {
                    Path2D lapel = new Path2D.Double();
                    lapel.moveTo(side * 0.55 * hw, top - 0.3 * hh);
                    lapel.lineTo(side * 0.1 * hw, top + 1.2 * hh);
                    lapel.lineTo(side * 0.75 * hw, top + 0.6 * hh);
                    lapel.lineTo(side * 1.25 * hw, top + 0.1 * hh);
                    lapel.closePath();
                    gfx.setPaint(new GradientPaint((float) (side * 0.3 * hw), (float) top, tone(cloth,
                            side == light.side() ? 1.1 : 0.7), (float) (side * 1.2 * hw), (float) (top + 0.5 * hh),
                            tone(cloth, 0.5)));
                    gfx.fill(lapel);
                }
            }
        }
    }
}
