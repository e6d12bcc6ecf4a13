package io.maskflow.datagen.render;

import static io.maskflow.datagen.render.FaceRenderer.shade;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.Look;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code snapshot} style's drawing: face outlines by shape (oval, round, square, heart) with the features at
 * other proportions than the classic style's, flat skin with a hard-edged shadow away from the light, filled
 * brows, eyes without whites, seven hair styles of their own, five garments with patterns, and indoor scenes.
 */
final class SnapshotRenderer {

    BufferedImage background(Appearance a, int width, int height) {
        return SnapshotScene.background(a, width, height);
    }

    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        FaceGeometry g = geometry(a, pose, image.getWidth(), image.getHeight());
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gfx.transform(g.toImage);
            Look look = a.look();
            hairBack(gfx, a, g);
            SnapshotScene.body(gfx, a, look, g, image.getHeight());
            ears(gfx, a, g);
            Path2D outline = outline(g);
            face(gfx, a, look, g, outline, pose);
            ageing(gfx, a, look, g, outline);
            eyes(gfx, a, g);
            brows(gfx, a, g);
            nose(gfx, a, g);
            mouth(gfx, a, g);
            facialHair(gfx, a, g);
            hairFront(gfx, a, g, outline);
            glasses(gfx, a, g);
        } finally {
            gfx.dispose();
        }
        return g;
    }

    /** The 68 points at this style's proportions: eyes lower and further apart, a shorter nose, the jaw by shape. */
    static FaceGeometry geometry(Appearance a, Pose pose, int width, int height) {
        double hw = a.faceWidth() * width * pose.scale();
        double hh = hw * a.faceRatio();
        FaceGeometry g = new FaceGeometry(hw, hh, pose, width * (0.5 + pose.dx()), height * (0.45 + pose.dy()));
        double shift = g.shift;
        int shape = a.look().faceShape();
        double chin = switch (shape) {
            case 1 -> 0.96;
            case 2 -> 1.0;
            case 3 -> 1.1;
            default -> 1.04;
        };
        for (int i = 0; i <= 16; i++) {
            double angle = Math.PI * i / 16;
            double s = Math.sin(angle);
            double taper = switch (shape) {
                case 1 -> (1 - a.jaw()) * Math.pow(s, 4) * 0.8;
                case 2 -> (1 - a.jaw()) * Math.pow(s, 8) * 0.95;
                case 3 -> (1 - a.jaw() * 0.85) * Math.pow(s, 1.5) * 0.95;
                default -> (1 - a.jaw()) * s * s * 0.9;
            };
            double width1 = (1 - taper) * (1 + a.ageing() * 0.06 * Math.pow(s, 4));
            g.set(i, -Math.cos(angle) * hw * width1 + shift * 0.25 * s, -0.05 * hh + s * (chin + 0.05) * hh);
        }
        for (int k = 0; k < 5; k++) {
            double x = 0.14 + 0.48 * k / 4;
            double lift = a.browArch() * 0.06 * hh * Math.sin(Math.PI * (k + 0.3) / 5);
            double y = -0.3 * hh - lift;
            g.set(21 - k, -x * hw + shift, y);
            g.set(22 + k, x * hw + shift, y);
        }
        for (int k = 0; k < 4; k++) {
            g.set(27 + k, shift * (1 + 0.4 * k / 3), -0.2 * hh + 0.12 * hh * k);
        }
        double nw = a.noseWidth() * hw;
        for (int k = 0; k < 5; k++) {
            g.set(31 + k, shift * 1.25 + (k - 2) / 2.0 * nw * 0.5, 0.22 * hh - (Math.abs(k - 2) == 2 ? 0.025 * hh
                    : 0));
        }
        double ew = a.eyeSize() * hw;
        double eh = ew * 0.42;
        double[][] unit = {{-0.5, 0.05}, {-0.2, -0.5}, {0.2, -0.5}, {0.5, 0}, {0.2, 0.4}, {-0.2, 0.4}};
        for (int side = 0; side < 2; side++) {
            double cx = (side == 0 ? -0.4 : 0.4) * hw + shift;
            for (int k = 0; k < 6; k++) {
                g.set(36 + 6 * side + k, cx + unit[k][0] * ew, -0.14 * hh + unit[k][1] * eh);
            }
        }
        double cx = shift * 1.15;
        double cy = 0.55 * hh;
        double mw = 0.3 * hw;
        double lip = a.lipFullness() * hh;
        double[][] outer = {{-1, 0}, {-0.6, -0.7}, {-0.2, -1}, {0, -0.8}, {0.2, -1}, {0.6, -0.7}, {1, 0},
            {0.6, 0.8}, {0.2, 1}, {0, 1.05}, {-0.2, 1}, {-0.6, 0.8}};
        for (int k = 0; k < 12; k++) {
            g.set(48 + k, cx + outer[k][0] * mw, cy + outer[k][1] * lip);
        }
        double[][] inner = {{-0.8, 0}, {-0.3, -0.1}, {0, -0.1}, {0.3, -0.1}, {0.8, 0}, {0.3, 0.1}, {0, 0.12},
            {-0.3, 0.1}};
        for (int k = 0; k < 8; k++) {
            g.set(60 + k, cx + inner[k][0] * mw, cy + inner[k][1] * lip);
        }
        return g;
    }

    private static Path2D outline(FaceGeometry g) {
        Path2D face = new Path2D.Double();
        face.moveTo(g.lx[0], g.ly[0]);
        face.curveTo(g.lx[0] * 1.02, -0.85 * g.hh, -0.7 * g.hw, -1.05 * g.hh, 0, -1.05 * g.hh);
        face.curveTo(0.7 * g.hw, -1.05 * g.hh, g.lx[16] * 1.02, -0.85 * g.hh, g.lx[16], g.ly[16]);
        for (int i = 15; i >= 0; i--) {
            face.lineTo(g.lx[i], g.ly[i]);
        }
        face.closePath();
        return face;
    }

    private static void ears(Graphics2D gfx, Appearance a, FaceGeometry g) {
        for (int side = -1; side <= 1; side += 2) {
            double x = side * g.hw * 0.95 - g.shift * 0.3;
            gfx.setColor(shade(a.skin(), 0.88));
            gfx.fill(new Ellipse2D.Double(x - 0.1 * g.hw, -0.25 * g.hh, 0.2 * g.hw, 0.36 * g.hh));
            if (a.earrings()) {
                gfx.setColor(new Color(230, 225, 235));
                gfx.setStroke(new BasicStroke((float) (0.02 * g.hw)));
                gfx.draw(new Ellipse2D.Double(x - 0.05 * g.hw, 0.1 * g.hh, 0.1 * g.hw, 0.12 * g.hw));
            }
        }
    }

    /** Flat skin, a hard shadow on the side away from the light, blush. */
    private static void face(Graphics2D gfx, Appearance a, Look look, FaceGeometry g, Path2D outline, Pose pose) {
        gfx.setColor(a.skin());
        gfx.fill(outline);
        // the half of the face away from the light, from the forehead's top along the outline and jaw to the chin,
        // back up beside the nose (built from the outline's points: a clip to the outline costs more than the face)
        double cos = Math.cos(Math.toRadians(pose.lightAngle()));
        int side = cos > 0 ? 1 : -1;
        int end = side > 0 ? 16 : 0;
        Path2D shadow = new Path2D.Double();
        shadow.moveTo(0, -1.05 * g.hh);
        shadow.curveTo(side * 0.7 * g.hw, -1.05 * g.hh, g.lx[end] * 1.02, -0.85 * g.hh, g.lx[end], g.ly[end]);
        for (int k = 1; k <= 8; k++) {
            int i = end - side * k;
            shadow.lineTo(g.lx[i], g.ly[i]);
        }
        shadow.lineTo(g.lx[33] + side * 0.12 * g.hw, g.ly[33]);
        shadow.lineTo(g.lx[27] + side * 0.1 * g.hw, g.ly[27]);
        shadow.closePath();
        gfx.setColor(new Color(40, 20, 30, (int) (15 + 50 * pose.lightStrength() * Math.abs(cos))));
        gfx.fill(shadow);
        if (look.blush() > 0.1) {
            gfx.setColor(new Color(220, 90, 90, (int) (look.blush() * 60)));
            gfx.fill(new Ellipse2D.Double(-0.75 * g.hw, 0.12 * g.hh, 0.35 * g.hw, 0.2 * g.hh));
            gfx.fill(new Ellipse2D.Double(0.4 * g.hw, 0.12 * g.hh, 0.35 * g.hw, 0.2 * g.hh));
        }
    }

    /** Wrinkles drawn as soft darker bands, skin blotches and age spots; all grow with {@code ageing}. */
    private static void ageing(Graphics2D gfx, Appearance a, Look look, FaceGeometry g, Path2D outline) {
        double s = a.ageing();
        double hw = g.hw;
        double hh = g.hh;
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 11);
        if (look.skinTexture() > 0.15) {
            // inside an ellipse well within the face, so no clip is needed
            Path2D blotches = new Path2D.Double();
            int count = (int) (look.skinTexture() * 30);
            for (int i = 0; i < count; i++) {
                double d = (0.05 + r.nextDouble() * 0.1) * hw;
                double angle = r.nextDouble() * 2 * Math.PI;
                double radius = Math.sqrt(r.nextDouble()) * 0.65;
                blotches.append(new Ellipse2D.Double(Math.cos(angle) * radius * hw + g.shift * 0.5 - d / 2,
                        Math.sin(angle) * radius * hh - 0.1 * hh - d / 2, d, d * 0.7), false);
            }
            gfx.setColor(new Color(90, 50, 40, (int) (10 + look.skinTexture() * 25)));
            gfx.fill(blotches);
        }
        if (s <= 0.15) {
            return;
        }
        Color line = shade(a.skin(), 0.6);
        gfx.setColor(new Color(line.getRed(), line.getGreen(), line.getBlue(), (int) (Math.min(0.8, s) * 200)));
        gfx.setStroke(new BasicStroke((float) (hw * (0.012 + 0.01 * s)), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        Path2D lines = new Path2D.Double();
        int forehead = (int) Math.round(s * 3.5);
        for (int i = 0; i < forehead; i++) {
            double y = -0.55 * hh - i * 0.09 * hh;
            lines.moveTo(-0.35 * hw + g.shift, y);
            lines.lineTo(-0.1 * hw + g.shift, y - 0.015 * hh);
            lines.moveTo(0.05 * hw + g.shift, y - 0.015 * hh);
            lines.lineTo(0.35 * hw + g.shift, y);
        }
        if (s > 0.3) {
            for (int side = -1; side <= 1; side += 2) {
                int corner = side < 0 ? 36 : 45;
                for (int k = 0; k < 2; k++) {
                    double x = g.lx[corner] + side * 0.06 * hw;
                    double y = g.ly[corner] + (k - 0.5) * 0.05 * hh;
                    lines.moveTo(x, y);
                    lines.lineTo(x + side * 0.12 * hw, y + (k - 0.5) * 0.06 * hh);
                }
            }
        }
        lines.append(new QuadCurve2D.Double(g.lx[31] - 0.08 * hw, g.ly[31], g.lx[48] - 0.15 * hw, g.ly[48],
                g.lx[48] - 0.05 * hw, g.ly[48] + 0.15 * hh), false);
        lines.append(new QuadCurve2D.Double(g.lx[35] + 0.08 * hw, g.ly[35], g.lx[54] + 0.15 * hw, g.ly[54],
                g.lx[54] + 0.05 * hw, g.ly[54] + 0.15 * hh), false);
        if (s > 0.45) {
            for (int first : new int[] {36, 42}) {
                lines.append(new QuadCurve2D.Double(g.lx[first], g.ly[first + 4] + 0.07 * hh, (g.lx[first]
                        + g.lx[first + 3]) / 2, g.ly[first + 4] + 0.12 * hh, g.lx[first + 3], g.ly[first + 4]
                        + 0.07 * hh), false);
            }
        }
        gfx.draw(lines);
        for (int i = 0; i < a.ageSpots(); i++) {
            double d = hw * (0.03 + r.nextDouble() * 0.04);
            gfx.setColor(new Color(120, 80, 50, 70 + r.nextInt(50)));
            gfx.fill(new Ellipse2D.Double((r.nextDouble() * 1.4 - 0.7) * hw, (r.nextDouble() * 1.3 - 0.9) * hh, d, d));
        }
    }

    /** Dark almond eyes without whites, a thick upper lash line. */
    private static void eyes(Graphics2D gfx, Appearance a, FaceGeometry g) {
        for (int first : new int[] {36, 42}) {
            Path2D eye = new Path2D.Double();
            eye.moveTo(g.lx[first], g.ly[first]);
            eye.quadTo((g.lx[first] + g.lx[first + 3]) / 2, g.ly[first + 1] - 0.3 * (g.ly[first + 5] - g.ly[first
                    + 1]), g.lx[first + 3], g.ly[first + 3]);
            eye.quadTo((g.lx[first] + g.lx[first + 3]) / 2, g.ly[first + 5] + 0.2 * (g.ly[first + 5]
                    - g.ly[first + 1]), g.lx[first], g.ly[first]);
            eye.closePath();
            gfx.setColor(new Color(225, 215, 210));
            gfx.fill(eye);
            double cx = (g.lx[first] + g.lx[first + 3]) / 2 + g.shift * 0.12;
            double cy = (g.ly[first + 1] + g.ly[first + 5]) / 2;
            double r = (g.lx[first + 3] - g.lx[first]) * 0.27;
            Shape clip = gfx.getClip();
            gfx.clip(eye);
            gfx.setColor(a.eyeColor());
            gfx.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            gfx.setClip(clip);
            gfx.setColor(new Color(15, 10, 10));
            gfx.setStroke(new BasicStroke((float) (0.035 * g.hw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            gfx.draw(new QuadCurve2D.Double(g.lx[first], g.ly[first], (g.lx[first] + g.lx[first + 3]) / 2,
                    g.ly[first + 1] - 0.3 * (g.ly[first + 5] - g.ly[first + 1]), g.lx[first + 3], g.ly[first + 3]));
        }
    }

    /** Filled brows, thick at the inner end and tapering outwards. */
    private static void brows(Graphics2D gfx, Appearance a, FaceGeometry g) {
        gfx.setColor(shade(a.hairColor(), a.hairColor().getRed() > 150 ? 0.75 : 1.0));
        double t = a.browThickness() * g.hw / 70;
        for (int side = 0; side < 2; side++) {
            int inner = side == 0 ? 21 : 22;
            int step = side == 0 ? -1 : 1;
            Path2D brow = new Path2D.Double();
            brow.moveTo(g.lx[inner], g.ly[inner] - t * 0.6);
            for (int k = 1; k < 5; k++) {
                brow.lineTo(g.lx[inner + step * k], g.ly[inner + step * k] - t * 0.6 * (1 - k / 6.0));
            }
            for (int k = 4; k >= 0; k--) {
                brow.lineTo(g.lx[inner + step * k], g.ly[inner + step * k] + t * 0.5 * (1 - k / 5.0));
            }
            brow.closePath();
            gfx.fill(brow);
        }
    }

    private static void nose(Graphics2D gfx, Appearance a, FaceGeometry g) {
        gfx.setColor(shade(a.skin(), 0.78));
        Path2D wedge = new Path2D.Double();
        wedge.moveTo(g.lx[28], g.ly[28]);
        wedge.lineTo(g.lx[35], g.ly[35]);
        wedge.lineTo(g.lx[33], g.ly[33] + 0.02 * g.hh);
        wedge.closePath();
        gfx.fill(wedge);
        gfx.setColor(shade(a.skin(), 0.6));
        double r = 0.04 * g.hw;
        gfx.fill(new Ellipse2D.Double(g.lx[32] - r, g.ly[32] - r, 2 * r, r));
        gfx.fill(new Ellipse2D.Double(g.lx[34] - r, g.ly[34] - r, 2 * r, r));
    }

    /** A darker upper and a lighter lower lip. */
    private static void mouth(Graphics2D gfx, Appearance a, FaceGeometry g) {
        Path2D upper = new Path2D.Double();
        upper.moveTo(g.lx[48], g.ly[48]);
        for (int k = 49; k <= 54; k++) {
            upper.lineTo(g.lx[k], g.ly[k]);
        }
        upper.lineTo(g.lx[64], g.ly[64]);
        upper.lineTo(g.lx[62], g.ly[62]);
        upper.lineTo(g.lx[60], g.ly[60]);
        upper.closePath();
        Path2D lower = new Path2D.Double();
        lower.moveTo(g.lx[54], g.ly[54]);
        for (int k = 55; k <= 59; k++) {
            lower.lineTo(g.lx[k], g.ly[k]);
        }
        lower.lineTo(g.lx[48], g.ly[48]);
        lower.lineTo(g.lx[60], g.ly[60]);
        lower.lineTo(g.lx[66], g.ly[66]);
        lower.lineTo(g.lx[64], g.ly[64]);
        lower.closePath();
        gfx.setColor(shade(a.lipColor(), 0.8));
        gfx.fill(upper);
        gfx.setColor(shade(a.lipColor(), 1.08));
        gfx.fill(lower);
    }

    /** Stubble as dots, moustache, full beard, or goatee. */
    private static void facialHair(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.facialHair() == 0) {
            return;
        }
        Color hair = a.hairColor();
        double hw = g.hw;
        double hh = g.hh;
        Path2D moustache = new Path2D.Double();
        moustache.moveTo(g.lx[48] - 0.06 * hw, g.ly[48] + 0.03 * hh);
        moustache.lineTo(g.lx[33], g.ly[33] + 0.03 * hh);
        moustache.lineTo(g.lx[54] + 0.06 * hw, g.ly[54] + 0.03 * hh);
        moustache.lineTo(g.lx[52], g.ly[52] - 0.01 * hh);
        moustache.lineTo(g.lx[50], g.ly[50] - 0.01 * hh);
        moustache.closePath();
        switch (a.facialHair()) {
            case 1 -> {
                // dots between the jaw's two sides at their height (jaw points k and 16 - k), so no clip is needed
                SplittableRandom r = new SplittableRandom(a.textureSeed() + 3);
                Path2D dots = new Path2D.Double();
                for (int i = 0; i < 140; i++) {
                    int k = 3 + r.nextInt(5);
                    double t = r.nextDouble();
                    double x = g.lx[k] + (g.lx[16 - k] - g.lx[k]) * (0.05 + 0.9 * t);
                    double y = g.ly[33] + (g.ly[k] - g.ly[33]) * r.nextDouble() * 0.95;
                    dots.append(new Rectangle2D.Double(x, y, 1.2, 1.2), false);
                }
                gfx.setColor(new Color(hair.getRed(), hair.getGreen(), hair.getBlue(), 110));
                gfx.fill(dots);
            }
            case 2 -> {
                gfx.setColor(hair);
                gfx.fill(moustache);
            }
            case 3 -> {
                Area beard = new Area(outline(g));
                beard.intersect(new Area(new Rectangle2D.Double(-2 * hw, g.ly[33], 4 * hw, 3 * hh)));
                Path2D mouth = new Path2D.Double();
                mouth.moveTo(g.lx[48], g.ly[48]);
                for (int k = 49; k < 60; k++) {
                    mouth.lineTo(g.lx[k], g.ly[k]);
                }
                mouth.closePath();
                beard.subtract(new Area(mouth));
                gfx.setColor(new Color(hair.getRed(), hair.getGreen(), hair.getBlue(), 230));
                gfx.fill(beard);
                gfx.fill(moustache);
            }
            default -> {
                gfx.setColor(hair);
                gfx.fill(moustache);
                gfx.fill(new Ellipse2D.Double(g.lx[8] - 0.18 * hw, g.ly[57] + 0.04 * hh, 0.36 * hw,
                        g.ly[8] - g.ly[57]));
            }
        }
    }

    /** Hair that falls behind the face: bob, ponytail, long, bun. */
    private static void hairBack(Graphics2D gfx, Appearance a, FaceGeometry g) {
        double hw = g.hw;
        double hh = g.hh;
        gfx.setColor(shade(a.hairColor(), 0.8));
        switch (a.hairStyle()) {
            case 3 -> gfx.fill(new Rectangle2D.Double(-1.2 * hw, -0.6 * hh, 2.4 * hw, 1.45 * hh));
            case 4 -> {
                Path2D tail = new Path2D.Double();
                tail.moveTo(0.6 * hw, -0.9 * hh);
                tail.quadTo(1.5 * hw, -0.6 * hh, 1.3 * hw, 1.2 * hh);
                tail.quadTo(1.1 * hw, 0.2 * hh, 0.5 * hw, -0.6 * hh);
                tail.closePath();
                gfx.fill(tail);
            }
            case 5 -> {
                Path2D hair = new Path2D.Double();
                hair.moveTo(-1.1 * hw, -0.5 * hh);
                hair.lineTo(-1.3 * hw, 2.0 * hh);
                hair.lineTo(1.3 * hw, 2.0 * hh);
                hair.lineTo(1.1 * hw, -0.5 * hh);
                hair.closePath();
                gfx.fill(hair);
            }
            case 6 -> gfx.fill(new Ellipse2D.Double(-0.4 * hw, -1.55 * hh, 0.8 * hw, 0.55 * hh));
            default -> {
            }
        }
    }

    /** The hair over the head, by style, above the (possibly receding) hairline. */
    private static void hairFront(Graphics2D gfx, Appearance a, FaceGeometry g, Path2D outline) {
        double hw = g.hw;
        double hh = g.hh;
        int style = a.hairStyle();
        double volume = switch (style) {
            case 0 -> 0.04;
            case 2 -> 0.2;
            case 3, 5 -> 0.12;
            default -> 0.08;
        };
        Area hair = new Area(new Ellipse2D.Double(-(1.0 + volume) * hw, -(1.12 + volume) * hh, 2 * (1.0 + volume)
                * hw, 1.3 * hh));
        double line = -0.62 * hh - a.hairline() * 0.45 * hh;
        Area face = new Area(outline);
        face.intersect(new Area(new Rectangle2D.Double(-2 * hw, line, 4 * hw, 4 * hh)));
        if (style == 1) {
            // a side part: the hair sweeps lower over one side of the forehead
            Path2D sweep = new Path2D.Double();
            sweep.moveTo(-0.3 * hw, -1.1 * hh);
            sweep.quadTo(-0.9 * hw, -0.8 * hh, -0.95 * hw, -0.45 * hh);
            sweep.lineTo(-0.95 * hw, -1.1 * hh);
            sweep.closePath();
            face.subtract(new Area(sweep));
        }
        if (style == 3) {
            Path2D fringe = new Path2D.Double();
            fringe.moveTo(-0.9 * hw, -0.5 * hh);
            fringe.lineTo(0.9 * hw, -0.5 * hh);
            fringe.lineTo(0.9 * hw, -1.1 * hh);
            fringe.lineTo(-0.9 * hw, -1.1 * hh);
            fringe.closePath();
            face.subtract(new Area(fringe));
        }
        hair.subtract(face);
        hair.subtract(new Area(new Rectangle2D.Double(-2 * hw, style == 3 ? 0.85 * hh : 0.0, 4 * hw, 4 * hh)));
        if (a.hairline() > 0.6) {
            hair.subtract(new Area(new Ellipse2D.Double(-0.7 * hw, -1.45 * hh, 1.4 * hw, 1.0 * hh)));
        }
        gfx.setColor(a.hairColor());
        gfx.fill(hair);
        // curls around the head and a bob's sides are filled as they are: adding them to the area costs more
        if (style == 2) {
            Path2D curls = new Path2D.Double();
            for (int i = 0; i < 14; i++) {
                double t = Math.PI * (0.9 + 1.2 * i / 13.0);
                double x = Math.cos(t) * 1.05 * hw;
                double y = -0.45 * hh + Math.sin(t) * 0.75 * hh;
                curls.append(new Ellipse2D.Double(x - 0.22 * hw, y - 0.22 * hw, 0.44 * hw, 0.44 * hw), false);
            }
            gfx.fill(curls);
            gfx.setColor(FaceRenderer.shade(a.hairColor(), 0.75));
            gfx.setStroke(new BasicStroke((float) (0.015 * hw)));
            gfx.draw(curls);
        }
        if (style == 3) {
            gfx.fill(new Rectangle2D.Double(-1.15 * hw, -0.6 * hh, 0.3 * hw, 1.35 * hh));
            gfx.fill(new Rectangle2D.Double(0.85 * hw, -0.6 * hh, 0.3 * hw, 1.35 * hh));
        }
    }

    /** Round frames. */
    private static void glasses(Graphics2D gfx, Appearance a, FaceGeometry g) {
        if (a.glasses() == 0) {
            return;
        }
        gfx.setColor(a.glasses() == 1 ? new Color(180, 160, 120) : new Color(60, 30, 25));
        gfx.setStroke(new BasicStroke((float) (a.glasses() == 1 ? 0.02 * g.hw : 0.05 * g.hw)));
        for (int first : new int[] {36, 42}) {
            double cx = (g.lx[first] + g.lx[first + 3]) / 2;
            double cy = (g.ly[first] + g.ly[first + 3]) / 2;
            double d = (g.lx[first + 3] - g.lx[first]) * 1.5;
            gfx.draw(new Ellipse2D.Double(cx - d / 2, cy - d / 2, d, d));
        }
        gfx.draw(new QuadCurve2D.Double(g.lx[39] + 0.12 * g.hw, g.ly[39], g.lx[27], g.ly[27] + 0.02 * g.hh,
                g.lx[42] - 0.12 * g.hw, g.ly[42]));
    }
}
