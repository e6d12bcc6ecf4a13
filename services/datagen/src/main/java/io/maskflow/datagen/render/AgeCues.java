package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.QuadCurve2D;
import java.util.SplittableRandom;

/**
 * The signs of age, all driven by the continuous {@code ageing} value: forehead lines, crow's feet, bags under
 * the eyes, nasolabial folds, jowls and age spots fade in gradually, so neighbouring ages look alike.
 */
final class AgeCues {

    private AgeCues() {
    }

    static void paint(Graphics2D gfx, Appearance a, FaceGeometry g) {
        double s = a.ageing();
        if (s <= 0.05) {
            return;
        }
        double hw = g.hw;
        double hh = g.hh;
        gfx.setStroke(new BasicStroke((float) (0.8 + s * 1.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int lines = (int) Math.round(s * 4.4);
        for (int i = 0; i < lines; i++) {
            double y = -0.62 * hh - i * 0.07 * hh;
            gfx.setColor(line(a, s * (0.7 - i * 0.08)));
            gfx.draw(new QuadCurve2D.Double(-0.45 * hw + g.shift, y, g.shift, y - 0.04 * hh, 0.45 * hw + g.shift, y));
        }
        if (s > 0.25) {
            gfx.setColor(line(a, (s - 0.25) * 0.9));
            for (int side = -1; side <= 1; side += 2) {
                int corner = side < 0 ? 36 : 45;
                for (int k = -1; k <= 1; k++) {
                    double x = g.lx[corner] + side * 0.05 * hw;
                    double y = g.ly[corner] + k * 0.04 * hh;
                    gfx.draw(new Line2D.Double(x, y, x + side * 0.1 * hw, y + k * 0.035 * hh));
                }
            }
        }
        gfx.setColor(line(a, s * 0.55));
        for (int first : new int[] {36, 42}) {
            gfx.draw(new QuadCurve2D.Double(g.lx[first], g.ly[first + 4] + 0.05 * hh, (g.lx[first] + g.lx[first + 3])
                    / 2, g.ly[first + 4] + 0.1 * hh + s * 0.03 * hh, g.lx[first + 3], g.ly[first + 4] + 0.05 * hh));
        }
        gfx.setColor(line(a, s * 0.8));
        gfx.draw(new QuadCurve2D.Double(g.lx[31] - 0.05 * hw, g.ly[31] - 0.02 * hh, g.lx[48] - 0.12 * hw,
                g.ly[48] - 0.05 * hh, g.lx[48] - 0.06 * hw, g.ly[48] + 0.12 * hh));
        gfx.draw(new QuadCurve2D.Double(g.lx[35] + 0.05 * hw, g.ly[35] - 0.02 * hh, g.lx[54] + 0.12 * hw,
                g.ly[54] - 0.05 * hh, g.lx[54] + 0.06 * hw, g.ly[54] + 0.12 * hh));
        if (s > 0.5) {
            gfx.setColor(line(a, (s - 0.5) * 0.9));
            gfx.draw(new QuadCurve2D.Double(g.lx[5], g.ly[5] - 0.1 * hh, g.lx[6] + 0.04 * hw, g.ly[6],
                    g.lx[7], g.ly[7] + 0.02 * hh));
            gfx.draw(new QuadCurve2D.Double(g.lx[11], g.ly[11] - 0.1 * hh, g.lx[10] - 0.04 * hw, g.ly[10],
                    g.lx[9], g.ly[9] + 0.02 * hh));
        }
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 7);
        for (int i = 0; i < a.ageSpots(); i++) {
            double x = (r.nextDouble() * 1.4 - 0.7) * hw;
            double y = (r.nextDouble() * 1.2 - 0.8) * hh;
            double d = 2 + r.nextDouble() * 3;
            gfx.setColor(new Color(110, 75, 50, 60 + r.nextInt(50)));
            gfx.fill(new Ellipse2D.Double(x, y, d, d * 0.8));
        }
    }

    /** Brows grey more slowly than head hair. */
    static Color browColor(Appearance a) {
        Color hair = a.hairColor();
        return FaceRenderer.shade(hair, hair.getRed() > 120 ? 0.8 : 1.0);
    }

    private static Color line(Appearance a, double strength) {
        int alpha = FaceRenderer.clip(255 * Math.max(0, Math.min(0.85, strength)));
        Color c = FaceRenderer.shade(a.skin(), 0.55);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
