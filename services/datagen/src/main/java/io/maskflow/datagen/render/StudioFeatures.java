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
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * The {@code studio} style's features, all from the 68 points: shaded ears, eyes with shaded whites, a graded
 * iris, a catch light and eyelashes of the person's length, brows of single hair strokes, a nose of light and
 * shadow only (no outline), lips with a lit lower lip, facial hair, glasses and earrings.
 */
final class StudioFeatures {

    private StudioFeatures() {
    }

    static void ears(Graphics2D gfx, Appearance a, FaceGeometry g, Light light) {
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 41);
        boolean hoops = r.nextBoolean();
        for (int side = -1; side <= 1; side += 2) {
            double x = side * g.hw * 0.97 - g.shift * 0.3;
            Ellipse2D ear = new Ellipse2D.Double(x - 0.11 * g.hw, -0.22 * g.hh, 0.22 * g.hw, 0.4 * g.hh);
            gfx.setColor(light.skin(side == light.side() ? 0.7 : 0.25));
            gfx.fill(ear);
            glow(gfx, x + side * 0.01 * g.hw, -0.02 * g.hh, 0.06 * g.hw, 0.12 * g.hh, tone(light.shadow(), 0.6), 150);
            if (a.earrings()) {
                double y = 0.16 * g.hh;
                if (hoops) {
                    gfx.setColor(new Color(214, 180, 90));
                    gfx.setStroke(new BasicStroke((float) (0.018 * g.hw)));
                    gfx.draw(new Ellipse2D.Double(x - 0.06 * g.hw, y, 0.12 * g.hw, 0.14 * g.hw));
                } else {
                    double d = 0.05 * g.hw;
                    gfx.setColor(new Color(200, 200, 210));
                    gfx.fill(new Ellipse2D.Double(x - d / 2, y, d, d));
                    glow(gfx, x - d * 0.15, y + d * 0.35, d * 0.3, d * 0.3, Color.WHITE, 230);
                }
            }
        }
    }

    /**
     * Almond eyes: whites shaded darker under the upper lid, an iris graded from its colour to a darker rim, the
     * pupil, a catch light on the key light's side, a lid line, a crease above, and lashes of {@code lashes}.
     */
    static void eyes(Graphics2D gfx, Appearance a, FaceGeometry g, Light light) {
        double lashes = a.studio().lashes();
        for (int first : new int[] {36, 42}) {
            double x0 = g.lx[first];
            double x1 = g.lx[first + 3];
            double top = g.ly[first + 1];
            double bottom = g.ly[first + 4];
            double eh = bottom - top;
            double mid = (x0 + x1) / 2;
            Path2D eye = new Path2D.Double();
            eye.moveTo(x0, g.ly[first]);
            eye.quadTo(mid, top - 0.45 * eh, x1, g.ly[first + 3]);
            eye.quadTo(mid, bottom + 0.35 * eh, x0, g.ly[first]);
            eye.closePath();
            gfx.setPaint(new GradientPaint(0f, (float) (top - 0.1 * eh), new Color(168, 150, 142), 0f,
                    (float) bottom, new Color(238, 232, 226)));
            gfx.fill(eye);
            double cx = mid + g.shift * 0.1;
            double cy = (top + bottom) / 2 - 0.05 * eh;
            double ir = (x1 - x0) * 0.24;
            Shape clip = gfx.getClip();
            gfx.clip(eye);
            Color iris = a.eyeColor();
            Color[] colours = {tone(iris, 1.6), iris, tone(iris, 0.45)};
            gfx.setPaint(new RadialGradientPaint((float) cx, (float) cy, (float) ir, new float[] {0f, 0.55f, 1f},
                    colours));
            gfx.fill(new Ellipse2D.Double(cx - ir, cy - ir, 2 * ir, 2 * ir));
            gfx.setColor(new Color(12, 8, 8));
            gfx.fill(new Ellipse2D.Double(cx - ir * 0.42, cy - ir * 0.42, ir * 0.84, ir * 0.84));
            gfx.setColor(new Color(255, 255, 255, 220));
            double d = ir * 0.32;
            gfx.fill(new Ellipse2D.Double(cx + light.side() * ir * 0.35 - d / 2, cy - ir * 0.45, d, d));
            gfx.setClip(clip);
            gfx.setColor(new Color(35, 22, 18));
            gfx.setStroke(new BasicStroke((float) (0.022 * g.hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            QuadCurve2D lid = new QuadCurve2D.Double(x0, g.ly[first], mid, top - 0.45 * eh, x1, g.ly[first + 3]);
            gfx.draw(lid);
            gfx.setColor(alpha(tone(light.shadow(), 0.6), 120));
            gfx.setStroke(new BasicStroke((float) (0.012 * g.hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            gfx.draw(new QuadCurve2D.Double(x0 + 0.1 * (x1 - x0), g.ly[first] - 0.45 * eh, mid, top - 1.1 * eh,
                    x1 - 0.05 * (x1 - x0), g.ly[first + 3] - 0.5 * eh));
            // lashes: strokes outward from the lid, longer towards the outer corner
            Path2D strokes = new Path2D.Double();
            double length = (0.015 + 0.07 * lashes) * g.hw;
            boolean outerLeft = first == 36;
            for (int k = 1; k < 9; k++) {
                double t = k / 9.0;
                double px = (1 - t) * (1 - t) * x0 + 2 * (1 - t) * t * mid + t * t * x1;
                double py = (1 - t) * (1 - t) * g.ly[first] + 2 * (1 - t) * t * (top - 0.45 * eh) + t * t
                        * g.ly[first + 3];
                double outer = outerLeft ? 1 - t : t;
                double l = length * (0.5 + 0.7 * outer);
                double dx = (outerLeft ? -1 : 1) * (0.2 + 0.6 * outer) * l;
                strokes.moveTo(px, py);
                strokes.quadTo(px + dx * 0.3, py - l * 0.8, px + dx, py - l);
            }
            gfx.setColor(new Color(25, 16, 14));
            gfx.setStroke(new BasicStroke((float) (0.008 * g.hw + 0.4), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            gfx.draw(strokes);
        }
    }

    /** Brows as single hair strokes along the brow line, slanting outwards, under a faint shadow of the brow. */
    static void brows(Graphics2D gfx, Appearance a, FaceGeometry g) {
        Color hair = tone(a.hairColor(), a.hairColor().getRed() > 150 ? 0.8 : 1);
        double t = a.browThickness() * g.hw / 70;
        for (int side = 0; side < 2; side++) {
            int inner = side == 0 ? 21 : 22;
            int step = side == 0 ? -1 : 1;
            Path2D base = new Path2D.Double();
            base.moveTo(g.lx[inner], g.ly[inner]);
            for (int k = 1; k < 5; k++) {
                base.lineTo(g.lx[inner + step * k], g.ly[inner + step * k]);
            }
            gfx.setColor(alpha(hair, 70));
            gfx.setStroke(new BasicStroke((float) t, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            gfx.draw(base);
            Path2D strokes = new Path2D.Double();
            for (int k = 0; k < 16; k++) {
                double u = k / 15.0 * 4;
                int i = Math.min(3, (int) u);
                double f = u - i;
                double x = g.lx[inner + step * i] + (g.lx[inner + step * (i + 1)] - g.lx[inner + step * i]) * f;
                double y = g.ly[inner + step * i] + (g.ly[inner + step * (i + 1)] - g.ly[inner + step * i]) * f;
                double thick = t * (1 - u / 6.5);
                y += thick * 0.45;
                strokes.moveTo(x, y);
                strokes.lineTo(x + step * thick * (0.5 + u * 0.2), y - thick * (1.1 - u * 0.15));
            }
            gfx.setColor(hair);
            gfx.setStroke(new BasicStroke((float) (0.012 * g.hw + 0.3), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            gfx.draw(strokes);
        }
    }

    /** No outline: the shadow side of the bridge, soft nostrils, shadow under the tip and a highlight on it. */
    static void nose(Graphics2D gfx, Appearance a, FaceGeometry g, Light light) {
        double hw = g.hw;
        double hh = g.hh;
        int away = -light.side();
        Color dark = tone(light.shadow(), 0.7);
        Path2D side = new Path2D.Double();
        side.moveTo(g.lx[27] + away * 0.04 * hw, g.ly[27]);
        side.lineTo(g.lx[30] + away * 0.05 * hw, g.ly[30]);
        side.lineTo(g.lx[away > 0 ? 35 : 31] + away * 0.04 * hw, g.ly[31]);
        side.lineTo(g.lx[away > 0 ? 35 : 31] + away * 0.14 * hw, g.ly[31]);
        side.lineTo(g.lx[27] + away * 0.12 * hw, g.ly[27]);
        side.closePath();
        gfx.setPaint(new GradientPaint((float) (g.lx[28] + away * 0.04 * hw), 0f, alpha(dark, 110),
                (float) (g.lx[28] + away * 0.14 * hw), 0f, alpha(dark, 0)));
        gfx.fill(side);
        glow(gfx, g.lx[33], g.ly[33] + 0.04 * hh, 0.16 * hw, 0.05 * hh, dark, 120);
        for (int i : new int[] {32, 34}) {
            glow(gfx, g.lx[i], g.ly[i] - 0.005 * hh, 0.045 * hw, 0.022 * hh, new Color(50, 28, 24), 200);
        }
        glow(gfx, g.lx[30] + light.side() * 0.03 * hw, g.ly[30] - 0.01 * hh, 0.05 * hw, 0.035 * hh, Color.WHITE,
                60 + 80 * light.strength());
        glow(gfx, g.lx[28] + light.side() * 0.02 * hw, g.ly[28], 0.025 * hw, 0.08 * hh, Color.WHITE, 50);
    }

    /** A darker upper lip, a lower lip lit from above with a highlight, the mouth line and a shadow under it. */
    static void mouth(Graphics2D gfx, Appearance a, FaceGeometry g, Light light) {
        Path2D upper = new Path2D.Double();
        upper.moveTo(g.lx[48], g.ly[48]);
        for (int k = 49; k <= 54; k++) {
            upper.lineTo(g.lx[k], g.ly[k]);
        }
        for (int k = 64; k >= 60; k--) {
            upper.lineTo(g.lx[k], g.ly[k]);
        }
        upper.closePath();
        Path2D lower = new Path2D.Double();
        lower.moveTo(g.lx[54], g.ly[54]);
        for (int k = 55; k <= 59; k++) {
            lower.lineTo(g.lx[k], g.ly[k]);
        }
        lower.lineTo(g.lx[48], g.ly[48]);
        lower.lineTo(g.lx[60], g.ly[60]);
        for (int k = 67; k >= 64; k--) {
            lower.lineTo(g.lx[k], g.ly[k]);
        }
        lower.closePath();
        glow(gfx, g.lx[57], g.ly[57] + 0.035 * g.hh, 0.18 * g.hw, 0.04 * g.hh, tone(light.shadow(), 0.7), 110);
        Color lips = a.lipColor();
        gfx.setColor(tone(lips, 0.78));
        gfx.fill(upper);
        gfx.setPaint(new GradientPaint(0f, (float) g.ly[66], tone(lips, 1.05), 0f, (float) g.ly[57], tone(lips,
                0.8)));
        gfx.fill(lower);
        glow(gfx, g.lx[57] + light.side() * 0.05 * g.hw, (g.ly[66] + g.ly[57]) / 2, 0.07 * g.hw,
                (g.ly[57] - g.ly[66]) * 0.22, Color.WHITE, 70);
        gfx.setColor(tone(lips, 0.4));
        gfx.setStroke(new BasicStroke((float) (0.012 * g.hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D line = new Path2D.Double();
        line.moveTo(g.lx[60], g.ly[60]);
        for (int k = 61; k <= 64; k++) {
            line.lineTo(g.lx[k], g.ly[k]);
        }
        gfx.draw(line);
    }

    /** Stubble as a translucent shade, a moustache, a full beard, or a chin beard along the jaw line. */
    static void facialHair(Graphics2D gfx, Appearance a, FaceGeometry g, Path2D outline) {
        if (a.facialHair() == 0) {
            return;
        }
        double hw = g.hw;
        double hh = g.hh;
        Color hair = a.hairColor();
        Path2D moustache = new Path2D.Double();
        moustache.moveTo(g.lx[48] - 0.04 * hw, g.ly[48] + 0.01 * hh);
        moustache.quadTo(g.lx[33] - 0.15 * hw, g.ly[33] + 0.01 * hh, g.lx[33], g.ly[33] + 0.03 * hh);
        moustache.quadTo(g.lx[33] + 0.15 * hw, g.ly[33] + 0.01 * hh, g.lx[54] + 0.04 * hw, g.ly[54] + 0.01 * hh);
        moustache.quadTo(g.lx[51], g.ly[51] - 0.03 * hh, g.lx[48] - 0.04 * hw, g.ly[48] + 0.01 * hh);
        moustache.closePath();
        Area beard = new Area(outline);
        beard.intersect(new Area(new Rectangle2D.Double(-2 * hw, g.ly[33] + 0.02 * hh, 4 * hw, 3 * hh)));
        Path2D mouth = new Path2D.Double();
        mouth.moveTo(g.lx[48], g.ly[48]);
        for (int k = 49; k < 60; k++) {
            mouth.lineTo(g.lx[k], g.ly[k]);
        }
        mouth.closePath();
        beard.subtract(new Area(mouth));
        switch (a.facialHair()) {
            case 1 -> {
                gfx.setColor(alpha(tone(hair, 0.8), 70));
                gfx.fill(beard);
            }
            case 2 -> {
                gfx.setPaint(new GradientPaint(0f, (float) g.ly[33], tone(hair, 1.1), 0f, (float) g.ly[51],
                        tone(hair, 0.7)));
                gfx.fill(moustache);
            }
            case 3 -> {
                gfx.setPaint(new GradientPaint(0f, (float) g.ly[33], alpha(hair, 220), 0f, (float) (g.ly[8]
                        + 0.05 * hh), alpha(tone(hair, 0.6), 240)));
                gfx.fill(beard);
                gfx.fill(moustache);
                strands(gfx, hair, g);
            }
            default -> {
                Path2D strap = new Path2D.Double();
                strap.moveTo(g.lx[3], g.ly[3]);
                for (int k = 4; k <= 13; k++) {
                    strap.lineTo(g.lx[k], g.ly[k] - 0.03 * hh);
                }
                gfx.setColor(alpha(hair, 210));
                gfx.setStroke(new BasicStroke((float) (0.1 * hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                gfx.draw(strap);
                gfx.fill(moustache);
            }
        }
    }

    private static void strands(Graphics2D gfx, Color hair, FaceGeometry g) {
        Path2D lines = new Path2D.Double();
        for (int k = 3; k <= 13; k++) {
            double x = g.lx[k];
            double y = g.ly[k];
            lines.append(new Line2D.Double(x * 0.85, y - 0.25 * g.hh, x * 0.95, y), false);
        }
        gfx.setColor(alpha(tone(hair, 1.4), 90));
        gfx.setStroke(new BasicStroke((float) (0.015 * g.hw)));
        gfx.draw(lines);
    }

    /** Rimless lenses (a faint edge, tint and glint) or dark rectangular frames. */
    static void glasses(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.glasses() == 0) {
            return;
        }
        boolean frames = a.glasses() == 2;
        Path2D bridge = new Path2D.Double();
        for (int first : new int[] {36, 42}) {
            double cx = (g.lx[first] + g.lx[first + 3]) / 2;
            double cy = (g.ly[first + 1] + g.ly[first + 4]) / 2;
            double w = (g.lx[first + 3] - g.lx[first]) * 1.55;
            double h = w * 0.62;
            RoundRectangle2D lens = new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, w * 0.35, h * 0.5);
            gfx.setColor(new Color(200, 220, 235, 30));
            gfx.fill(lens);
            glow(gfx, cx - w * 0.2, cy - h * 0.2, w * 0.2, h * 0.12, Color.WHITE, 90);
            gfx.setColor(frames ? new Color(28, 24, 26) : new Color(220, 225, 230, 110));
            gfx.setStroke(new BasicStroke((float) ((frames ? 0.04 : 0.01) * g.hw)));
            gfx.draw(lens);
        }
        bridge.moveTo(g.lx[39] + 0.12 * g.hw, g.ly[39] - 0.01 * g.hh);
        bridge.quadTo(g.lx[27], g.ly[27] - 0.01 * g.hh, g.lx[42] - 0.12 * g.hw, g.ly[42] - 0.01 * g.hh);
        gfx.setColor(frames ? new Color(28, 24, 26) : new Color(190, 190, 195));
        gfx.setStroke(new BasicStroke((float) ((frames ? 0.035 : 0.015) * g.hw)));
        gfx.draw(bridge);
    }
}
