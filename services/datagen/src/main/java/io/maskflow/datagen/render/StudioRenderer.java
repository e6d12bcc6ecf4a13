package io.maskflow.datagen.render;

import static io.maskflow.datagen.render.Shading.alpha;
import static io.maskflow.datagen.render.Shading.crease;
import static io.maskflow.datagen.render.Shading.glow;
import static io.maskflow.datagen.render.Shading.tint;
import static io.maskflow.datagen.render.Shading.tone;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.AppearanceSampler;
import io.maskflow.datagen.people.StudioLook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code studio} style's drawing: face outlines by shape (long, wide, diamond, pear) at this style's
 * proportions, skin shaded smoothly by a key light and a fill light (radial gradients, soft highlights on the
 * forehead and cheekbones, ambient occlusion around the eyes and along the jaw), age as shaded creases, sag,
 * under-eye shadows and skin texture. Features are in {@link StudioFeatures}, hair in {@link StudioHair}, clothing
 * and backgrounds in {@link StudioScene}.
 */
final class StudioRenderer {

    /**
     * The light of one photo: the side the key light comes from (+1 the image's right), its strength, and the skin
     * as the key light (coloured by the person's key light temperature) and the fill light show it.
     */
    record Light(int side, double strength, Color lit, Color mid, Color shadow) {

        static Light of(Appearance a, Pose pose) {
            double warm = a.studio().keyWarmth();
            int side = Math.cos(Math.toRadians(pose.lightAngle())) >= 0 ? 1 : -1;
            Color skin = a.skin();
            Color lit = tint(skin, (1 + 0.08 * warm) * 1.1, (1 + 0.01 * warm) * 1.1, (1 - 0.1 * warm) * 1.1);
            double dark = 0.52 + 0.33 * a.studio().fill() - 0.12 * pose.lightStrength();
            Color shadow = tint(skin, dark * (1 - 0.05 * warm), dark, dark * (1 + 0.07 * warm));
            return new Light(side, pose.lightStrength(), lit, skin, shadow);
        }

        /** The skin between shadow (0) and key light (1). */
        Color skin(double f) {
            return AppearanceSampler.mix(shadow, lit, Math.max(0, Math.min(1, f)));
        }
    }

    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        FaceGeometry g = geometry(a, pose, image.getWidth(), image.getHeight());
        Light light = Light.of(a, pose);
        Graphics2D gfx = image.createGraphics();
        try {
            gfx.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gfx.transform(g.toImage);
            StudioHair.back(gfx, a, g, light);
            StudioScene.body(gfx, a, g, light, image.getHeight());
            StudioFeatures.ears(gfx, a, g, light);
            Path2D outline = outline(a, g);
            face(gfx, a, g, light, outline);
            ageing(gfx, a, g);
            StudioFeatures.eyes(gfx, a, g, light);
            StudioFeatures.brows(gfx, a, g);
            StudioFeatures.nose(gfx, a, g, light);
            StudioFeatures.mouth(gfx, a, g, light);
            StudioFeatures.facialHair(gfx, a, g, outline);
            StudioHair.front(gfx, a, g, light, outline);
            StudioFeatures.glasses(gfx, a, g);
        } finally {
            gfx.dispose();
        }
        return g;
    }

    /**
     * The 68 points at this style's proportions: the jaw by face shape (long faces longer, wide ones wider and
     * shorter), jowls with sag, eyes a little higher and closer than the snapshot style's, the mouth lower. The
     * photo's vertical position also tilts the head a little (a camera above or below the eyes): the features move
     * up or down within the outline by {@code 1.2 · dy} of the face height.
     */
    static FaceGeometry geometry(Appearance a, Pose pose, int width, int height) {
        StudioLook look = a.studio();
        int shape = look.faceShape();
        double hw = a.faceWidth() * width * pose.scale() * (shape == 1 ? 1.06 : 1);
        double hh = hw * a.faceRatio() * (shape == 0 ? 1.08 : shape == 1 ? 0.92 : 1);
        FaceGeometry g = new FaceGeometry(hw, hh, pose, width * (0.5 + pose.dx()), height * (0.43 + pose.dy()));
        double shift = g.shift;
        double tilt = pose.dy() * 1.2 * hh;
        double chin = switch (shape) {
            case 0 -> 1.1;
            case 1 -> 0.97;
            case 2 -> 1.07;
            default -> 1.0;
        };
        double jaw = a.jaw();
        double sag = look.sag();
        for (int i = 0; i <= 16; i++) {
            double angle = Math.PI * i / 16;
            double s = Math.sin(angle);
            double taper = switch (shape) {
                case 0 -> (1 - jaw) * s * s * 0.9;
                case 1 -> (1 - jaw) * Math.pow(s, 4) * 0.8;
                case 2 -> (1 - jaw * 0.9) * Math.pow(s, 1.6) * 0.95;
                default -> (1 - jaw) * Math.pow(s, 6) * 0.85;
            };
            double jowl = sag * 0.05 * Math.pow(Math.sin(2 * angle), 2);
            g.set(i, -Math.cos(angle) * hw * (1 - taper) * (1 + jowl) + shift * 0.25 * s,
                    -0.06 * hh + s * chin * hh + sag * 0.03 * hh * Math.pow(s, 4));
        }
        for (int k = 0; k < 5; k++) {
            double x = 0.13 + 0.5 * k / 4;
            double lift = a.browArch() * 0.07 * hh * Math.sin(Math.PI * (k + 0.4) / 5);
            g.set(21 - k, -x * hw + shift, -0.33 * hh - lift + tilt);
            g.set(22 + k, x * hw + shift, -0.33 * hh - lift + tilt);
        }
        for (int k = 0; k < 4; k++) {
            g.set(27 + k, shift * (1 + 0.4 * k / 3), -0.19 * hh + 0.125 * hh * k + tilt * (1 + 0.1 * k));
        }
        double nw = a.noseWidth() * hw;
        for (int k = 0; k < 5; k++) {
            g.set(31 + k, shift * 1.25 + (k - 2) / 2.0 * nw * 0.5, 0.25 * hh - (Math.abs(k - 2) == 2 ? 0.03 * hh : 0)
                    + tilt * 1.2);
        }
        double ew = a.eyeSize() * hw;
        double eh = ew * 0.38;
        double[][] unit = {{-0.5, 0}, {-0.2, -0.5}, {0.2, -0.5}, {0.5, 0}, {0.2, 0.42}, {-0.2, 0.42}};
        for (int side = 0; side < 2; side++) {
            double cx = (side == 0 ? -0.36 : 0.36) * hw + shift;
            for (int k = 0; k < 6; k++) {
                g.set(36 + 6 * side + k, cx + unit[k][0] * ew, -0.12 * hh + tilt + unit[k][1] * eh);
            }
        }
        double cx = shift * 1.15;
        double cy = 0.53 * hh + tilt * 1.3;
        double mw = 0.27 * hw;
        double lip = a.lipFullness() * hh;
        double[][] outer = {{-1, 0}, {-0.6, -0.75}, {-0.2, -1}, {0, -0.85}, {0.2, -1}, {0.6, -0.75}, {1, 0},
            {0.6, 0.85}, {0.2, 1.05}, {0, 1.08}, {-0.2, 1.05}, {-0.6, 0.85}};
        for (int k = 0; k < 12; k++) {
            g.set(48 + k, cx + outer[k][0] * mw, cy + outer[k][1] * lip);
        }
        double[][] inner = {{-0.85, 0}, {-0.3, -0.08}, {0, -0.08}, {0.3, -0.08}, {0.85, 0}, {0.3, 0.08}, {0, 0.1},
            {-0.3, 0.08}};
        for (int k = 0; k < 8; k++) {
            g.set(60 + k, cx + inner[k][0] * mw, cy + inner[k][1] * lip);
        }
        return g;
    }

    /** The face outline: the forehead (narrower in diamond and pear faces) and the 17 jaw points. */
    static Path2D outline(Appearance a, FaceGeometry g) {
        double forehead = switch (a.studio().faceShape()) {
            case 0 -> 0.97;
            case 1 -> 1.02;
            case 2 -> 0.8;
            default -> 0.84;
        };
        Path2D face = new Path2D.Double();
        face.moveTo(g.lx[0], g.ly[0]);
        face.curveTo(g.lx[0] * forehead, -0.75 * g.hh, -0.72 * forehead * g.hw, -1.08 * g.hh, 0, -1.08 * g.hh);
        face.curveTo(0.72 * forehead * g.hw, -1.08 * g.hh, g.lx[16] * forehead, -0.75 * g.hh, g.lx[16], g.ly[16]);
        for (int i = 15; i >= 0; i--) {
            face.lineTo(g.lx[i], g.ly[i]);
        }
        face.closePath();
        return face;
    }

    /**
     * The skin as a lit volume: a radial gradient from the key light's side (lit, mid, then the fill light's
     * shadow), a darker rim all round, soft shadows in the eye sockets, below the cheekbones and under the nose,
     * the cheekbone highlight (stronger on the key side) and a soft specular spot on the forehead.
     */
    private static void face(Graphics2D gfx, Appearance a, FaceGeometry g, Light light, Path2D outline) {
        double hw = g.hw;
        double hh = g.hh;
        StudioLook look = a.studio();
        Point2D.Double centre = new Point2D.Double(light.side() * 0.38 * hw + g.shift * 0.6, -0.42 * hh);
        gfx.setPaint(new RadialGradientPaint(centre, (float) (1.6 * hh), centre, new float[] {0f, 0.35f, 0.7f, 1f},
                new Color[] {tone(light.lit(), 1.04), light.lit(), light.mid(), light.shadow()},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        gfx.fill(outline);
        // the rim: transparent inside, darker towards the outline
        gfx.setPaint(rimPaint(g, tone(light.shadow(), 0.75)));
        gfx.fill(outline);
        Color dark = tone(light.shadow(), 0.6);
        for (int first : new int[] {36, 42}) {
            double ex = (g.lx[first] + g.lx[first + 3]) / 2;
            double ey = (g.ly[first + 1] + g.ly[first + 4]) / 2;
            glow(gfx, ex, ey - 0.02 * hh, 0.3 * hw, 0.16 * hh, dark, 70 + 40 * look.underEye());
        }
        // below the cheekbones: deeper in diamond faces and with age
        double hollow = 25 + (look.faceShape() == 2 ? 30 : 0) + 30 * look.sag();
        glow(gfx, -0.55 * hw + g.shift, 0.3 * hh, 0.25 * hw, 0.16 * hh, dark, hollow * (light.side() < 0 ? 0.6 : 1));
        glow(gfx, 0.55 * hw + g.shift, 0.3 * hh, 0.25 * hw, 0.16 * hh, dark, hollow * (light.side() > 0 ? 0.6 : 1));
        Color shine = tint(light.lit(), 1.25, 1.22, 1.2);
        double cheek = 30 + 130 * look.cheekbones();
        for (int side = -1; side <= 1; side += 2) {
            double f = side == light.side() ? 1 : 0.45;
            glow(gfx, side * 0.52 * hw + g.shift, 0.03 * hh, 0.2 * hw, 0.09 * hh, shine, cheek * f);
        }
        glow(gfx, light.side() * 0.18 * hw + g.shift * 0.8, -0.62 * hh, 0.3 * hw, 0.14 * hh, shine,
                40 + 60 * light.strength());
    }

    private static RadialGradientPaint rimPaint(FaceGeometry g, Color rim) {
        AffineTransform ellipse = new AffineTransform();
        ellipse.translate(g.shift * 0.3, -0.05 * g.hh);
        ellipse.scale(g.hw * 1.05, g.hh * 1.15);
        return new RadialGradientPaint(new Point2D.Double(), 1f, new Point2D.Double(), new float[] {0f, 0.72f, 1f},
                new Color[] {alpha(rim, 0), alpha(rim, 0), alpha(rim, 150)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE, MultipleGradientPaint.ColorSpaceType.SRGB, ellipse);
    }

    /**
     * Age: skin texture (pores and unevenness, {@code skinTexture}), age spots, shaded creases (forehead lines,
     * crow's feet, nasolabial folds, marionette lines with sag) and bags under the eyes ({@code underEye}).
     */
    private static void ageing(Graphics2D gfx, Appearance a, FaceGeometry g) {
        StudioLook look = a.studio();
        double s = a.ageing();
        double hw = g.hw;
        double hh = g.hh;
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 29);
        if (look.skinTexture() > 0.1) {
            Path2D pores = new Path2D.Double();
            int count = (int) (look.skinTexture() * 90);
            for (int i = 0; i < count; i++) {
                double angle = r.nextDouble() * 2 * Math.PI;
                double radius = Math.sqrt(r.nextDouble()) * 0.7;
                double d = (0.012 + r.nextDouble() * 0.025) * hw;
                pores.append(new Ellipse2D.Double(Math.cos(angle) * radius * hw + g.shift * 0.5, Math.sin(angle)
                        * radius * hh * 0.9 - 0.15 * hh, d, d), false);
            }
            gfx.setColor(alpha(tone(a.skin(), 0.6), 20 + 50 * look.skinTexture()));
            gfx.fill(pores);
        }
        for (int i = 0; i < a.ageSpots(); i++) {
            double d = hw * (0.03 + r.nextDouble() * 0.04);
            glow(gfx, (r.nextDouble() * 1.3 - 0.65) * hw, (r.nextDouble() * 1.2 - 0.9) * hh, d, d * 0.8,
                    new Color(115, 72, 45), 80 + r.nextInt(60));
        }
        double width = hw * (0.012 + 0.008 * s);
        Color skin = a.skin();
        int forehead = (int) Math.round(s * 4);
        Path2D lines = new Path2D.Double();
        for (int i = 0; i < forehead; i++) {
            double y = -0.52 * hh - i * 0.08 * hh;
            lines.append(new QuadCurve2D.Double(-0.38 * hw + g.shift, y + 0.02 * hh, g.shift, y - 0.03 * hh, 0.38 * hw
                    + g.shift, y + 0.02 * hh), false);
        }
        crease(gfx, lines, skin, s * 0.9, width);
        if (s > 0.3) {
            Path2D feet = new Path2D.Double();
            for (int side = -1; side <= 1; side += 2) {
                int corner = side < 0 ? 36 : 45;
                for (int k = -1; k <= 1; k++) {
                    double x = g.lx[corner] + side * 0.05 * hw;
                    double y = g.ly[corner] + k * 0.035 * hh;
                    feet.moveTo(x, y);
                    feet.lineTo(x + side * 0.1 * hw, y + k * 0.05 * hh);
                }
            }
            crease(gfx, feet, skin, (s - 0.3) * 1.5, width * 0.8);
        }
        Path2D folds = new Path2D.Double();
        folds.append(new QuadCurve2D.Double(g.lx[31] - 0.1 * hw, g.ly[31] - 0.02 * hh, g.lx[48] - 0.16 * hw,
                g.ly[48] - 0.02 * hh, g.lx[48] - 0.08 * hw, g.ly[48] + 0.12 * hh), false);
        folds.append(new QuadCurve2D.Double(g.lx[35] + 0.1 * hw, g.ly[35] - 0.02 * hh, g.lx[54] + 0.16 * hw,
                g.ly[54] - 0.02 * hh, g.lx[54] + 0.08 * hw, g.ly[54] + 0.12 * hh), false);
        if (look.sag() > 0.5) {
            folds.moveTo(g.lx[48] - 0.02 * hw, g.ly[48] + 0.04 * hh);
            folds.lineTo(g.lx[48] - 0.07 * hw, g.ly[48] + 0.2 * hh);
            folds.moveTo(g.lx[54] + 0.02 * hw, g.ly[54] + 0.04 * hh);
            folds.lineTo(g.lx[54] + 0.07 * hw, g.ly[54] + 0.2 * hh);
        }
        crease(gfx, folds, skin, (s - 0.1) * 1.1, width * 1.2);
        if (look.underEye() > 0.45) {
            Path2D bags = new Path2D.Double();
            for (int first : new int[] {36, 42}) {
                bags.append(new QuadCurve2D.Double(g.lx[first] + 0.02 * hw, g.ly[first + 4] + 0.05 * hh,
                        (g.lx[first] + g.lx[first + 3]) / 2, g.ly[first + 4] + 0.11 * hh, g.lx[first + 3] - 0.02 * hw,
                        g.ly[first + 4] + 0.05 * hh), false);
            }
            crease(gfx, bags, skin, (look.underEye() - 0.45) * 1.6, width * 0.8);
        }
    }
}
