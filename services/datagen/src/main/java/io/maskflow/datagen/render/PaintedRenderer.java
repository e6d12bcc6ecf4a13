package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedLook;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code painted} style's drawing: a digital painting. Each surface gets a soft underpainting (one gradient
 * fill from the key light's side to the fill light's) and then many semi-transparent brush dabs ({@link Brush}),
 * oriented along the form, of varying size, each coloured by the key light (warm or cool) and the fill light (the
 * other tint) at its place on the head, with warmer cheeks, nose and ears and a cooler jaw and temples; no outlines.
 * Age shows as painted creases (a dark stroke with a light one under it), shadows under the eyes, jowls and blotchy
 * skin. Features are in {@link PaintedFeatures}, hair and headwear in {@link PaintedHair}, clothing and backgrounds
 * in {@link PaintedScene}.
 */
final class PaintedRenderer {

    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        PaintedHead h = new PaintedHead(a, pose, image.getWidth(), image.getHeight());
        Brush brush = new Brush(image);
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gfx.transform(h.g.toImage);
            PaintedHair.back(gfx, brush, h);
            PaintedScene.body(gfx, brush, h, image.getHeight());
            PaintedFeatures.ears(gfx, brush, h);
            Path2D outline = h.outline();
            skin(gfx, brush, h, outline);
            ageing(brush, h);
            PaintedFeatures.eyes(gfx, brush, h);
            PaintedFeatures.brows(brush, h);
            PaintedFeatures.nose(brush, h);
            PaintedFeatures.mouth(gfx, brush, h);
            PaintedFeatures.facialHair(gfx, brush, h, outline);
            PaintedHair.front(gfx, brush, h);
            PaintedFeatures.glasses(gfx, brush, h);
            PaintedFeatures.earrings(brush, h);
        } finally {
            gfx.dispose();
        }
        return h.g;
    }

    /** The landmarks of one photo, without painting. */
    static FaceGeometry geometry(Appearance a, Pose pose, int width, int height) {
        return new PaintedHead(a, pose, width, height).g;
    }

    /** The skin colour at a front-on point before the light: warmer cheeks, nose and ears, cooler jaw and temples. */
    static int skinAt(PaintedHead h, double x, double y) {
        Color skin = h.a.skin();
        double hw = h.hw;
        double hh = h.hh;
        double cheek = Math.exp(-(Math.pow((Math.abs(x) - 0.5 * hw) / (0.24 * hw), 2)
                + Math.pow((y - 0.2 * hh) / (0.2 * hh), 2)));
        double nose = Math.exp(-(Math.pow(x / (0.14 * hw), 2) + Math.pow((y - 0.2 * hh) / (0.14 * hh), 2)));
        double warm = 0.8 * cheek + 0.6 * nose + (Math.abs(x) > 0.95 * hw ? 0.5 : 0);
        double jaw = Math.max(0, Math.min(1, (y - 0.55 * hh) / (0.45 * hh)));
        double temple = Math.abs(x) > 0.6 * hw && y < -0.15 * hh ? Math.min(1, (Math.abs(x) - 0.6 * hw) / (0.3 * hw))
                : 0;
        double cool = 0.8 * jaw + 0.6 * temple;
        double r = skin.getRed() * (1 + 0.1 * warm - 0.07 * cool);
        double g = skin.getGreen() * (1 - 0.02 * warm - 0.02 * cool);
        double b = skin.getBlue() * (1 - 0.08 * warm + 0.06 * cool);
        PaintedLook look = h.look;
        if (look.makeup() > 0) {
            Color m = look.makeupColor();
            double t = 0.35 * look.makeup() * cheek;
            r += (m.getRed() - r) * t;
            g += (m.getGreen() - g) * t;
            b += (m.getBlue() - b) * t;
        }
        return Brush.rgb(r, g, b);
    }

    /**
     * The face's skin: an underpainting from the lit to the shadowed side, then large dabs curving around the face,
     * smaller ones for detail, blotches with age, and a rim of the fill light's colour on its side.
     */
    private static void skin(Graphics2D gfx, Brush brush, PaintedHead h, Path2D outline) {
        double hw = h.hw;
        double hh = h.hh;
        int side = h.lx >= 0 ? 1 : -1;
        int base = h.a.skin().getRGB() & 0xffffff;
        Color litSide = new Color(h.lit(base, side * 0.6 * hw, -0.2 * hh, 1));
        Color darkSide = new Color(h.lit(base, -side * 0.75 * hw, 0.2 * hh, 1));
        Path2D face = h.turn(outline);
        gfx.setPaint(new GradientPaint((float) (side * 0.5 * hw), (float) (-0.4 * hh), litSide,
                (float) (-side * 0.9 * hw), (float) (0.5 * hh), darkSide));
        gfx.fill(face);
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 101);
        PaintedLook look = h.look;
        int big = 150;
        int small = 170;
        for (int k = 0; k < big + small; k++) {
            double[] p = PaintedHead.inside(outline, r);
            double x = p[0];
            double y = p[1];
            double size = k < big ? hw * (0.12 + r.nextDouble() * 0.12) : hw * (0.05 + r.nextDouble() * 0.06);
            // strokes follow the form: around the face on the cheeks, across on the forehead
            double angle = y < -0.45 * hh ? r.nextGaussian() * 0.25
                    : Math.atan2(y / hh, x / hw) + Math.PI / 2 + r.nextGaussian() * 0.3;
            int colour = h.lit(skinAt(h, x, y), x, y, 1);
            double jitter = r.nextGaussian() * (5 + 14 * look.texture());
            colour = Brush.rgb((colour >> 16 & 0xff) + jitter + r.nextGaussian() * 3,
                    (colour >> 8 & 0xff) + jitter * 0.9 + r.nextGaussian() * 3, (colour & 0xff) + jitter * 0.8
                    + r.nextGaussian() * 3);
            h.dab(brush, x, y, 0.15 * Math.max(0, 1 - Math.abs(x) / hw), angle, size, size * (0.4 + 0.25
                    * r.nextDouble()), colour, 0.35 + r.nextDouble() * 0.3, 0.25, r.nextInt(8));
        }
        // a rim of the fill light along the face's edge on its side
        int rim = Brush.rgb(h.a.skin().getRed() * h.fillColour[0], h.a.skin().getGreen() * h.fillColour[1],
                h.a.skin().getBlue() * h.fillColour[2]);
        for (int i = 0; i <= 16; i += 2) {
            int k = side > 0 ? i / 2 : 16 - i / 2;
            if (k > 7 && side > 0 || k < 9 && side < 0) {
                continue;
            }
            double x = h.fx[k] * 0.93;
            double y = h.fy[k] - 0.05 * hh;
            h.dab(brush, x, y, 0, Math.atan2(h.fy[k], h.fx[k]) + Math.PI / 2, hw * 0.12, hw * 0.035, rim,
                    0.18 + 0.2 * h.fill, 0.2, -1);
        }
    }

    /**
     * Age as paint: creases (forehead, crow's feet, nasolabial folds, marionette lines with sag) painted as a
     * darker stroke with a lighter one under it, shadows and bags under the eyes, a shadow under the sagging jaw
     * line, blotches and age spots.
     */
    private static void ageing(Brush brush, PaintedHead h) {
        PaintedLook look = h.look;
        double hw = h.hw;
        double hh = h.hh;
        int skin = h.a.skin().getRGB() & 0xffffff;
        double s = look.wrinkles();
        int dark = Brush.scale(h.lit(skin, 0, 0, 1), 0.72);
        int light = Brush.mix(h.lit(skin, 0, -0.5 * hh, 1), 0xfff4e8, 0.15);
        double width = Math.max(1.1, hw * 0.022);
        int forehead = (int) Math.round(s * 3.5);
        for (int i = 0; i < forehead; i++) {
            double y = -0.62 * hh - i * 0.07 * hh;
            double half = (0.34 - 0.05 * i) * hw;
            crease(brush, h, -half, y + 0.012 * hh, 0, y - 0.025 * hh, half, y + 0.012 * hh, width, dark, light,
                    0.15 + 0.35 * s);
        }
        if (s > 0.3) {
            for (int side = -1; side <= 1; side += 2) {
                int corner = side < 0 ? 36 : 45;
                int count = s > 0.6 ? 3 : 2;
                for (int k = 0; k < count; k++) {
                    double x = h.fx[corner] + side * 0.05 * hw;
                    double y = h.fy[corner] + (k - (count - 1) / 2.0) * 0.045 * hh;
                    crease(brush, h, x, y, x + side * 0.06 * hw, y + (k - 1) * 0.01 * hh, x + side * 0.12 * hw,
                            y + (k - (count - 1) / 2.0) * 0.04 * hh, width * 0.8, dark, light, 0.12 + 0.3 * s);
                }
            }
        }
        if (s > 0.12) {
            for (int side = -1; side <= 1; side += 2) {
                int nostril = side < 0 ? 31 : 35;
                int corner = side < 0 ? 48 : 54;
                crease(brush, h, h.fx[nostril] + side * 0.08 * hw, h.fy[nostril] - 0.04 * hh,
                        h.fx[corner] + side * 0.16 * hw, h.fy[corner] - 0.08 * hh, h.fx[corner] + side * 0.07 * hw,
                        h.fy[corner] + 0.08 * hh, width * 1.6, dark, light, 0.1 + 0.4 * s);
                if (look.sag() > 0.5) {
                    crease(brush, h, h.fx[corner] + side * 0.02 * hw, h.fy[corner] + 0.05 * hh,
                            h.fx[corner] + side * 0.05 * hw, h.fy[corner] + 0.15 * hh, h.fx[corner] + side * 0.07 * hw,
                            h.fy[corner] + 0.25 * hh, width * 1.2, dark, light, 0.3 * (look.sag() - 0.3));
                }
            }
        }
        // shadows and bags under the eyes
        double u = look.underEye();
        int shadow = Brush.mix(Brush.scale(h.lit(skin, 0, -0.1 * hh, 1), 0.7), 0x5a4a6a, 0.25);
        for (int first : new int[] {36, 42}) {
            double cx = (h.fx[first] + h.fx[first + 3]) / 2;
            double cy = h.fy[first + 4] + 0.05 * hh;
            double ew = h.fx[first + 3] - h.fx[first];
            h.dab(brush, cx, cy, 0.02, 0, ew * 0.55, hh * 0.05, shadow, 0.08 + 0.4 * u, 0.1, -1);
            if (u > 0.45) {
                crease(brush, h, cx - ew * 0.4, cy + 0.02 * hh, cx, cy + 0.07 * hh, cx + ew * 0.4, cy + 0.02 * hh,
                        width * 0.9, dark, light, 0.3 * u);
            }
        }
        // a shadow under the sagging jaw line, the jowls
        if (look.sag() > 0.3) {
            for (int i = 3; i <= 13; i += 2) {
                double x = h.fx[i] * 0.9;
                double y = h.fy[i] - 0.06 * hh;
                h.dab(brush, x, y, 0, Math.atan2(h.fy[i], h.fx[i]) + Math.PI / 2, hw * 0.14, hh * 0.04, dark,
                        0.25 * (look.sag() - 0.2), 0.1, -1);
            }
        }
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 131);
        int blotches = (int) (look.texture() * 40);
        Path2D outline = h.outline();
        for (int k = 0; k < blotches; k++) {
            double[] p = PaintedHead.inside(outline, r);
            int c = Brush.scale(h.lit(skinAt(h, p[0], p[1]), p[0], p[1], 1), 0.85 + r.nextDouble() * 0.25);
            h.dab(brush, p[0], p[1], 0.1, r.nextDouble() * Math.PI, hw * (0.03 + 0.04 * r.nextDouble()),
                    hw * (0.02 + 0.03 * r.nextDouble()), Brush.mix(c, 0x9a6a4a, 0.15), 0.2 + 0.2 * look.texture(),
                    0.2, -1);
        }
        int spot = 0x8a5a3c;
        for (int k = 0; k < h.a.ageSpots(); k++) {
            double x = (r.nextDouble() * 1.3 - 0.65) * hw;
            double y = (r.nextDouble() * 1.0 - 0.95) * hh;
            double d = hw * (0.02 + r.nextDouble() * 0.025);
            h.dab(brush, x, y, 0.1, r.nextDouble() * Math.PI, d, d * 0.8, Brush.mix(h.lit(spot, x, y, 1), spot, 0.4),
                    0.5, 0.5, -1);
        }
    }

    /** A painted crease: a darker stroke with a lighter one just below it. */
    private static void crease(Brush brush, PaintedHead h, double x0, double y0, double cx, double cy, double x1,
            double y1, double width, int dark, int light, double strength) {
        double off = width * 0.9;
        h.line(brush, x0, y0 + off, cx, cy + off, x1, y1 + off, width, light, strength * 0.6, 0.5, 0.08);
        h.line(brush, x0, y0, cx, cy, x1, y1, width, dark, strength, 0.5, 0.08);
    }
}
