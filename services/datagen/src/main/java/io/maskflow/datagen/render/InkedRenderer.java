package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.InkedLook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code inked} style's drawing: an ink illustration. The head is laid out front-on and turned by the photo's
 * yaw ({@link InkedHead}); every surface has a flat tone and a hard-edged shadow tone (cel shading), hatching, or
 * both; outlines are inked with a weight that swells on the shadow side; age shows as ink lines. Features are in
 * {@link InkedFeatures}, hair in {@link InkedHair}, clothing and backgrounds in {@link InkedScene}.
 */
final class InkedRenderer {

    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        InkedHead h = new InkedHead(a, pose, image.getWidth(), image.getHeight());
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gfx.transform(h.g.toImage);
            InkedHair.back(gfx, a, h);
            InkedScene.body(gfx, a, h, image.getHeight());
            InkedFeatures.ears(gfx, a, h);
            Path2D outline = h.turn(h.outline());
            face(gfx, a, h, outline);
            ageing(gfx, a, h);
            InkedFeatures.eyes(gfx, a, h);
            InkedFeatures.brows(gfx, a, h);
            InkedFeatures.nose(gfx, a, h);
            InkedFeatures.mouth(gfx, a, h);
            InkedFeatures.facialHair(gfx, a, h, outline);
            Ink.line(gfx, outline, h.outline, a.inked().ink(), h.light);
            InkedHair.front(gfx, a, h, outline);
            InkedFeatures.glasses(gfx, a, h);
        } finally {
            gfx.dispose();
        }
        return h.g;
    }

    /** The landmarks of one photo, without drawing. */
    static FaceGeometry geometry(Appearance a, Pose pose, int width, int height) {
        return new InkedHead(a, pose, width, height).g;
    }

    /**
     * The skin: a shadow tone over the face and a lit shape from the light's side over it with a hard edge (cel),
     * hatching in the shadow (hatched), or both; the shadow under the nose and, with make-up, blush hatching.
     */
    private static void face(Graphics2D gfx, Appearance a, InkedHead h, Path2D outline) {
        InkedLook look = a.inked();
        Color skin = a.skin();
        Color shadow = Ink.shadow(skin);
        Shape clip = gfx.getClip();
        gfx.clip(outline);
        gfx.setColor(look.shading() == 1 ? skin : shadow);
        gfx.fill(outline);
        java.awt.geom.Rectangle2D box = outline.getBounds2D();
        if (look.shading() > 0) {
            Ink.hatch(gfx, box, h.hw * 0.075, h.light > 0 ? 60 : 120, h.fine * 0.8, Ink.alpha(look.ink(), 150));
        }
        gfx.setColor(skin);
        gfx.fill(h.turn(new Ellipse2D.Double(h.light * 0.28 * h.hw - 1.02 * h.hw, -1.45 * h.hh, 2.04 * h.hw,
                2.5 * h.hh)));
        // the nose's shadow, on the side away from the light and under the tip
        Path2D nose = new Path2D.Double();
        double tip = h.fy[30];
        nose.moveTo(-h.light * 0.02 * h.hw, h.fy[28]);
        nose.quadTo(-h.light * 0.16 * h.hw, tip, -h.light * 0.1 * h.hw, tip + 0.1 * h.hh);
        nose.lineTo(0, tip + 0.08 * h.hh);
        nose.closePath();
        gfx.setColor(shadow);
        gfx.fill(h.turn(nose, 0.1));
        gfx.fill(h.turn(new Ellipse2D.Double(-0.14 * h.hw, h.fy[33] + 0.02 * h.hh, 0.28 * h.hw, 0.05 * h.hh), 0.08));
        // the chin's and the lower lip's shadows
        gfx.fill(h.turn(new Ellipse2D.Double(-0.12 * h.hw, h.fy[57] + 0.04 * h.hh, 0.24 * h.hw, 0.05 * h.hh), 0.04));
        if (look.makeup() > 0) {
            Color blush = Ink.alpha(look.makeupColor(), 60 + 110 * look.makeup());
            for (int side = -1; side <= 1; side += 2) {
                Path2D marks = new Path2D.Double();
                for (int k = 0; k < 4; k++) {
                    double x = side * 0.55 * h.hw + (k - 1.5) * 0.07 * h.hw;
                    marks.moveTo(x + 0.03 * h.hw, 0.06 * h.hh);
                    marks.lineTo(x - 0.03 * h.hw, 0.16 * h.hh);
                }
                gfx.setColor(Ink.alpha(look.makeupColor(), 40 + 50 * look.makeup()));
                gfx.fill(h.turn(new Ellipse2D.Double(side * 0.55 * h.hw - 0.17 * h.hw, 0.06 * h.hh, 0.34 * h.hw,
                        0.1 * h.hh)));
                Ink.stroke(gfx, h.turn(marks), h.fine, blush);
            }
        }
        gfx.setClip(clip);
    }

    /**
     * Age as ink lines, more and heavier with {@code lines}: forehead lines, crow's feet, nasolabial folds, lines
     * under the eyes, marionette lines with sag; age spots as dots.
     */
    private static void ageing(Graphics2D gfx, Appearance a, InkedHead h) {
        InkedLook look = a.inked();
        double s = look.lines();
        double hw = h.hw;
        double hh = h.hh;
        Color ink = look.ink();
        double width = h.fine * (0.7 + 0.6 * s);
        Path2D lines = new Path2D.Double();
        int forehead = (int) Math.round(s * 3.6);
        for (int i = 0; i < forehead; i++) {
            double y = -0.6 * hh - i * 0.075 * hh;
            double half = (0.3 - 0.04 * i) * hw;
            lines.append(new QuadCurve2D.Double(-half, y + 0.015 * hh, 0, y - 0.025 * hh, half, y + 0.015 * hh),
                    false);
        }
        if (s > 0.3) {
            for (int side = -1; side <= 1; side += 2) {
                int corner = side < 0 ? 36 : 45;
                int count = s > 0.6 ? 3 : 2;
                for (int k = 0; k < count; k++) {
                    double x = h.fx[corner] + side * 0.06 * hw;
                    double y = h.fy[corner] + (k - 0.5) * 0.04 * hh;
                    lines.moveTo(x, y);
                    lines.lineTo(x + side * 0.1 * hw, y + (k - 0.5) * 0.04 * hh);
                }
            }
        }
        if (s > 0.45) {
            for (int first : new int[] {36, 42}) {
                lines.append(new QuadCurve2D.Double(h.fx[first] + 0.03 * hw, h.fy[first + 4] + 0.06 * hh,
                        (h.fx[first] + h.fx[first + 3]) / 2, h.fy[first + 4] + 0.12 * hh, h.fx[first + 3] - 0.03 * hw,
                        h.fy[first + 4] + 0.06 * hh), false);
            }
        }
        gfx.setColor(Ink.alpha(ink, 90 + 150 * Math.min(1, s)));
        if (!lines.getPathIterator(null).isDone()) {
            gfx.setStroke(Ink.pen(width));
            gfx.draw(h.turn(lines));
        }
        if (s > 0.12) {
            Path2D folds = new Path2D.Double();
            folds.append(new QuadCurve2D.Double(h.fx[31] - 0.12 * hw, h.fy[31] - 0.03 * hh, h.fx[48] - 0.17 * hw,
                    h.fy[48] - 0.04 * hh, h.fx[48] - 0.08 * hw, h.fy[48] + 0.1 * hh), false);
            folds.append(new QuadCurve2D.Double(h.fx[35] + 0.12 * hw, h.fy[35] - 0.03 * hh, h.fx[54] + 0.17 * hw,
                    h.fy[54] - 0.04 * hh, h.fx[54] + 0.08 * hw, h.fy[54] + 0.1 * hh), false);
            if (look.sag() > 0.5) {
                folds.moveTo(h.fx[48] - 0.02 * hw, h.fy[48] + 0.05 * hh);
                folds.lineTo(h.fx[48] - 0.07 * hw, h.fy[48] + 0.22 * hh);
                folds.moveTo(h.fx[54] + 0.02 * hw, h.fy[54] + 0.05 * hh);
                folds.lineTo(h.fx[54] + 0.07 * hw, h.fy[54] + 0.22 * hh);
            }
            gfx.setColor(Ink.alpha(ink, 70 + 170 * Math.min(1, s)));
            gfx.setStroke(Ink.pen(width * 1.1));
            gfx.draw(h.turn(folds, 0.03));
        }
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 31);
        gfx.setColor(Ink.alpha(new Color(110, 72, 48), 150));
        for (int i = 0; i < a.ageSpots(); i++) {
            double d = hw * (0.025 + r.nextDouble() * 0.03);
            gfx.fill(h.turn(new Ellipse2D.Double((r.nextDouble() * 1.2 - 0.6) * hw, (r.nextDouble() * 1.1 - 0.95)
                    * hh, d, d * 0.8)));
        }
    }
}
