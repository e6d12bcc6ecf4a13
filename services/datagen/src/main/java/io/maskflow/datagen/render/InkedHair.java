package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.AppearanceSampler;
import io.maskflow.datagen.people.InkedLook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The {@code inked} style's hair: filled shapes with a cel shadow (or hatching) on the side away from the light, a
 * broken highlight band, ink strand lines and an inked outline. Seven styles of its own: crew cut, spiky, swept
 * quiff, bob, long, ponytail and curly; a receding hairline lifts the hairline and the temples.
 */
final class InkedHair {

    private InkedHair() {
    }

    /** The hair's colour after greying: towards a light grey, then white. */
    static Color colour(Appearance a) {
        double grey = a.inked().greying();
        Color silver = AppearanceSampler.mix(new Color(168, 166, 168), new Color(238, 236, 232), grey);
        return AppearanceSampler.mix(a.hairColor(), silver, Math.min(1, grey * 1.1));
    }

    /** What hangs behind the head: the bob's and long hair's back, a ponytail, a mass of curls. */
    static void back(Graphics2D gfx, Appearance a, InkedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        Path2D shape = new Path2D.Double();
        switch (a.hairStyle()) {
            case 3 -> shape.append(new java.awt.geom.RoundRectangle2D.Double(-1.22 * hw, -1.05 * hh, 2.44 * hw,
                    1.82 * hh, 0.9 * hw, 0.5 * hh), false);
            case 4 -> {
                shape.moveTo(-1.15 * hw, -0.6 * hh);
                shape.curveTo(-1.3 * hw, 0.5 * hh, -1.45 * hw, 1.4 * hh, -1.3 * hw, 2.1 * hh);
                shape.lineTo(1.3 * hw, 2.1 * hh);
                shape.curveTo(1.45 * hw, 1.4 * hh, 1.3 * hw, 0.5 * hh, 1.15 * hw, -0.6 * hh);
                shape.closePath();
            }
            case 5 -> {
                int side = (a.textureSeed() & 1) == 0 ? 1 : -1;
                shape.moveTo(side * 0.8 * hw, -0.85 * hh);
                shape.curveTo(side * 1.55 * hw, -0.7 * hh, side * 1.45 * hw, 0.4 * hh, side * 1.2 * hw, 1.0 * hh);
                shape.curveTo(side * 1.05 * hw, 0.4 * hh, side * 1.0 * hw, -0.3 * hh, side * 0.7 * hw, -0.6 * hh);
                shape.closePath();
            }
            case 6 -> {
                for (int k = 0; k < 11; k++) {
                    double t = Math.PI * (0.9 + 1.2 * k / 10.0);
                    double r = 0.42 * hw;
                    double x = Math.cos(t) * 1.05 * hw;
                    double y = Math.sin(t) * 0.95 * hh - 0.25 * hh;
                    shape.append(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), false);
                }
                for (int side = -1; side <= 1; side += 2) {
                    double r = 0.4 * hw;
                    shape.append(new Ellipse2D.Double(side * 1.1 * hw - r, 0.05 * hh - r, 2 * r, 2 * r), false);
                }
            }
            default -> {
                return;
            }
        }
        paint(gfx, a, h, h.turn(shape), shape.getBounds2D(), true);
    }

    /** The hair on the head, over the face's top: its shape by style, strands, shading and outline. */
    static void front(Graphics2D gfx, Appearance a, InkedHead h, Path2D face) {
        double hw = h.hw;
        double hh = h.hh;
        int style = a.hairStyle();
        double recede = a.hairline();
        double w = switch (style) {
            case 3 -> 1.2;
            case 4 -> 1.16;
            case 6 -> 1.28;
            case 1 -> 1.08;
            default -> 1.05;
        } * hw;
        double top = switch (style) {
            case 1 -> -1.36;
            case 2 -> -1.34;
            case 6 -> -1.4;
            case 3, 4 -> -1.24;
            default -> -1.19;
        } * hh;
        double sideY = switch (style) {
            case 3 -> 0.5;
            case 4 -> 0.95;
            case 6 -> 0.15;
            default -> -0.28;
        } * hh;
        double hairY = (style == 3 ? -0.52 : style == 6 ? -0.64 : -0.72) * hh - recede * 0.33 * hh;
        double temple = recede * 0.22 * hh;
        Path2D cap = new Path2D.Double();
        cap.moveTo(-w, sideY);
        if (style == 1 || style == 6) {
            // spikes or curls along the top
            int n = style == 1 ? 9 : 12;
            for (int k = 0; k <= n; k++) {
                double t = Math.PI * (1 + k / (double) n);
                double out = style == 1 ? (k % 2 == 0 ? 1.0 : 1.16) : 1.0;
                double x = Math.cos(t) * w * out;
                double y = -0.45 * hh + Math.sin(t) * (-top - 0.45 * hh) * out;
                if (style == 6) {
                    double mx = Math.cos(t - Math.PI / n / 2) * w * 1.1;
                    double my = -0.45 * hh + Math.sin(t - Math.PI / n / 2) * (-top - 0.45 * hh) * 1.1;
                    cap.quadTo(mx, my, x, y);
                } else {
                    cap.lineTo(x, y);
                }
            }
        } else {
            double lift = style == 2 ? 0.3 * hw : 0;
            cap.curveTo(-w, -0.95 * hh, -0.8 * w - lift, top, lift * 0.5, top);
            cap.curveTo(0.8 * w, top, w, -0.95 * hh, w, sideY);
        }
        // the inner contour: down the side, up to the temple, across the forehead
        double inner = style == 3 || style == 4 ? 0.86 * hw : 0.97 * hw;
        if (style == 4) {
            // long locks taper to a point and curve in along the cheek
            cap.quadTo(w * 1.02, sideY + 0.15 * hh, (w + inner) / 2, sideY + 0.2 * hh);
            cap.quadTo(inner * 0.95, 0.3 * hh, inner * 0.98, -0.35 * hh);
        } else {
            cap.lineTo(inner, sideY);
            cap.lineTo(inner * 0.98, -0.35 * hh);
        }
        if (style == 4) {
            cap.curveTo(0.7 * hw, -0.7 * hh, 0.25 * hw, -0.88 * hh, 0.02 * hw, -0.98 * hh);
            cap.lineTo(-0.02 * hw, -0.98 * hh);
            cap.curveTo(-0.25 * hw, -0.88 * hh, -0.7 * hw, -0.7 * hh, -inner * 0.98, -0.35 * hh);
        } else if (style == 1) {
            cap.lineTo(0.75 * hw, hairY - temple);
            for (int k = 0; k <= 6; k++) {
                double x = 0.75 * hw - 1.5 * hw * k / 6;
                cap.lineTo(x, hairY + (k % 2 == 1 ? 0.13 * hh : 0) - (k == 0 || k == 6 ? temple : 0));
            }
            cap.lineTo(-inner * 0.98, -0.35 * hh);
        } else if (style == 2) {
            cap.quadTo(0.85 * hw, hairY - temple, 0.55 * hw, hairY - 0.06 * hh);
            cap.quadTo(0, hairY - 0.02 * hh, -0.55 * hw, hairY + 0.1 * hh - temple);
            cap.quadTo(-0.9 * hw, hairY + 0.08 * hh, -inner * 0.98, -0.35 * hh);
        } else {
            cap.quadTo(0.9 * hw, hairY - temple, 0.55 * hw, hairY - temple * 0.6);
            cap.quadTo(0, hairY + (style == 3 ? 0.02 : -0.03) * hh, -0.55 * hw, hairY - temple * 0.6);
            cap.quadTo(-0.9 * hw, hairY - temple, -inner * 0.98, -0.35 * hh);
        }
        if (style == 4) {
            cap.quadTo(-inner * 0.95, 0.3 * hh, -(w + inner) / 2, sideY + 0.2 * hh);
            cap.quadTo(-w * 1.02, sideY + 0.15 * hh, -w, sideY);
        } else {
            cap.lineTo(-inner, sideY);
        }
        cap.closePath();
        paint(gfx, a, h, h.turn(cap), cap.getBounds2D(), false);
        if (style == 2) {
            Path2D part = new Path2D.Double();
            part.moveTo(-0.45 * hw, hairY + 0.05 * hh);
            part.quadTo(-0.5 * hw, -0.95 * hh, -0.35 * hw, top * 0.95);
            Ink.stroke(gfx, h.turn(part), h.fine, a.inked().ink());
        }
    }

    /** Fills one hair shape in flat tones, shades it, draws strands in it and inks its outline. */
    private static void paint(Graphics2D gfx, Appearance a, InkedHead h, Path2D shape, Rectangle2D front,
            boolean behind) {
        InkedLook look = a.inked();
        Color hair = colour(a);
        Color dark = behind ? Ink.shadow(Ink.shadow(hair)) : Ink.shadow(hair);
        Shape clip = gfx.getClip();
        gfx.clip(shape);
        gfx.setColor(look.shading() == 1 ? hair : dark);
        gfx.fill(shape);
        Rectangle2D box = shape.getBounds2D();
        if (look.shading() > 0) {
            Ink.hatch(gfx, box, h.hw * 0.06, h.light > 0 ? 125 : 55, h.fine * 0.7, Ink.alpha(look.ink(), 160));
        }
        if (!behind) {
            gfx.setColor(hair);
            gfx.fill(h.turn(new Ellipse2D.Double(h.light * 0.3 * h.hw - 1.15 * h.hw, -1.6 * h.hh, 2.3 * h.hw,
                    2.6 * h.hh)));
            if (look.shading() != 1) {
                // the highlight band of inked hair: an arc broken in three
                gfx.setStroke(Ink.pen(0.07 * h.hh));
                gfx.setColor(Ink.lit(Ink.lit(hair)));
                for (int k = 0; k < 3; k++) {
                    gfx.draw(h.turn(new Arc2D.Double(-0.75 * h.hw, -1.08 * h.hh, 1.5 * h.hw, 0.8 * h.hh,
                            120 - k * 30 - h.light * 8, 18, Arc2D.OPEN)));
                }
            }
        }
        SplittableRandom r = new SplittableRandom(a.textureSeed() + (behind ? 3 : 5));
        Path2D strands = new Path2D.Double();
        int count = 14 + r.nextInt(8);
        for (int i = 0; i < count; i++) {
            double x0 = front.getX() + r.nextDouble() * front.getWidth();
            double y0 = front.getY() + front.getHeight() * (0.55 + 0.45 * r.nextDouble());
            double x1 = x0 * 0.35 + (r.nextDouble() - 0.5) * 0.2 * h.hw;
            double y1 = front.getY() + front.getHeight() * 0.05 * r.nextDouble();
            if (a.hairStyle() >= 3 && a.hairStyle() != 5) {
                // long hair falls: strands run down from the crown
                y0 = front.getY() + front.getHeight() * (0.6 + 0.4 * r.nextDouble());
                x1 = x0 * 0.6;
            }
            strands.moveTo(x0, y0);
            strands.quadTo((x0 + x1) / 2 + (r.nextDouble() - 0.5) * 0.25 * h.hw, (y0 + y1) / 2, x1, y1);
        }
        Ink.stroke(gfx, h.turn(strands), h.fine * 0.8, Ink.alpha(look.ink(), 200));
        gfx.setClip(clip);
        Ink.line(gfx, shape, h.outline * 0.9, look.ink(), h.light);
    }
}
