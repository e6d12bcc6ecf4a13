package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Head hair (behind and in front of the face) and facial hair. */
final class Hair {

    private Hair() {
    }

    /** Long hair that falls behind the face and onto the shoulders. */
    static void back(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.hairStyle() != 3 && a.hairStyle() != 4) {
            return;
        }
        double hw = g.hw;
        double hh = g.hh;
        Path2D hair = new Path2D.Double();
        hair.moveTo(-1.25 * hw, -0.4 * hh);
        hair.curveTo(-1.45 * hw, 0.6 * hh, -1.5 * hw, 1.3 * hh, -1.35 * hw, 1.75 * hh);
        hair.lineTo(1.35 * hw, 1.75 * hh);
        hair.curveTo(1.5 * hw, 1.3 * hh, 1.45 * hw, 0.6 * hh, 1.25 * hw, -0.4 * hh);
        hair.closePath();
        gfx.setColor(FaceRenderer.shade(a.hairColor(), 0.85));
        gfx.fill(hair);
    }

    /** The hair cap over the forehead, with the hairline, fringe or tied-back shape of the style. */
    static void front(Graphics2D gfx, Appearance a, FaceGeometry g) {
        double hw = g.hw;
        double hh = g.hh;
        double volume = switch (a.hairStyle()) {
            case 0 -> 0.03;
            case 1 -> 0.1;
            case 5 -> 0.07;
            default -> 0.16;
        };
        Area cap = new Area(new Ellipse2D.Double(-(1.02 + volume) * hw, -(1.2 + volume) * hh,
                2 * (1.02 + volume) * hw, 1.35 * hh));
        double line = -0.55 * hh - a.hairline() * 0.5 * hh;
        Area face = new Area(FaceRenderer.outline(g));
        Area below = new Area(new Rectangle2D.Double(-2 * hw, line, 4 * hw, 3 * hh));
        face.intersect(below);
        cap.subtract(face);
        cap.subtract(new Area(new Rectangle2D.Double(-2 * hw, 0.05 * hh, 4 * hw, 3 * hh)));
        if (a.hairline() > 0.6) {
            // a bald crown leaves only the sides
            cap.subtract(new Area(new Ellipse2D.Double(-0.75 * hw, -1.5 * hh, 1.5 * hw, 1.1 * hh)));
        }
        gfx.setColor(a.hairColor());
        gfx.fill(cap);
        if (a.hairStyle() == 4) {
            Path2D fringe = new Path2D.Double();
            fringe.moveTo(-0.95 * hw, -0.75 * hh);
            fringe.curveTo(-0.5 * hw, -0.35 * hh, 0.3 * hw, -0.45 * hh, 0.95 * hw, -0.6 * hh);
            fringe.lineTo(0.9 * hw, -1.0 * hh);
            fringe.lineTo(-0.9 * hw, -1.0 * hh);
            fringe.closePath();
            gfx.fill(fringe);
        }
        if (a.hairStyle() == 5) {
            gfx.fill(new Ellipse2D.Double(-0.3 * hw, -1.45 * hh, 0.6 * hw, 0.35 * hh));
        }
        strands(gfx, a, cap);
    }

    private static void strands(Graphics2D gfx, Appearance a, Shape cap) {
        SplittableRandom r = new SplittableRandom(a.textureSeed() * 31);
        Shape clip = gfx.getClip();
        gfx.clip(cap);
        gfx.setStroke(new BasicStroke(1f));
        Rectangle bounds = cap.getBounds();
        // lighter and darker strands, each kind drawn as one path: two clipped draws instead of sixty
        Path2D lighter = new Path2D.Double();
        Path2D darker = new Path2D.Double();
        for (int i = 0; i < 60; i++) {
            Path2D strand = r.nextBoolean() ? lighter : darker;
            double x = bounds.x + r.nextDouble() * bounds.width;
            double y = bounds.y + r.nextDouble() * bounds.height;
            strand.moveTo(x, y);
            strand.lineTo(x + r.nextGaussian() * 6, y + 8 + r.nextDouble() * 14);
        }
        gfx.setColor(translucent(FaceRenderer.shade(a.hairColor(), 1.35), 90));
        gfx.draw(lighter);
        gfx.setColor(translucent(FaceRenderer.shade(a.hairColor(), 0.7), 90));
        gfx.draw(darker);
        gfx.setClip(clip);
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Stubble, moustache or beard; greys with the head hair. */
    static void facial(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.facialHair() == 0) {
            return;
        }
        Color hair = a.hairColor();
        Path2D lowerFace = new Path2D.Double();
        lowerFace.moveTo(g.lx[3], g.ly[3]);
        for (int i = 4; i <= 13; i++) {
            lowerFace.lineTo(g.lx[i], g.ly[i]);
        }
        lowerFace.lineTo(g.lx[54] + 0.05 * g.hw, g.ly[33]);
        lowerFace.lineTo(g.lx[48] - 0.05 * g.hw, g.ly[33]);
        lowerFace.closePath();
        switch (a.facialHair()) {
            case 1 -> {
                gfx.setColor(new Color(hair.getRed(), hair.getGreen(), hair.getBlue(), 60));
                gfx.fill(lowerFace);
            }
            case 2 -> moustache(gfx, g, hair);
            default -> {
                gfx.setColor(new Color(hair.getRed(), hair.getGreen(), hair.getBlue(), 215));
                Area beard = new Area(lowerFace);
                beard.subtract(new Area(FaceRenderer.closed(g, 48, 12)));
                gfx.fill(beard);
                moustache(gfx, g, hair);
            }
        }
    }

    private static void moustache(Graphics2D gfx, FaceGeometry g, Color hair) {
        Path2D m = new Path2D.Double();
        m.moveTo(g.lx[48] - 0.04 * g.hw, g.ly[48] + 0.02 * g.hh);
        m.quadTo(g.lx[51], g.ly[33] - 0.01 * g.hh, g.lx[54] + 0.04 * g.hw, g.ly[54] + 0.02 * g.hh);
        m.quadTo(g.lx[51], g.ly[51] - 0.01 * g.hh, g.lx[48] - 0.04 * g.hw, g.ly[48] + 0.02 * g.hh);
        gfx.setColor(hair);
        gfx.fill(m);
    }
}
