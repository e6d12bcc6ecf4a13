package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedLook;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * The {@code painted} style's backgrounds and clothes. Backgrounds, all in loose brush work: an abstract field of
 * two or three colours in large dabs, a blurred interior (a wall, a bright window, dark furniture and a lamp, painted
 * small and enlarged, with strokes over it), outdoors (sky with clouds over green masses of foliage) or a dark
 * studio with a glow behind the sitter. Clothing, over a neck and chest in skin: coat (lapels over a shirt),
 * hoodie (hood and drawstrings), knit sweater (a ribbed neck and knit chevrons), blouse (a scoop neck with a frill),
 * collared shirt (collar points, placket and buttons) and tank top (straps over bare shoulders), each underpainted
 * from the key light's side to the other and covered with loose vertical strokes and a few folds.
 */
final class PaintedScene {

    /** Dabs on the neck and clothes are not turned with the head. */
    private static final double BODY = PaintedHead.BODY;

    private PaintedScene() {
    }

    /**
     * The background, painted at half the size and enlarged (it is out of focus behind the sitter, and a quarter of
     * the dabs' pixels cost a quarter as much).
     */
    static BufferedImage background(Appearance a, int width, int height) {
        int w = Math.max(8, width / 2);
        int h = Math.max(8, height / 2);
        BufferedImage half = paint(a, w, h);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(half, 0, 0, width, height, null);
        g.dispose();
        return image;
    }

    private static BufferedImage paint(Appearance a, int w, int h) {
        PaintedLook look = a.painted();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 401);
        int ca = a.backgroundA().getRGB() & 0xffffff;
        int cb = a.backgroundB().getRGB() & 0xffffff;
        if (look.chiaroscuro()) {
            ca = Brush.scale(ca, 0.45);
            cb = Brush.scale(cb, 0.45);
        }
        Brush brush = new Brush(image);
        switch (a.background()) {
            case 1 -> interior(g, brush, r, w, h, ca, cb);
            case 2 -> outdoors(g, brush, r, w, h, ca, look.chiaroscuro());
            case 3 -> studio(g, brush, r, w, h, ca, cb);
            default -> field(g, brush, r, w, h, ca, cb);
        }
        g.dispose();
        return image;
    }

    /** Two or three colours in large overlapping dabs, then smaller ones. */
    private static void field(Graphics2D g, Brush brush, SplittableRandom r, int w, int h, int ca, int cb) {
        g.setPaint(new GradientPaint(0, 0, new Color(ca), w * 0.3f, h, new Color(cb)));
        g.fillRect(0, 0, w, h);
        int third = Brush.mix(ca, cb, 0.5) ^ (r.nextInt(0x30) << 8);
        int[] colours = {ca, cb, third};
        for (int k = 0; k < 260; k++) {
            double x = r.nextDouble() * w;
            double y = r.nextDouble() * h;
            int c = colours[(int) Math.min(2, (x / w * 0.6 + y / h * 0.8 + r.nextDouble() * 0.9))];
            double len = w * (k < 120 ? 0.1 + 0.15 * r.nextDouble() : 0.04 + 0.05 * r.nextDouble());
            c = Brush.rgb((c >> 16 & 0xff) + r.nextGaussian() * 10, (c >> 8 & 0xff) + r.nextGaussian() * 10,
                    (c & 0xff) + r.nextGaussian() * 10);
            brush.dab(x, y, r.nextDouble() * Math.PI, len, len * (0.3 + 0.3 * r.nextDouble()), c, 0.35, 0.2,
                    r.nextInt(8));
        }
    }

    /** A room out of focus: painted at a quarter of the photo's size and enlarged, with strokes over it. */
    private static void interior(Graphics2D g, Brush brush, SplittableRandom r, int w, int h, int wall, int other) {
        int sw = Math.max(8, w / 2);
        int sh = Math.max(8, h / 2);
        BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = small.createGraphics();
        s.setColor(new Color(wall));
        s.fillRect(0, 0, sw, sh);
        double floor = sh * (0.68 + 0.15 * r.nextDouble());
        s.setColor(new Color(Brush.scale(other, 0.6)));
        s.fill(new Rectangle2D.Double(0, floor, sw, sh - floor));
        double wx = r.nextBoolean() ? sw * 0.05 : sw * 0.6;
        s.setColor(new Color(Brush.mix(wall, 0xfff8e8, 0.7)));
        s.fill(new Rectangle2D.Double(wx, sh * 0.1, sw * 0.33, sh * 0.4));
        s.setColor(new Color(Brush.scale(other, 0.45)));
        double fx = wx < sw * 0.5 ? sw * 0.7 : sw * 0.05;
        s.fill(new Rectangle2D.Double(fx, sh * 0.35, sw * 0.25, floor - sh * 0.35));
        s.setColor(new Color(Brush.mix(other, 0xffe0a0, 0.6)));
        s.fill(new Ellipse2D.Double(fx + sw * 0.05, sh * 0.2, sw * 0.14, sh * 0.1));
        s.dispose();
        SnapshotStyle.soften(((DataBufferInt) small.getRaster().getDataBuffer()).getData(), sw, sh);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, w, h, null);
        for (int k = 0; k < 220; k++) {
            double x = r.nextDouble() * w;
            double y = r.nextDouble() * h;
            int c = brush.at(x, y);
            c = Brush.rgb((c >> 16 & 0xff) + r.nextGaussian() * 9, (c >> 8 & 0xff) + r.nextGaussian() * 9,
                    (c & 0xff) + r.nextGaussian() * 9);
            double len = w * (0.03 + 0.06 * r.nextDouble());
            brush.dab(x, y, Math.PI / 2 + r.nextGaussian() * 0.3, len, len * 0.35, c, 0.45, 0.2, r.nextInt(8));
        }
    }

    /** Sky with clouds over green masses of foliage. */
    private static void outdoors(Graphics2D g, Brush brush, SplittableRandom r, int w, int h, int tint,
            boolean dusk) {
        int sky = Brush.mix(dusk ? 0x6a5a78 : 0x8cb8e6, tint, 0.2);
        double horizon = h * (0.42 + 0.2 * r.nextDouble());
        g.setPaint(new GradientPaint(0, 0, new Color(Brush.scale(sky, 0.85)), 0, (float) horizon,
                new Color(Brush.mix(sky, 0xfff0d8, 0.45))));
        g.fillRect(0, 0, w, (int) horizon + 1);
        int green = Brush.mix(dusk ? 0x2a3a24 : 0x5a8a3c, tint, 0.15);
        g.setColor(new Color(green));
        g.fillRect(0, (int) horizon, w, h - (int) horizon);
        for (int k = 0; k < 10; k++) {
            double x = r.nextDouble() * w;
            double y = r.nextDouble() * horizon * 0.6;
            for (int b = 0; b < 5; b++) {
                double len = w * (0.04 + 0.05 * r.nextDouble());
                brush.dab(x + r.nextGaussian() * w * 0.05, y + r.nextGaussian() * h * 0.015, r.nextGaussian() * 0.2,
                        len, len * 0.5, Brush.mix(sky, 0xffffff, 0.7), 0.35, 0.1, r.nextInt(8));
            }
        }
        for (int k = 0; k < 320; k++) {
            double x = r.nextDouble() * w;
            double y = horizon - h * 0.15 + r.nextDouble() * (h - horizon + h * 0.15);
            double depth = (y - horizon) / h;
            int c = Brush.scale(green, 0.6 + 0.7 * r.nextDouble() - depth * 0.3);
            c = Brush.mix(c, 0xc8d060, r.nextDouble() * 0.25);
            double len = w * (0.02 + 0.05 * r.nextDouble());
            brush.dab(x, y, r.nextDouble() * Math.PI, len, len * 0.6, c, 0.5, 0.25, r.nextInt(8));
        }
    }

    /** A dark studio: a deep ground, a glow behind the sitter, darker corners. */
    private static void studio(Graphics2D g, Brush brush, SplittableRandom r, int w, int h, int ca, int cb) {
        int ground = Brush.scale(Brush.mix(ca, 0x2a2018, 0.5), 0.45);
        g.setColor(new Color(ground));
        g.fillRect(0, 0, w, h);
        int glow = Brush.mix(Brush.scale(cb, 0.9), 0xc89a60, 0.4);
        double gx = w * (0.3 + 0.4 * r.nextDouble());
        for (int k = 0; k < 90; k++) {
            double a = r.nextDouble() * Math.PI * 2;
            double d = Math.abs(r.nextGaussian()) * w * 0.22;
            double len = w * (0.08 + 0.1 * r.nextDouble());
            brush.dab(gx + Math.cos(a) * d, h * 0.38 + Math.sin(a) * d, r.nextDouble() * Math.PI, len, len * 0.6,
                    glow, 0.12 + 0.1 * r.nextDouble(), 0.05, r.nextInt(8));
        }
        for (int k = 0; k < 60; k++) {
            double x = r.nextBoolean() ? r.nextDouble() * w * 0.2 : w - r.nextDouble() * w * 0.2;
            double y = r.nextDouble() * h;
            double len = w * (0.08 + 0.1 * r.nextDouble());
            brush.dab(x, y, r.nextDouble() * Math.PI, len, len * 0.5, Brush.scale(ground, 0.6), 0.25, 0.1,
                    r.nextInt(8));
        }
    }

    /** The neck and chest in skin, then the garment with its details. */
    static void body(Graphics2D gfx, Brush brush, PaintedHead h, int height) {
        Appearance a = h.a;
        PaintedLook look = h.look;
        double hw = h.hw;
        double hh = h.hh;
        double shift = 0.25 * hw * h.sin;
        double neck = look.neckWidth() * hw;
        int skin = a.skin().getRGB() & 0xffffff;
        int garment = a.collar();
        double bottom = height;
        // the shoulders and chest in skin (seen under a tank top or a scoop neck), then the neck
        Path2D torso = torso(h, shift, bottom, 1.0);
        gfx.setPaint(new GradientPaint((float) (h.lx > 0 ? 2 * hw : -2 * hw), 0, new Color(litBody(h, skin, 1)),
                (float) (h.lx > 0 ? -2 * hw : 2 * hw), 0, new Color(litBody(h, skin, -1))));
        gfx.fill(torso);
        gfx.fill(new RoundRectangle2D.Double(shift - neck, 0.3 * hh, 2 * neck, 1.3 * hh, neck, 0.3 * hh));
        // the shadow under the jaw
        h.dab(brush, 0, 1.0 * hh, 0, 0, neck * 1.05, 0.14 * hh,
                Brush.scale(litBody(h, skin, -1), 0.7), 0.55, 0.2, -1);
        int colour = a.clothing().getRGB() & 0xffffff;
        int accent = look.accent().getRGB() & 0xffffff;
        Path2D outer = garment == 5 ? tank(h, shift, bottom, neck) : torso;
        Shape opening = switch (garment) {
            case 0 -> vee(shift, neck * 1.15, 1.05 * hh, 2.3 * hh);
            case 3 -> new Ellipse2D.Double(shift - neck * 1.7, 0.9 * hh, neck * 3.4, 0.95 * hh);
            case 4 -> vee(shift, neck * 0.95, 1.05 * hh, 1.75 * hh);
            case 5 -> new Ellipse2D.Double(shift - neck * 1.4, 0.8 * hh, neck * 2.8, 1.25 * hh);
            default -> new Ellipse2D.Double(shift - neck * 1.2, 1.0 * hh, neck * 2.4, 0.55 * hh);
        };
        if (garment == 0 || garment == 4) {
            // the shirt under a coat, the skin in a collared shirt's open neck
            gfx.setColor(new Color(litBody(h, garment == 0 ? accent : skin, 0)));
            gfx.fill(opening);
        }
        Area cloth = new Area(outer);
        cloth.subtract(new Area(opening));
        gfx.setPaint(new GradientPaint((float) (h.lx > 0 ? 2 * hw : -2 * hw), 0, new Color(litBody(h, colour, 1)),
                (float) (h.lx > 0 ? -2 * hw : 2 * hw), 0, new Color(litBody(h, colour, -1))));
        gfx.fill(cloth);
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 503);
        java.awt.geom.Rectangle2D box = cloth.getBounds2D();
        for (int k = 0; k < 200; k++) {
            double x = box.getX() + r.nextDouble() * box.getWidth();
            double y = box.getY() + r.nextDouble() * Math.min(box.getHeight(), 2.2 * hh);
            if (!outer.contains(x, y) || opening.contains(x, y)) {
                continue;
            }
            int c = Brush.scale(litBody(h, colour, (x - shift) / (2.2 * hw)), 0.85 + 0.3 * r.nextDouble());
            double len = hw * (0.15 + 0.2 * r.nextDouble());
            h.dab(brush, x, y, BODY, Math.PI / 2 + r.nextGaussian() * 0.35, len,
                    len * 0.3, c, 0.4, 0.25, r.nextInt(8));
        }
        details(gfx, brush, h, garment, shift, neck, colour, accent, r);
    }

    /** The shoulders and body, {@code spread} wide. */
    private static Path2D torso(PaintedHead h, double shift, double bottom, double spread) {
        double hw = h.hw;
        double hh = h.hh;
        double neck = h.look.neckWidth() * hw;
        Path2D p = new Path2D.Double();
        p.moveTo(shift - neck * 1.05, 1.1 * hh);
        p.curveTo(shift - 1.2 * hw * spread, 1.35 * hh, shift - 2.1 * hw * spread, 1.45 * hh,
                shift - 2.35 * hw * spread, 2.0 * hh);
        p.lineTo(shift - 2.6 * hw * spread, bottom);
        p.lineTo(shift + 2.6 * hw * spread, bottom);
        p.lineTo(shift + 2.35 * hw * spread, 2.0 * hh);
        p.curveTo(shift + 2.1 * hw * spread, 1.45 * hh, shift + 1.2 * hw * spread, 1.35 * hh, shift + neck * 1.05,
                1.1 * hh);
        p.closePath();
        return p;
    }

    /** A tank top: straps over the shoulders, the body below the arms. */
    private static Path2D tank(PaintedHead h, double shift, double bottom, double neck) {
        double hw = h.hw;
        double hh = h.hh;
        Path2D p = new Path2D.Double();
        p.moveTo(shift - neck * 1.5, 1.25 * hh);
        p.lineTo(shift - neck * 1.5 - 0.25 * hw, 1.3 * hh);
        p.curveTo(shift - 1.5 * hw, 1.8 * hh, shift - 1.75 * hw, 2.2 * hh, shift - 1.8 * hw, bottom);
        p.lineTo(shift + 1.8 * hw, bottom);
        p.curveTo(shift + 1.75 * hw, 2.2 * hh, shift + 1.5 * hw, 1.8 * hh, shift + neck * 1.5 + 0.25 * hw,
                1.3 * hh);
        p.lineTo(shift + neck * 1.5, 1.25 * hh);
        p.closePath();
        return p;
    }

    private static Path2D vee(double shift, double half, double top, double depth) {
        Path2D p = new Path2D.Double();
        p.moveTo(shift - half, top);
        p.lineTo(shift, depth);
        p.lineTo(shift + half, top);
        p.closePath();
        return p;
    }

    /** A body colour lit across the body: {@code across} +1 on the key light's side, -1 on the other. */
    private static int litBody(PaintedHead h, int rgb, double across) {
        double t = Math.max(-1, Math.min(1, across)) * (h.lx >= 0 ? 1 : -1);
        double k = h.key * (0.45 + 0.4 * t * Math.abs(h.lx) / 0.8);
        double f = h.fill * (0.45 - 0.4 * t);
        return Brush.rgb((rgb >> 16 & 0xff) * (h.ambient + k * h.keyColour[0] + f * h.fillColour[0]),
                (rgb >> 8 & 0xff) * (h.ambient + k * h.keyColour[1] + f * h.fillColour[1]),
                (rgb & 0xff) * (h.ambient + k * h.keyColour[2] + f * h.fillColour[2]));
    }

    private static void details(Graphics2D gfx, Brush brush, PaintedHead h, int garment, double shift, double neck,
            int colour, int accent, SplittableRandom r) {
        double hw = h.hw;
        double hh = h.hh;
        int dark = Brush.scale(litBody(h, colour, -0.5), 0.7);
        int light = Brush.scale(litBody(h, colour, 0.8), 1.1);
        switch (garment) {
            case 0 -> {
                // lapels along the opening, a raised collar behind the neck
                for (int side = -1; side <= 1; side += 2) {
                    Path2D lapel = new Path2D.Double();
                    lapel.moveTo(shift + side * neck * 1.15, 1.05 * hh);
                    lapel.lineTo(shift + side * neck * 1.9, 1.3 * hh);
                    lapel.lineTo(shift + side * neck * 1.2, 1.55 * hh);
                    lapel.lineTo(shift + side * 0.05 * hw, 2.3 * hh);
                    lapel.closePath();
                    gfx.setColor(new Color(litBody(h, Brush.scale(colour, 0.85), side * 0.5)));
                    gfx.fill(lapel);
                }
                h.line(brush, shift - neck * 1.15, 1.05 * hh, shift, 0.85 * hh, shift + neck * 1.15, 1.05 * hh,
                        0.1 * hh, dark, 0.7, 0, BODY);
            }
            case 1 -> {
                // the hood lying around the neck, the drawstrings
                h.line(brush, shift - neck * 1.9, 1.25 * hh, shift, 0.95 * hh, shift + neck * 1.9, 1.25 * hh,
                        0.28 * hh, Brush.scale(litBody(h, colour, 0), 0.8), 0.85, 0, BODY);
                h.line(brush, shift - neck * 1.1, 1.22 * hh, shift, 1.4 * hh, shift + neck * 1.1, 1.22 * hh,
                        0.08 * hh, dark, 0.7, 0, BODY);
                for (int side = -1; side <= 1; side += 2) {
                    double x = shift + side * neck * 0.5;
                    h.line(brush, x, 1.35 * hh, x + side * 0.03 * hw, 1.7 * hh, x, 2.0 * hh, Math.max(1.2, 0.03 * hw),
                            litBody(h, accent, side), 0.9, 0, BODY);
                }
            }
            case 2 -> {
                // the ribbed neck and rows of knit chevrons
                h.line(brush, shift - neck * 1.2, 1.12 * hh, shift, 1.6 * hh, shift + neck * 1.2, 1.12 * hh,
                        0.12 * hh, Brush.mix(dark, accent, 0.3), 0.8, 0, BODY);
                double step = 0.16 * hw;
                for (double y = 1.55 * hh; y < 3.2 * hh; y += step * 1.2) {
                    for (double x = shift - 2.2 * hw; x < shift + 2.2 * hw; x += step) {
                        int c = (int) ((x - shift) / step) % 3 == 0 ? Brush.mix(light, accent, 0.3) : light;
                        h.dab(brush, x - step * 0.22, y, BODY, 1.0, step * 0.35, step * 0.12, c, 0.25, 0.3, -1);
                        h.dab(brush, x + step * 0.22, y, BODY, -1.0 + Math.PI, step * 0.35, step * 0.12, c, 0.25,
                                0.3, -1);
                    }
                }
            }
            case 3 -> {
                // a soft frill along the scoop neck
                for (int k = 0; k <= 16; k++) {
                    double t = Math.PI * k / 16;
                    double x = shift - Math.cos(t) * neck * 1.7;
                    double y = 1.37 * hh + Math.sin(t) * 0.48 * hh;
                    h.dab(brush, x, y, BODY, t, 0.07 * hw, 0.05 * hw, k % 2 == 0 ? light : colour, 0.7, 0.4, -1);
                }
            }
            case 4 -> {
                // collar points, the placket and buttons
                for (int side = -1; side <= 1; side += 2) {
                    Path2D point = new Path2D.Double();
                    point.moveTo(shift + side * neck * 1.05, 1.0 * hh);
                    point.lineTo(shift + side * neck * 1.5, 1.2 * hh);
                    point.lineTo(shift + side * 0.08 * hw, 1.58 * hh);
                    point.closePath();
                    gfx.setColor(new Color(litBody(h, Brush.mix(colour, 0xffffff, 0.15), side * 0.7)));
                    gfx.fill(point);
                }
                h.line(brush, shift, 1.75 * hh, shift, 2.4 * hh, shift, 3.2 * hh, Math.max(1.2, 0.03 * hw), dark,
                        0.6, 0, BODY);
                for (int k = 0; k < 3; k++) {
                    h.dab(brush, shift + 0.04 * hw, 1.95 * hh + k * 0.4 * hh, BODY, 0, 0.025 * hw, 0.025 * hw, light,
                            0.8, 0.6, -1);
                }
            }
            default -> {
                // the tank top's straps' edge
                h.line(brush, shift - neck * 1.4, 1.8 * hh, shift, 2.1 * hh, shift + neck * 1.4, 1.8 * hh,
                        Math.max(1.2, 0.04 * hw), dark, 0.4, 0, BODY);
            }
        }
        // a few folds
        for (int k = 0; k < 4; k++) {
            double x = shift + (r.nextDouble() * 3.2 - 1.6) * hw;
            double y = 1.9 * hh + r.nextDouble() * 0.8 * hh;
            h.line(brush, x, y, x + r.nextGaussian() * 0.1 * hw, y + 0.3 * hh, x + r.nextGaussian() * 0.2 * hw,
                    y + 0.6 * hh, 0.05 * hw, dark, 0.3, 0.6, BODY);
        }
    }
}
