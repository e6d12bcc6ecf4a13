package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.AppearanceSampler;
import io.maskflow.datagen.people.InkedLook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/**
 * The {@code inked} style's features, front-on and turned with the head: ears and earrings, eyes (an inked upper lid,
 * iris, pupil and catch light, lashes, an eyeliner wing under make-up), brows as filled tapering strokes, the nose
 * as a single ink line with a nostril, lips in flat tones with a parting line, facial hair and round glasses.
 */
final class InkedFeatures {

    private InkedFeatures() {
    }

    static void ears(Graphics2D gfx, Appearance a, InkedHead h) {
        InkedLook look = a.inked();
        for (int side = -1; side <= 1; side += 2) {
            double x = side * h.hw * 0.97;
            Path2D ear = new Path2D.Double();
            ear.moveTo(x, -0.22 * h.hh);
            ear.curveTo(x + side * 0.2 * h.hw, -0.3 * h.hh, x + side * 0.22 * h.hw, 0.12 * h.hh, x - side * 0.02 * h.hw,
                    0.16 * h.hh);
            ear.closePath();
            Path2D turned = h.turn(ear);
            gfx.setColor(side == h.light ? a.skin() : Ink.shadow(a.skin()));
            gfx.fill(turned);
            Ink.line(gfx, turned, h.feature, look.ink(), h.light);
            Path2D fold = new Path2D.Double();
            fold.moveTo(x + side * 0.04 * h.hw, -0.14 * h.hh);
            fold.quadTo(x + side * 0.13 * h.hw, -0.05 * h.hh, x + side * 0.05 * h.hw, 0.07 * h.hh);
            Ink.stroke(gfx, h.turn(fold), h.fine, look.ink());
            if (a.earrings()) {
                double d = 0.1 * h.hw;
                Shape ring = h.turn(new Ellipse2D.Double(x + side * 0.05 * h.hw - d / 2, 0.15 * h.hh, d, d * 1.3));
                Ink.stroke(gfx, ring, h.feature * 1.4, new Color(214, 176, 70));
                Ink.stroke(gfx, ring, h.fine * 0.6, look.ink());
            }
        }
    }

    /** The eye shape through the six landmarks of one eye, front-on. */
    private static Path2D eyeShape(InkedHead h, int first) {
        Path2D eye = new Path2D.Double();
        eye.moveTo(h.fx[first], h.fy[first]);
        eye.curveTo(h.fx[first + 1], h.fy[first + 1] - 0.01 * h.hh, h.fx[first + 2], h.fy[first + 2] - 0.01 * h.hh,
                h.fx[first + 3], h.fy[first + 3]);
        eye.curveTo(h.fx[first + 4], h.fy[first + 4], h.fx[first + 5], h.fy[first + 5], h.fx[first], h.fy[first]);
        eye.closePath();
        return eye;
    }

    static void eyes(Graphics2D gfx, Appearance a, InkedHead h) {
        InkedLook look = a.inked();
        Color ink = look.ink();
        for (int first : new int[] {36, 42}) {
            double left = h.fx[first];
            double right = h.fx[first + 3];
            double ew = right - left;
            double cx = (left + right) / 2;
            double cy = h.fy[first];
            double eh = h.fy[first + 4] - h.fy[first + 1];
            Path2D eye = h.turn(eyeShape(h, first));
            gfx.setColor(new Color(250, 248, 242));
            gfx.fill(eye);
            Shape clip = gfx.getClip();
            gfx.clip(eye);
            double iris = eh * 0.95;
            double look0 = h.sin * 0.12 * ew;
            gfx.setColor(a.eyeColor());
            gfx.fill(h.turn(new Ellipse2D.Double(cx + look0 - iris / 2, cy - iris * 0.5, iris, iris)));
            gfx.setColor(ink);
            double pupil = iris * 0.45;
            gfx.fill(h.turn(new Ellipse2D.Double(cx + look0 - pupil / 2, cy - pupil * 0.5, pupil, pupil)));
            gfx.setColor(Ink.shadow(new Color(250, 248, 242)));
            gfx.fill(h.turn(new Ellipse2D.Double(left, cy - eh * 0.75, ew, eh * 0.45)));
            gfx.setClip(clip);
            gfx.setColor(Color.WHITE);
            double glint = iris * 0.22;
            gfx.fill(h.turn(new Ellipse2D.Double(cx + look0 + iris * 0.12, cy - iris * 0.3, glint, glint)));
            // the upper lid: a heavy line; the lower lid: a short thin one
            Path2D upper = new Path2D.Double();
            upper.moveTo(left - 0.02 * ew, h.fy[first] + 0.02 * eh);
            upper.curveTo(h.fx[first + 1], h.fy[first + 1] - 0.01 * h.hh, h.fx[first + 2], h.fy[first + 2] - 0.01
                    * h.hh, right + 0.02 * ew, h.fy[first + 3]);
            Ink.line(gfx, h.turn(upper), h.feature * 1.3, ink, h.light);
            Path2D lower = new Path2D.Double();
            lower.moveTo(left + 0.25 * ew, h.fy[first + 5] + 0.02 * eh);
            lower.quadTo(cx, h.fy[first + 4] + 0.12 * eh, right - 0.15 * ew, h.fy[first + 4]);
            Ink.stroke(gfx, h.turn(lower), h.fine, ink);
            Path2D crease = new Path2D.Double();
            crease.moveTo(left + 0.15 * ew, h.fy[first + 1] - 0.25 * eh);
            crease.quadTo(cx, h.fy[first + 1] - 0.55 * eh, right - 0.05 * ew, h.fy[first + 2] - 0.2 * eh);
            Ink.stroke(gfx, h.turn(crease), h.fine * 0.8, Ink.alpha(ink, 170));
            int outer = first == 36 ? -1 : 1;
            double corner = outer < 0 ? left : right;
            Path2D lashes = new Path2D.Double();
            int count = 1 + (int) Math.round(look.lashes() * 4);
            for (int k = 0; k < count; k++) {
                double t = 0.55 + 0.45 * k / Math.max(1, count - 1);
                double x = cx + outer * t * ew / 2;
                double y = cy - eh * 0.5 * Math.sqrt(Math.max(0, 1 - t * t)) - 0.01 * h.hh;
                lashes.moveTo(x, y);
                lashes.lineTo(x + outer * (0.05 + 0.12 * look.lashes()) * ew, y - (0.1 + 0.3 * look.lashes()) * eh);
            }
            Ink.stroke(gfx, h.turn(lashes), h.fine * (0.8 + 0.6 * look.lashes()), ink);
            if (look.makeup() > 0.3) {
                Path2D wing = new Path2D.Double();
                wing.moveTo(corner - outer * 0.1 * ew, h.fy[first] - 0.1 * eh);
                wing.lineTo(corner + outer * 0.22 * ew, h.fy[first] - 0.4 * eh);
                wing.lineTo(corner, h.fy[first] + 0.05 * eh);
                wing.closePath();
                gfx.setColor(ink);
                gfx.fill(h.turn(wing));
            }
        }
    }

    static void brows(Graphics2D gfx, Appearance a, InkedHead h) {
        InkedLook look = a.inked();
        Color hair = InkedHair.colour(a);
        double thick = a.browThickness() * h.hw / 64;
        for (int side = 0; side < 2; side++) {
            int from = side == 0 ? 17 : 22;
            Path2D brow = new Path2D.Double();
            for (int k = 0; k < 5; k++) {
                int i = from + k;
                double taper = 0.45 + 0.55 * (side == 0 ? k : 4 - k) / 4.0;
                if (k == 0) {
                    brow.moveTo(h.fx[i], h.fy[i] - thick * taper * 0.5);
                } else {
                    brow.lineTo(h.fx[i], h.fy[i] - thick * taper * 0.5);
                }
            }
            for (int k = 4; k >= 0; k--) {
                int i = from + k;
                double taper = 0.45 + 0.55 * (side == 0 ? k : 4 - k) / 4.0;
                brow.lineTo(h.fx[i], h.fy[i] + thick * taper * 0.5);
            }
            brow.closePath();
            Path2D turned = h.turn(brow, 0.04);
            gfx.setColor(hair);
            gfx.fill(turned);
            Ink.stroke(gfx, turned, h.fine * 0.9, look.ink());
        }
    }

    /** The nose: one ink line down the shadow side of the bridge to a hook round the tip, and a nostril. */
    static void nose(Graphics2D gfx, Appearance a, InkedHead h) {
        FaceGeometry g = h.g;
        int away = -h.light;
        double nw = g.lx[35] - g.lx[31];
        Path2D line = new Path2D.Double();
        line.moveTo(g.lx[28] + away * 0.05 * h.hw, g.ly[28]);
        line.quadTo(g.lx[30] + away * 0.08 * h.hw, g.ly[30] - 0.02 * h.hh, g.lx[30] + away * 0.02 * h.hw, g.ly[33]);
        line.quadTo(g.lx[33], g.ly[33] + 0.02 * h.hh, g.lx[33] - away * 0.1 * nw, g.ly[33]);
        Ink.line(gfx, line, h.feature, a.inked().ink(), h.light);
        Path2D nostrils = new Path2D.Double();
        for (int i : new int[] {32, 34}) {
            nostrils.moveTo(g.lx[i] - 0.03 * h.hw, g.ly[i] - 0.01 * h.hh);
            nostrils.quadTo(g.lx[i], g.ly[i] + 0.015 * h.hh, g.lx[i] + 0.03 * h.hw, g.ly[i] - 0.01 * h.hh);
        }
        Ink.stroke(gfx, nostrils, h.fine, a.inked().ink());
    }

    static void mouth(Graphics2D gfx, Appearance a, InkedHead h) {
        InkedLook look = a.inked();
        Color lips = look.makeup() > 0
                ? AppearanceSampler.mix(a.lipColor(), look.makeupColor(), 0.4 + 0.6 * look.makeup()) : a.lipColor();
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
        for (int k = 67; k >= 64; k--) {
            lower.lineTo(h.fx[k], h.fy[k]);
        }
        lower.closePath();
        gfx.setColor(Ink.shadow(lips));
        gfx.fill(h.turn(upper, 0.03));
        gfx.setColor(lips);
        gfx.fill(h.turn(lower, 0.03));
        Path2D parting = new Path2D.Double();
        parting.moveTo(h.fx[48], h.fy[48]);
        parting.quadTo(h.fx[62], h.fy[62] + 0.01 * h.hh, h.fx[54], h.fy[54]);
        Ink.line(gfx, h.turn(parting, 0.03), h.feature, look.ink(), h.light);
        Path2D under = new Path2D.Double();
        under.moveTo(h.fx[58], h.fy[58] + 0.01 * h.hh);
        under.quadTo(h.fx[57], h.fy[57] + 0.03 * h.hh, h.fx[56], h.fy[56] + 0.01 * h.hh);
        Ink.stroke(gfx, h.turn(under, 0.03), h.fine * 0.8, Ink.alpha(look.ink(), look.makeup() > 0 ? 220 : 120));
    }

    /** Stubble as ink dots, a moustache, a goatee or a full beard, in the hair's colour with ink strands. */
    static void facialHair(Graphics2D gfx, Appearance a, InkedHead h, Path2D outline) {
        int kind = a.facialHair();
        if (kind == 0) {
            return;
        }
        InkedLook look = a.inked();
        Color hair = InkedHair.colour(a);
        double hw = h.hw;
        double hh = h.hh;
        if (kind == 1) {
            SplittableRandom r = new SplittableRandom(a.textureSeed() + 7);
            Path2D dots = new Path2D.Double();
            for (int i = 0; i < 160; i++) {
                double angle = Math.PI * (0.08 + 0.84 * r.nextDouble());
                double radius = 0.55 + 0.45 * Math.sqrt(r.nextDouble());
                double x = -Math.cos(angle) * radius * hw * 0.85;
                double y = 0.2 * hh + Math.sin(angle) * radius * 0.85 * hh;
                if (Math.abs(x) < 0.3 * hw && y < h.fy[33] + 0.05 * hh) {
                    continue;
                }
                dots.append(new Ellipse2D.Double(x, y, hw * 0.018, hw * 0.018), false);
            }
            Shape clip = gfx.getClip();
            gfx.clip(outline);
            gfx.setColor(Ink.alpha(look.ink(), 150));
            gfx.fill(h.turn(dots));
            gfx.setClip(clip);
            return;
        }
        Path2D shape = new Path2D.Double();
        double top = h.fy[33] + 0.04 * hh;
        double mouth = h.fy[51];
        if (kind == 2 || kind == 4) {
            shape.moveTo(h.fx[48] - 0.06 * hw, h.fy[48] + 0.04 * hh);
            shape.quadTo(h.fx[48], top, 0, top);
            shape.quadTo(h.fx[54], top, h.fx[54] + 0.06 * hw, h.fy[54] + 0.04 * hh);
            shape.quadTo(h.fx[54], mouth + 0.01 * hh, 0, mouth - 0.005 * hh);
            shape.quadTo(h.fx[48], mouth + 0.01 * hh, h.fx[48] - 0.06 * hw, h.fy[48] + 0.04 * hh);
            shape.closePath();
        }
        if (kind == 3) {
            shape.moveTo(h.fx[58] - 0.03 * hw, h.fy[58] + 0.04 * hh);
            shape.quadTo(h.fx[7], h.fy[8] - 0.05 * hh, h.fx[8], h.fy[8] + 0.05 * hh);
            shape.quadTo(h.fx[9], h.fy[8] - 0.05 * hh, h.fx[56] + 0.03 * hw, h.fy[56] + 0.04 * hh);
            shape.closePath();
        }
        if (kind == 4) {
            shape.moveTo(h.fx[2], h.fy[2]);
            for (int i = 3; i <= 14; i++) {
                shape.lineTo(h.fx[i] * 1.02, h.fy[i] + (i >= 6 && i <= 10 ? 0.08 * hh : 0.03 * hh));
            }
            shape.lineTo(h.fx[14] * 0.9, h.fy[14]);
            shape.quadTo(h.fx[54] + 0.15 * hw, h.fy[54], h.fx[56] + 0.02 * hw, h.fy[57] + 0.04 * hh);
            shape.lineTo(h.fx[58] - 0.02 * hw, h.fy[57] + 0.04 * hh);
            shape.quadTo(h.fx[48] - 0.15 * hw, h.fy[48], h.fx[2] * 0.9, h.fy[2]);
            shape.closePath();
        }
        Path2D turned = h.turn(shape, 0.03);
        gfx.setColor(hair);
        gfx.fill(turned);
        Shape clip = gfx.getClip();
        gfx.clip(turned);
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 11);
        Path2D strands = new Path2D.Double();
        java.awt.geom.Rectangle2D box = shape.getBounds2D();
        for (int i = 0; i < 40; i++) {
            double x = box.getX() + r.nextDouble() * box.getWidth();
            double y = box.getY() + r.nextDouble() * box.getHeight();
            strands.moveTo(x, y);
            strands.lineTo(x + (r.nextDouble() - 0.5) * 0.03 * hw, y + 0.06 * hh);
        }
        Ink.stroke(gfx, h.turn(strands, 0.03), h.fine * 0.8, Ink.alpha(look.ink(), 170));
        gfx.setClip(clip);
        Ink.line(gfx, turned, h.fine * 1.2, look.ink(), h.light);
    }

    static void glasses(Graphics2D gfx, Appearance a, InkedHead h) {
        if (a.glasses() == 0) {
            return;
        }
        Path2D frames = new Path2D.Double();
        for (int first : new int[] {36, 42}) {
            double cx = (h.fx[first] + h.fx[first + 3]) / 2;
            double cy = h.fy[first];
            double r = (h.fx[first + 3] - h.fx[first]) * 0.68;
            frames.append(new Ellipse2D.Double(cx - r, cy - r * 0.85, 2 * r, 1.7 * r), false);
        }
        frames.moveTo(h.fx[39] + 0.05 * h.hw, h.fy[39] - 0.03 * h.hh);
        frames.quadTo(0, h.fy[39] - 0.08 * h.hh, h.fx[42] - 0.05 * h.hw, h.fy[42] - 0.03 * h.hh);
        Ink.line(gfx, h.turn(frames, 0.08), h.feature, a.inked().ink(), h.light);
    }
}
