package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws a person's head and shoulders with Java 2D. Everything a label depends on is drawn from the person's
 * {@link Appearance}; the {@link Pose} only moves, turns and lights it. See docs/datagen.md for what each cue is.
 */
public final class FaceRenderer {

    /** Draws the whole photo, background included, and returns where the face landmarks are. */
    public FaceGeometry render(Appearance a, Pose pose, BufferedImage image) {
        Graphics2D gfx = image.createGraphics();
        try {
            Backgrounds.paint(gfx, a, image.getWidth(), image.getHeight());
        } finally {
            gfx.dispose();
        }
        return renderPerson(a, pose, image);
    }

    /**
     * The person's background alone. It does not move with the head, so a caller drawing several photos of one
     * person paints it once and copies it under each ({@link #renderPerson}).
     */
    public BufferedImage background(Appearance a, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gfx = image.createGraphics();
        try {
            Backgrounds.paint(gfx, a, width, height);
        } finally {
            gfx.dispose();
        }
        return image;
    }

    /** Draws the person over whatever {@code image} holds (their background) and returns the landmarks. */
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        FaceGeometry g = new FaceGeometry(a, pose, image.getWidth(), image.getHeight());
        int height = image.getHeight();
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gfx.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            gfx.transform(g.toImage);
            Hair.back(gfx, a, g);
            body(gfx, a, g, height);
            ears(gfx, a, g);
            face(gfx, a, g);
            AgeCues.paint(gfx, a, g);
            eyes(gfx, a, g);
            brows(gfx, a, g);
            nose(gfx, a, g);
            mouth(gfx, a, g);
            Hair.facial(gfx, a, g);
            Hair.front(gfx, a, g);
            glasses(gfx, a, g);
        } finally {
            gfx.dispose();
        }
        return g;
    }

    private static void body(Graphics2D gfx, Appearance a, FaceGeometry g, int height) {
        double hw = g.hw;
        double hh = g.hh;
        gfx.setColor(shade(a.skin(), 0.88));
        gfx.fill(new Rectangle2D.Double(-0.42 * hw + g.shift * 0.2, 0.6 * hh, 0.84 * hw, 1.0 * hh));
        Path2D shoulders = new Path2D.Double();
        double top = 1.32 * hh;
        shoulders.moveTo(-2.6 * hw, height);
        shoulders.curveTo(-2.5 * hw, top + 0.2 * hh, -1.4 * hw, top - 0.05 * hh, -0.45 * hw, top - 0.12 * hh);
        shoulders.lineTo(0.45 * hw, top - 0.12 * hh);
        shoulders.curveTo(1.4 * hw, top - 0.05 * hh, 2.5 * hw, top + 0.2 * hh, 2.6 * hw, height);
        shoulders.closePath();
        gfx.setPaint(new GradientPaint(0, (float) top, a.clothing(), 0, (float) (top + 2 * hh), shade(a.clothing(),
                0.7)));
        gfx.fill(shoulders);
        gfx.setColor(shade(a.clothing(), 0.6));
        gfx.setStroke(new BasicStroke(2f));
        switch (a.collar()) {
            case 1 -> {
                Path2D v = new Path2D.Double();
                v.moveTo(-0.45 * hw, top - 0.12 * hh);
                v.lineTo(0, top + 0.45 * hh);
                v.lineTo(0.45 * hw, top - 0.12 * hh);
                gfx.setColor(shade(a.skin(), 0.85));
                gfx.fill(v);
            }
            case 2 -> {
                gfx.setColor(shade(a.clothing(), 1.25));
                for (int side = -1; side <= 1; side += 2) {
                    Path2D flap = new Path2D.Double();
                    flap.moveTo(side * 0.05 * hw, top + 0.05 * hh);
                    flap.lineTo(side * 0.55 * hw, top - 0.2 * hh);
                    flap.lineTo(side * 0.75 * hw, top + 0.25 * hh);
                    flap.closePath();
                    gfx.fill(flap);
                }
            }
            case 3 -> {
                gfx.setColor(shade(a.clothing(), 0.8));
                gfx.fill(new Ellipse2D.Double(-1.35 * hw, top - 0.45 * hh, 2.7 * hw, 0.6 * hh));
                gfx.setColor(shade(a.skin(), 0.88));
                gfx.fill(new Ellipse2D.Double(-0.5 * hw, top - 0.35 * hh, hw, 0.35 * hh));
            }
            default -> gfx.draw(new QuadCurve2D.Double(-0.5 * hw, top - 0.1 * hh, 0, top + 0.15 * hh, 0.5 * hw,
                    top - 0.1 * hh));
        }
    }

    private static void ears(Graphics2D gfx, Appearance a, FaceGeometry g) {
        for (int side = -1; side <= 1; side += 2) {
            double x = side * g.hw * 0.97 + g.shift * -0.3;
            Ellipse2D ear = new Ellipse2D.Double(x - 0.13 * g.hw, -0.28 * g.hh, 0.26 * g.hw, 0.42 * g.hh);
            gfx.setColor(shade(a.skin(), 0.92));
            gfx.fill(ear);
            gfx.setColor(shade(a.skin(), 0.75));
            gfx.setStroke(new BasicStroke(1.2f));
            gfx.draw(new Ellipse2D.Double(x - 0.07 * g.hw, -0.2 * g.hh, 0.14 * g.hw, 0.26 * g.hh));
            if (a.earrings()) {
                gfx.setColor(new Color(212, 190, 120));
                gfx.fill(new Ellipse2D.Double(x - 0.035 * g.hw, 0.15 * g.hh, 0.07 * g.hw, 0.07 * g.hw));
            }
        }
    }

    /** The face outline: an arc over the forehead, then the jaw through landmarks 0..16. */
    static Path2D outline(FaceGeometry g) {
        Path2D face = new Path2D.Double();
        face.moveTo(g.lx[0], g.ly[0]);
        face.curveTo(g.lx[0], -1.0 * g.hh, -0.55 * g.hw, -1.12 * g.hh, 0, -1.12 * g.hh);
        face.curveTo(0.55 * g.hw, -1.12 * g.hh, g.lx[16], -1.0 * g.hh, g.lx[16], g.ly[16]);
        for (int i = 15; i >= 0; i--) {
            face.lineTo(g.lx[i], g.ly[i]);
        }
        face.closePath();
        return face;
    }

    private static void face(Graphics2D gfx, Appearance a, FaceGeometry g) {
        Path2D face = outline(g);
        gfx.setPaint(new GradientPaint((float) (-g.hw), 0, shade(a.skin(), 0.93), (float) g.hw, 0,
                shade(a.skin(), 1.02)));
        gfx.fill(face);
        // cheek shading and a faint grain, fixed per person
        gfx.setColor(new Color(0, 0, 0, 14));
        gfx.fill(new Ellipse2D.Double(-0.95 * g.hw, 0.05 * g.hh, 0.45 * g.hw, 0.55 * g.hh));
        gfx.fill(new Ellipse2D.Double(0.5 * g.hw, 0.05 * g.hh, 0.45 * g.hw, 0.55 * g.hh));
        // antialiased like the rest: Java 2D fills translucent shapes without antialiasing on a slow path
        SplittableRandom grain = new SplittableRandom(a.textureSeed());
        for (int i = 0; i < 90; i++) {
            double x = (grain.nextDouble() * 2 - 1) * g.hw * 0.8;
            double y = (grain.nextDouble() * 1.8 - 0.9) * g.hh;
            gfx.setColor(new Color(0, 0, 0, 8 + grain.nextInt(10)));
            gfx.fill(new Rectangle2D.Double(x, y, 2, 2));
        }
    }

    private static void eyes(Graphics2D gfx, Appearance a, FaceGeometry g) {
        for (int first : new int[] {36, 42}) {
            Path2D eye = closed(g, first, 6);
            gfx.setColor(new Color(244, 242, 238));
            gfx.fill(eye);
            double cx = (g.lx[first] + g.lx[first + 3]) / 2 + g.shift * 0.1;
            double cy = (g.ly[first + 1] + g.ly[first + 5]) / 2;
            double r = (g.lx[first + 3] - g.lx[first]) * 0.2;
            Shape clip = gfx.getClip();
            gfx.clip(eye);
            gfx.setColor(a.eyeColor());
            gfx.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            gfx.setColor(Color.BLACK);
            gfx.fill(new Ellipse2D.Double(cx - r * 0.45, cy - r * 0.45, r * 0.9, r * 0.9));
            gfx.setColor(new Color(255, 255, 255, 200));
            gfx.fill(new Ellipse2D.Double(cx + r * 0.2, cy - r * 0.5, r * 0.35, r * 0.35));
            gfx.setClip(clip);
            gfx.setColor(new Color(40, 30, 28));
            gfx.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D lid = new Path2D.Double();
            lid.moveTo(g.lx[first], g.ly[first]);
            for (int k = 1; k <= 3; k++) {
                lid.lineTo(g.lx[first + k], g.ly[first + k]);
            }
            gfx.draw(lid);
        }
    }

    private static void brows(Graphics2D gfx, Appearance a, FaceGeometry g) {
        Color brow = AgeCues.browColor(a);
        gfx.setColor(brow);
        gfx.setStroke(new BasicStroke((float) (a.browThickness() * g.hw / 75), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        gfx.draw(open(g, 17, 5));
        gfx.draw(open(g, 22, 5));
    }

    private static void nose(Graphics2D gfx, Appearance a, FaceGeometry g) {
        gfx.setColor(shade(a.skin(), 0.72));
        gfx.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D bridge = new Path2D.Double();
        bridge.moveTo(g.lx[27] + 0.08 * g.hw, g.ly[27]);
        bridge.quadTo(g.lx[29] + 0.1 * g.hw, g.ly[29], g.lx[30] + 0.05 * g.hw, g.ly[30]);
        gfx.draw(bridge);
        gfx.draw(open(g, 31, 5));
        gfx.setColor(shade(a.skin(), 0.55));
        double r = 0.05 * g.hw;
        gfx.fill(new Ellipse2D.Double(g.lx[32] - r, g.ly[32] - r * 1.2, 2 * r, 1.3 * r));
        gfx.fill(new Ellipse2D.Double(g.lx[34] - r, g.ly[34] - r * 1.2, 2 * r, 1.3 * r));
    }

    private static void mouth(Graphics2D gfx, Appearance a, FaceGeometry g) {
        gfx.setColor(a.lipColor());
        gfx.fill(closed(g, 48, 12));
        gfx.setColor(shade(a.lipColor(), 0.55));
        gfx.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D line = new Path2D.Double();
        line.moveTo(g.lx[48], g.ly[48]);
        line.quadTo(g.lx[62], g.ly[62] + 2, g.lx[54], g.ly[54]);
        gfx.draw(line);
    }

    private static void glasses(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.glasses() == 0) {
            return;
        }
        gfx.setColor(a.glasses() == 1 ? new Color(120, 110, 100) : new Color(25, 22, 22));
        gfx.setStroke(new BasicStroke(a.glasses() == 1 ? 1.5f : 3.5f));
        for (int first : new int[] {36, 42}) {
            double cx = (g.lx[first] + g.lx[first + 3]) / 2;
            double cy = (g.ly[first] + g.ly[first + 3]) / 2;
            double w = (g.lx[first + 3] - g.lx[first]) * 1.55;
            gfx.draw(new RoundRectangle2D.Double(cx - w / 2, cy - w * 0.36, w, w * 0.68, w * 0.3,
                    w * 0.3));
        }
        gfx.draw(new QuadCurve2D.Double(g.lx[39] + 0.1 * g.hw, g.ly[39] - 0.02 * g.hh, g.lx[27], g.ly[27],
                g.lx[42] - 0.1 * g.hw, g.ly[42] - 0.02 * g.hh));
    }

    static Path2D closed(FaceGeometry g, int first, int count) {
        Path2D path = open(g, first, count);
        path.closePath();
        return path;
    }

    static Path2D open(FaceGeometry g, int first, int count) {
        Path2D path = new Path2D.Double();
        path.moveTo(g.lx[first], g.ly[first]);
        for (int k = 1; k < count; k++) {
            path.lineTo(g.lx[first + k], g.ly[first + k]);
        }
        return path;
    }

    static Color shade(Color c, double f) {
        return new Color(clip(c.getRed() * f), clip(c.getGreen() * f), clip(c.getBlue() * f));
    }

    static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
