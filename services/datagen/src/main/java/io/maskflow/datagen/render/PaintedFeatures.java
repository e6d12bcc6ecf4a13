package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedLook;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * The {@code painted} style's features, painted with soft edges: eyes (a shadowed socket, eye shadow under make-up,
 * the white as a small fill, iris and pupil as dabs with a catch light, a soft dark upper lid and a faint crease),
 * brows as strokes of hair-coloured dabs, the nose as light and shadow only (a shadow down its far side, a lit
 * bridge and tip, soft nostrils), lips as a fill softened by dabs with a lit lower lip and a dark parting; ears;
 * facial hair (stubble as specks, a moustache, a full beard or a goatee as masses of strokes); thin glasses and
 * earrings.
 */
final class PaintedFeatures {

    private PaintedFeatures() {
    }

    static void ears(Graphics2D gfx, Brush brush, PaintedHead h) {
        if (h.look.headwear() == 3) {
            return;
        }
        double hw = h.hw;
        double hh = h.hh;
        int skin = h.a.skin().getRGB() & 0xffffff;
        for (int side = -1; side <= 1; side += 2) {
            double x = side * 1.0 * hw;
            Ellipse2D ear = new Ellipse2D.Double(x - 0.14 * hw, -0.3 * hh, 0.28 * hw, 0.46 * hh);
            int colour = h.lit(Brush.mix(skin, 0xc06050, 0.12), x, -0.1 * hh, 1.05);
            gfx.setColor(new Color(colour));
            gfx.fill(h.turn(ear));
            h.dab(brush, x + side * 0.02 * hw, -0.08 * hh, 0, Math.PI / 2, 0.14 * hh, 0.05 * hw,
                    Brush.scale(colour, 0.75), 0.5, 0.3, -1);
        }
    }

    static void eyes(Graphics2D gfx, Brush brush, PaintedHead h) {
        Appearance a = h.a;
        PaintedLook look = h.look;
        double hh = h.hh;
        int skin = a.skin().getRGB() & 0xffffff;
        int lid = Brush.mix(Brush.scale(a.hairColor().getRGB() & 0xffffff, 0.6), 0x201814, 0.5);
        for (int first : new int[] {36, 42}) {
            double x0 = h.fx[first];
            double x1 = h.fx[first + 3];
            double cx = (x0 + x1) / 2;
            double cy = (h.fy[first + 1] + h.fy[first + 4]) / 2;
            double ew = x1 - x0;
            double eh = h.fy[first + 4] - h.fy[first + 1];
            // the socket's shadow and, under make-up, eye shadow on the lid
            int socket = Brush.scale(h.lit(skin, cx, cy, 1), 0.78);
            h.dab(brush, cx, cy - eh * 0.4, 0.02, 0, ew * 0.72, eh * 1.3, socket, 0.4, 0.1, -1);
            if (look.makeup() > 0) {
                int shade = Brush.mix(socket, look.makeupColor().getRGB() & 0xffffff, 0.4);
                h.dab(brush, cx, cy - eh * 0.55, 0.02, 0, ew * 0.6, eh * 0.75, Brush.scale(shade, 0.85),
                        0.2 + 0.4 * look.makeup(), 0.2, -1);
            }
            Path2D white = new Path2D.Double();
            white.moveTo(x0, h.fy[first]);
            white.quadTo(cx, cy - eh * 1.05, x1, h.fy[first + 3]);
            white.quadTo(cx, cy + eh * 0.95, x0, h.fy[first]);
            white.closePath();
            gfx.setColor(new Color(Brush.mix(h.lit(0xe6ddd4, cx, cy, 1), skin, 0.25)));
            gfx.fill(h.turn(white, 0.02));
            int iris = a.eyeColor().getRGB() & 0xffffff;
            double shift = h.sin * 0.06 * h.hw;
            h.dab(brush, cx + shift, cy, 0.04, Math.PI / 2, eh * 0.5, ew * 0.24, iris, 0.95, 0.7, -1);
            h.dab(brush, cx + shift, cy, 0.04, 0, ew * 0.1, ew * 0.1, 0x140e0c, 0.95, 0.75, -1);
            double glint = h.lx > 0 ? 1 : -1;
            h.dab(brush, cx + shift + glint * ew * 0.07, cy - eh * 0.15, 0.05, 0, ew * 0.04, ew * 0.04, 0xfffaf0,
                    0.85, 0.6, -1);
            // the upper lid's soft dark line, heavier with make-up; a faint lower lid; the lid's crease
            double w = Math.max(1.3, ew * (0.09 + 0.05 * look.makeup()));
            h.line(brush, x0 - ew * 0.02, h.fy[first] + eh * 0.05, cx, cy - eh * 1.15, x1, h.fy[first + 3], w, lid,
                    0.8, 0.35, 0.03);
            h.line(brush, x0 + ew * 0.1, h.fy[first] + eh * 0.2, cx, cy + eh * 1.0, x1 - ew * 0.05,
                    h.fy[first + 3] + eh * 0.05, w * 0.5, Brush.scale(socket, 0.8), 0.35, 0.3, 0.03);
            h.line(brush, x0 + ew * 0.05, cy - eh * 0.75, cx, cy - eh * 1.6, x1 - ew * 0.05, cy - eh * 0.8,
                    w * 0.6, Brush.scale(socket, 0.75), 0.3, 0.3, 0.03);
        }
    }

    static void brows(Brush brush, PaintedHead h) {
        Appearance a = h.a;
        double thick = a.browThickness() * h.hw / 62;
        int colour = Brush.mix(PaintedHair.colour(a), 0x2a2018, 0.3 * (1 - h.look.greying()));
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 57);
        for (int side = 0; side < 2; side++) {
            int inner = side == 0 ? 21 : 22;
            int outer = side == 0 ? 17 : 26;
            int mid = side == 0 ? 19 : 24;
            int c = h.lit(colour, h.fx[mid], h.fy[mid], 1.05);
            c = Brush.mix(c, colour, 0.5);
            h.line(brush, h.fx[inner], h.fy[inner] + thick * 0.3, h.fx[mid], h.fy[mid] - thick * 0.4, h.fx[outer],
                    h.fy[outer] + thick * 0.2, thick * 1.5, c, 0.55, 0.65, h.lift(mid));
            // single hairs, slanting outwards
            int dir = side == 0 ? -1 : 1;
            for (int k = 0; k < 14; k++) {
                double t = r.nextDouble();
                double x = h.fx[inner] + (h.fx[outer] - h.fx[inner]) * t;
                double y = h.fy[inner] + (h.fy[mid] - h.fy[inner]) * Math.sin(Math.PI * t) * 1.2 + (h.fy[outer]
                        - h.fy[inner]) * t * t + r.nextGaussian() * thick * 0.3;
                double angle = dir > 0 ? -0.35 : Math.PI + 0.35;
                h.dab(brush, x, y, h.lift(mid), angle, thick * (1.1 - 0.5 * t), Math.max(0.6, thick * 0.22),
                        Brush.scale(c, 0.9), 0.6, 0.4, -1);
            }
        }
    }

    static void nose(Brush brush, PaintedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        int skin = h.a.skin().getRGB() & 0xffffff;
        int side = h.lx >= 0 ? 1 : -1;
        double nw = h.fx[35] - h.fx[31];
        int shadow = Brush.scale(h.lit(skin, -side * 0.3 * hw, 0.1 * hh, 1), 0.8);
        // the shadow down the side away from the light, the lit bridge and tip
        h.line(brush, -side * 0.09 * hw, h.fy[27], -side * 0.13 * hw, h.fy[29], -side * 0.14 * hw, h.fy[30],
                nw * 0.35, shadow, 0.35, 0.2, 0.12);
        int lit = Brush.mix(h.lit(skin, side * 0.2 * hw, -0.3 * hh, 1), 0xfff4e6, 0.2);
        h.line(brush, side * 0.03 * hw, h.fy[27] + 0.03 * hh, side * 0.04 * hw, h.fy[29], side * 0.03 * hw,
                h.fy[30] - 0.02 * hh, nw * 0.18, lit, 0.3, 0.3, h.lift(29));
        int tip = Brush.mix(h.lit(Brush.mix(skin, 0xd06050, 0.12), 0, h.fy[30], 1), 0xfff4e6, 0.12);
        h.dab(brush, side * 0.02 * hw, h.fy[30], h.lift(30), 0, nw * 0.28, nw * 0.22, tip, 0.45, 0.3, -1);
        // under the tip and the nostrils
        int deep = Brush.scale(shadow, 0.75);
        h.dab(brush, 0, h.fy[33] + 0.015 * hh, h.lift(33), 0, nw * 0.42, hh * 0.025, deep, 0.45, 0.2, -1);
        for (int k : new int[] {32, 34}) {
            h.dab(brush, h.fx[k], h.fy[k], h.lift(k), 0, nw * 0.12, nw * 0.07, Brush.scale(deep, 0.7), 0.7, 0.5, -1);
        }
        for (int k : new int[] {31, 35}) {
            h.dab(brush, h.fx[k], h.fy[k] - 0.02 * hh, h.lift(k), Math.PI / 2, nw * 0.14, nw * 0.07, shadow, 0.35,
                    0.2, -1);
        }
    }

    static void mouth(Graphics2D gfx, Brush brush, PaintedHead h) {
        Appearance a = h.a;
        PaintedLook look = h.look;
        int lip = a.lipColor().getRGB() & 0xffffff;
        if (look.makeup() > 0) {
            lip = Brush.mix(lip, look.makeupColor().getRGB() & 0xffffff, 0.35 + 0.5 * look.makeup());
        }
        double cx = h.fx[51];
        double cy = h.fy[62];
        Path2D upper = new Path2D.Double();
        upper.moveTo(h.fx[48], h.fy[48]);
        for (int k = 49; k <= 54; k++) {
            upper.lineTo(h.fx[k], h.fy[k]);
        }
        for (int k = 64; k >= 60; k--) {
            upper.lineTo(h.fx[k], h.fy[k]);
        }
        upper.closePath();
        Path2D lower = new Path2D.Double();
        lower.moveTo(h.fx[54], h.fy[54]);
        for (int k = 55; k <= 59; k++) {
            lower.lineTo(h.fx[k], h.fy[k]);
        }
        lower.lineTo(h.fx[48], h.fy[48]);
        for (int k : new int[] {60, 67, 66, 65, 64}) {
            lower.lineTo(h.fx[k], h.fy[k]);
        }
        lower.closePath();
        double mw = h.fx[54] - h.fx[48];
        double lh = h.fy[57] - h.fy[51];
        gfx.setColor(new Color(Brush.scale(h.lit(lip, cx, cy - lh * 0.2, 1), 0.85)));
        gfx.fill(h.turn(upper, 0.08));
        gfx.setColor(new Color(h.lit(lip, cx, cy + lh * 0.3, 1)));
        gfx.fill(h.turn(lower, 0.08));
        // softening dabs over the edges, a lit lower lip, the parting and the corners
        int soft = h.lit(Brush.mix(lip, a.skin().getRGB() & 0xffffff, 0.4), cx, cy, 1);
        for (int k = 48; k <= 59; k++) {
            h.dab(brush, h.fx[k], h.fy[k], 0.08, 0, mw * 0.08, lh * 0.12, soft, 0.35, 0.1, -1);
        }
        int shine = Brush.mix(h.lit(lip, cx, cy, 1), 0xfff0e8, 0.35);
        h.dab(brush, cx + (h.lx > 0 ? 1 : -1) * mw * 0.08, (h.fy[66] + h.fy[57]) / 2, 0.09, 0, mw * 0.16, lh * 0.1,
                shine, 0.4, 0.2, -1);
        int parting = Brush.scale(h.lit(lip, cx, cy, 1), 0.45);
        h.line(brush, h.fx[60], h.fy[60], h.fx[62], h.fy[62] + lh * 0.05, h.fx[64], h.fy[64], Math.max(1.2, lh
                * 0.1), parting, 0.75, 0, 0.08);
        int skin = a.skin().getRGB() & 0xffffff;
        for (int k : new int[] {48, 54}) {
            h.dab(brush, h.fx[k], h.fy[k], 0.06, 0, mw * 0.06, lh * 0.1, Brush.scale(h.lit(skin, h.fx[k], h.fy[k],
                    1), 0.7), 0.5, 0.3, -1);
        }
        // the shadow under the lower lip
        h.dab(brush, cx, h.fy[57] + lh * 0.25, 0.07, 0, mw * 0.3, lh * 0.16, Brush.scale(h.lit(skin, cx, h.fy[57],
                1), 0.8), 0.35, 0.1, -1);
    }

    /** Stubble as specks, a moustache, a full beard or a goatee as masses of short strokes in the hair's colour. */
    static void facialHair(Graphics2D gfx, Brush brush, PaintedHead h, Path2D outline) {
        int kind = h.a.facialHair();
        if (kind == 0) {
            return;
        }
        double hw = h.hw;
        double hh = h.hh;
        int hair = PaintedHair.colour(h.a);
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 77);
        double mouthY = h.fy[62];
        if (kind == 1 || kind == 3) {
            // stubble: a shade and specks over the lower face, around the mouth
            int specks = kind == 1 ? 260 : 120;
            for (int k = 0; k < specks; k++) {
                double[] p = PaintedHead.inside(outline, r);
                if (p[1] < h.fy[31] - 0.02 * hh || Math.abs(p[0]) > 0.95 * hw
                        || Math.abs(p[0]) < 0.3 * hw && Math.abs(p[1] - mouthY) < 0.07 * hh) {
                    continue;
                }
                h.dab(brush, p[0], p[1], 0.05, r.nextDouble() * Math.PI, hw * 0.022, hw * 0.01,
                        h.lit(hair, p[0], p[1], 1), 0.3, 0.4, -1);
            }
        }
        Path2D mass = new Path2D.Double();
        if (kind == 2 || kind == 3) {
            mass.moveTo(h.fx[48] - 0.04 * hw, h.fy[48] + 0.03 * hh);
            mass.quadTo(h.fx[31] - 0.05 * hw, h.fy[31] + 0.03 * hh, 0, h.fy[33] + 0.015 * hh);
            mass.quadTo(h.fx[35] + 0.05 * hw, h.fy[35] + 0.03 * hh, h.fx[54] + 0.04 * hw, h.fy[54] + 0.03 * hh);
            mass.quadTo(0, h.fy[51] - 0.01 * hh, h.fx[48] - 0.04 * hw, h.fy[48] + 0.03 * hh);
            mass.closePath();
        }
        if (kind == 3) {
            Path2D beard = new Path2D.Double();
            beard.moveTo(h.fx[2], h.fy[2] - 0.05 * hh);
            for (int i = 2; i <= 14; i++) {
                beard.lineTo(h.fx[i] * 1.02, h.fy[i] + 0.06 * hh * Math.sin(Math.PI * i / 16));
            }
            beard.lineTo(h.fx[14] * 0.8, h.fy[14] - 0.05 * hh);
            beard.quadTo(h.fx[54] + 0.12 * hw, h.fy[54], h.fx[57], h.fy[57] + 0.04 * hh);
            beard.quadTo(h.fx[48] - 0.12 * hw, h.fy[48], h.fx[2] * 0.8, h.fy[2] - 0.05 * hh);
            beard.closePath();
            mass.append(beard, false);
        } else if (kind == 4) {
            mass.append(new Ellipse2D.Double(-0.24 * hw, h.fy[57] + 0.02 * hh, 0.48 * hw, 0.3 * hh), false);
            mass.append(new Ellipse2D.Double(h.fx[48] - 0.05 * hw, h.fy[48] - 0.03 * hh, mw(h) + 0.1 * hw,
                    0.07 * hh), false);
        }
        if (kind >= 2) {
            gfx.setColor(new Color(Brush.scale(h.lit(hair, 0, mouthY, 1), 0.85)));
            gfx.fill(h.turn(mass, 0.05));
            int strokes = kind == 3 ? 240 : 90;
            for (int k = 0; k < strokes; k++) {
                double[] p = PaintedHead.inside(mass, r);
                double angle = Math.PI / 2 + Math.signum(p[0]) * 0.3 + r.nextGaussian() * 0.25;
                int c = h.lit(hair, p[0], p[1], 1.02);
                c = Brush.scale(c, 0.8 + 0.4 * r.nextDouble());
                h.dab(brush, p[0], p[1], 0.05, angle, hw * (0.03 + 0.03 * r.nextDouble()), hw * 0.012, c, 0.6, 0.4,
                        -1);
            }
        }
    }

    private static double mw(PaintedHead h) {
        return h.fx[54] - h.fx[48];
    }

    static void glasses(Graphics2D gfx, Brush brush, PaintedHead h) {
        if (h.a.glasses() == 0) {
            return;
        }
        double hw = h.hw;
        double hh = h.hh;
        Color frame = (h.a.textureSeed() & 2) == 0 ? new Color(40, 30, 26) : new Color(170, 140, 80);
        Path2D frames = new Path2D.Double();
        for (int first : new int[] {36, 42}) {
            double cx = (h.fx[first] + h.fx[first + 3]) / 2;
            double cy = (h.fy[first + 1] + h.fy[first + 4]) / 2;
            frames.append(new RoundRectangle2D.Double(cx - 0.24 * hw, cy - 0.13 * hh, 0.48 * hw, 0.25 * hh,
                    0.18 * hw, 0.14 * hh), false);
        }
        frames.moveTo(-0.17 * hw, h.fy[39] - 0.04 * hh);
        frames.quadTo(0, h.fy[39] - 0.09 * hh, 0.17 * hw, h.fy[42] - 0.04 * hh);
        frames.moveTo(-0.65 * hw, h.fy[36] - 0.06 * hh);
        frames.lineTo(-1.0 * hw, h.fy[36] - 0.08 * hh);
        frames.moveTo(0.65 * hw, h.fy[45] - 0.06 * hh);
        frames.lineTo(1.0 * hw, h.fy[45] - 0.08 * hh);
        gfx.setColor(new Color(frame.getRed(), frame.getGreen(), frame.getBlue(), 210));
        gfx.setStroke(new BasicStroke((float) Math.max(1.2, hw * 0.028), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        gfx.draw(h.turn(frames, 0.12));
        int side = h.lx >= 0 ? 1 : -1;
        for (int first : new int[] {36, 42}) {
            double cx = (h.fx[first] + h.fx[first + 3]) / 2 + side * 0.08 * hw;
            h.dab(brush, cx, h.fy[first + 1] - 0.03 * hh, 0.12, -0.6 * side, 0.1 * hw, 0.025 * hw, 0xfffcf4, 0.35,
                    0.2, -1);
        }
    }

    static void earrings(Brush brush, PaintedHead h) {
        if (!h.a.earrings() || h.look.headwear() == 3) {
            return;
        }
        int gold = (h.a.textureSeed() & 4) == 0 ? 0xd8b060 : 0xd8d8e0;
        for (int side = -1; side <= 1; side += 2) {
            double x = side * 1.0 * h.hw;
            double y = 0.2 * h.hh;
            h.dab(brush, x, y, 0, 0, h.hw * 0.045, h.hw * 0.045, h.lit(gold, x, y, 1.05), 0.95, 0.7, -1);
            h.dab(brush, x - 0.01 * h.hw, y - 0.015 * h.hw, 0, 0, h.hw * 0.015, h.hw * 0.015, 0xffffff, 0.7, 0.5, -1);
        }
    }
}
