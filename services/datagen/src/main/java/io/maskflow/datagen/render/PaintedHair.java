package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedLook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * The {@code painted} style's hair and headwear. Hair is a mass: a dark underpainting and then strokes of the hair's
 * colour lit by the key and fill lights, following each style's flow (from the crown, swept from a parting, falling
 * straight, curled), with a sheen where the key light catches it. Eight styles: shaved (the scalp shows through
 * specks), cropped, side-swept, curly afro, bangs (a bob with a fringe), long straight (falling over the
 * shoulders), braids (two, hanging in front of the shoulders) and updo (slicked back into a bun); a receding
 * hairline lifts the hairline and, more, the temples. Headwear over it: a brimmed hat, a cap with a visor, or a
 * headscarf framing the face and hiding the hair and ears.
 */
final class PaintedHair {

    /** The flow of the strokes: their direction at a front-on point. */
    private interface Flow {
        double angle(double x, double y);
    }

    private PaintedHair() {
    }

    /** The hair's colour after greying: towards silver, then white. */
    static int colour(Appearance a) {
        double grey = a.painted().greying();
        int silver = Brush.mix(0xa6a4a6, 0xeeebe6, grey);
        return Brush.mix(a.hairColor().getRGB() & 0xffffff, silver, Math.min(1, grey * 1.1));
    }

    /** What hangs behind the head and neck: long hair, a bob, the mass of an afro. */
    static void back(Graphics2D gfx, Brush brush, PaintedHead h) {
        if (h.look.headwear() == 3) {
            return;
        }
        double hw = h.hw;
        double hh = h.hh;
        Path2D shape = new Path2D.Double();
        Flow flow;
        switch (h.a.hairStyle()) {
            case 3 -> {
                shape.append(new Ellipse2D.Double(-1.55 * hw, -1.55 * hh, 3.1 * hw, 2.0 * hh), false);
                flow = (x, y) -> Math.atan2(y + 0.5 * hh, x) + Math.PI / 2;
            }
            case 4 -> {
                shape.append(new RoundRectangle2D.Double(-1.25 * hw, -1.05 * hh, 2.5 * hw, 1.95 * hh, 0.9 * hw,
                        0.6 * hh), false);
                flow = (x, y) -> Math.PI / 2 - Math.signum(x) * 0.15;
            }
            case 5 -> {
                shape.moveTo(-1.1 * hw, -0.7 * hh);
                shape.curveTo(-1.28 * hw, 0.3 * hh, -1.42 * hw, 1.2 * hh, -1.5 * hw, 2.2 * hh);
                shape.lineTo(1.5 * hw, 2.2 * hh);
                shape.curveTo(1.42 * hw, 1.2 * hh, 1.28 * hw, 0.3 * hh, 1.1 * hw, -0.7 * hh);
                shape.closePath();
                flow = (x, y) -> Math.PI / 2 - Math.signum(x) * 0.08;
            }
            default -> {
                return;
            }
        }
        mass(gfx, brush, h, shape, flow, 0.85, 1.3, h.a.hairStyle() == 3 ? 0.5 : 1);
    }

    /** The hair on the head (over the forehead's top), then any headwear. */
    static void front(Graphics2D gfx, Brush brush, PaintedHead h) {
        PaintedLook look = h.look;
        double hw = h.hw;
        double hh = h.hh;
        int style = h.a.hairStyle();
        if (look.headwear() != 3) {
            double recede = h.a.hairline();
            double thick = switch (style) {
                case 0 -> 0.015;
                case 1 -> 0.08;
                case 2 -> 0.17;
                case 3 -> 0.3;
                case 4 -> 0.14;
                case 5 -> 0.1;
                default -> 0.05;
            };
            Path2D cap = cap(h, thick, recede);
            double crown = -1.3 * hh;
            Flow flow = switch (style) {
                case 2 -> {
                    double part = ((h.a.textureSeed() & 8) == 0 ? 1 : -1) * 0.4 * hw;
                    yield (x, y) -> x > part ? 0.35 : Math.PI - 0.35;
                }
                case 3 -> (x, y) -> Math.atan2(y + 0.5 * hh, x) + Math.PI / 2;
                case 4, 5 -> (x, y) -> Math.atan2(y - crown, x);
                default -> (x, y) -> Math.atan2(y - crown, x) + Math.PI;
            };
            if (style == 0) {
                shaved(gfx, brush, h, cap);
            } else {
                mass(gfx, brush, h, cap, flow, style == 1 ? 0.45 : 0.8, 1.12, style == 3 ? 0.5 : 1);
            }
            switch (style) {
                case 4 -> fringe(gfx, brush, h);
                case 5 -> curtains(gfx, brush, h);
                case 6 -> braids(gfx, brush, h);
                case 7 -> bun(gfx, brush, h);
                default -> { }
            }
        }
        headwear(gfx, brush, h);
    }

    /** The hair's cap over the skull, {@code thick} (in half-heights) above it, down to the hairline. */
    private static Path2D cap(PaintedHead h, double thick, double recede) {
        double hw = h.hw;
        double hh = h.hh;
        double w = 1.07 * hw + thick * hw * 0.8;
        double top = -1.12 * hh - thick * hh;
        double middle = -0.74 * hh + recede * 0.22 * hh;
        double temple = -0.6 * hh + recede * 0.4 * hh;
        Path2D cap = new Path2D.Double();
        cap.moveTo(-w, -0.2 * hh);
        cap.curveTo(-w, -0.85 * hh + top * 0.05, -0.62 * w, top, 0, top);
        cap.curveTo(0.62 * w, top, w, -0.85 * hh + top * 0.05, w, -0.2 * hh);
        cap.lineTo(0.97 * hw, -0.22 * hh);
        cap.curveTo(0.92 * hw, temple, 0.55 * hw, middle - 0.04 * hh, 0, middle);
        cap.curveTo(-0.55 * hw, middle - 0.04 * hh, -0.92 * hw, temple, -0.97 * hw, -0.22 * hh);
        cap.closePath();
        return cap;
    }

    /**
     * A mass of hair: the underpainting in a dark tone, then strokes along {@code flow} lit at their place
     * ({@code grow}: how far the mass stands off the face's ellipsoid), a sheen where the key light falls most;
     * {@code length} scales the strokes, {@code curl} shortens them into curls (1 straight).
     */
    private static void mass(Graphics2D gfx, Brush brush, PaintedHead h, Shape front, Flow flow, double length,
            double grow, double curl) {
        double hw = h.hw;
        int hair = colour(h.a);
        java.awt.geom.Rectangle2D box = front.getBounds2D();
        gfx.setColor(new Color(Brush.scale(h.lit(hair, box.getCenterX(), box.getCenterY(), grow), 0.7)));
        gfx.fill(h.turn(front));
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 211 + (long) box.getWidth());
        double area = box.getWidth() * box.getHeight() / (hw * hw);
        int strokes = (int) Math.min(420, 50 + 70 * area);
        int sheen = Brush.mix(hair, 0xfff6e8, 0.3);
        for (int k = 0; k < strokes; k++) {
            double[] p = PaintedHead.inside(front, r);
            double angle = flow.angle(p[0], p[1]) + r.nextGaussian() * (curl < 1 ? 1.2 : 0.12);
            double key = h.keyAt(p[0], p[1], grow);
            int c = h.lit(hair, p[0], p[1], grow);
            c = Brush.scale(c, 0.75 + 0.45 * r.nextDouble());
            if (key > 0.75 && r.nextDouble() < 0.5) {
                c = Brush.mix(c, h.lit(sheen, p[0], p[1], grow), 0.5);
            }
            double len = hw * length * (0.1 + 0.16 * r.nextDouble()) * curl;
            h.dab(brush, p[0], p[1], 0, angle, len, Math.max(1, len * (curl < 1 ? 0.5 : 0.16)), c,
                    0.45 + 0.35 * r.nextDouble(), 0.3, r.nextInt(8));
        }
    }

    /** A shaved head: the scalp in a mix of skin and hair, with specks. */
    private static void shaved(Graphics2D gfx, Brush brush, PaintedHead h, Path2D cap) {
        int hair = colour(h.a);
        int skin = h.a.skin().getRGB() & 0xffffff;
        gfx.setColor(new Color(Brush.mix(h.lit(skin, 0, -0.9 * h.hh, 1), hair, 0.4) | 0x70000000, true));
        gfx.fill(h.turn(cap));
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 223);
        for (int k = 0; k < 160; k++) {
            double[] p = PaintedHead.inside(cap, r);
            h.dab(brush, p[0], p[1], 0, r.nextDouble() * Math.PI, h.hw * 0.02, h.hw * 0.008,
                    h.lit(hair, p[0], p[1], 1), 0.35, 0.3, -1);
        }
    }

    /** Bangs: a fringe over the forehead, ending above the brows, in vertical strokes. */
    private static void fringe(Graphics2D gfx, Brush brush, PaintedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        Path2D fringe = new Path2D.Double();
        fringe.moveTo(-0.98 * hw, -0.3 * hh);
        fringe.curveTo(-0.9 * hw, -0.95 * hh, 0.9 * hw, -0.95 * hh, 0.98 * hw, -0.3 * hh);
        fringe.quadTo(0.6 * hw, -0.52 * hh, 0.3 * hw, -0.5 * hh);
        fringe.quadTo(0, -0.54 * hh, -0.3 * hw, -0.5 * hh);
        fringe.quadTo(-0.6 * hw, -0.52 * hh, -0.98 * hw, -0.3 * hh);
        fringe.closePath();
        mass(gfx, brush, h, fringe, (x, y) -> Math.PI / 2 + x / hw * 0.25, 0.7, 1.1, 1);
    }

    /** Long straight hair falling in front of the shoulders, beside the face. */
    private static void curtains(Graphics2D gfx, Brush brush, PaintedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        for (int side = -1; side <= 1; side += 2) {
            Path2D curtain = new Path2D.Double();
            curtain.moveTo(side * 0.7 * hw, -0.8 * hh);
            curtain.curveTo(side * 1.05 * hw, -0.5 * hh, side * 1.05 * hw, 0.3 * hh, side * 1.08 * hw, 0.9 * hh);
            curtain.curveTo(side * 1.15 * hw, 1.3 * hh, side * 1.3 * hw, 1.7 * hh, side * 1.35 * hw, 2.0 * hh);
            curtain.lineTo(side * 1.6 * hw, 2.0 * hh);
            curtain.curveTo(side * 1.45 * hw, 1.2 * hh, side * 1.35 * hw, 0.2 * hh, side * 1.15 * hw, -0.6 * hh);
            curtain.closePath();
            mass(gfx, brush, h, curtain, (x, y) -> Math.PI / 2 - Math.signum(x) * 0.1, 1.2, 1.25, 1);
        }
    }

    /** Two braids hanging in front of the shoulders: chains of slanted dabs. */
    private static void braids(Graphics2D gfx, Brush brush, PaintedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        int hair = colour(h.a);
        for (int side = -1; side <= 1; side += 2) {
            double x0 = side * 1.02 * hw;
            for (int k = 0; k < 16; k++) {
                double t = k / 15.0;
                double x = x0 + side * (0.12 * hw * t + 0.05 * hw * Math.sin(t * 3));
                double y = -0.15 * hh + t * 1.9 * hh;
                double width = hw * (0.17 - 0.07 * t);
                int c = h.lit(hair, x, y, 1.2);
                double slant = (k % 2 == 0 ? 1 : -1) * 0.6;
                h.dab(brush, x - width * 0.35, y, 0, Math.PI / 2 + slant, width * 0.9, width * 0.5,
                        Brush.scale(c, 0.8), 0.9, 0.5, k & 7);
                h.dab(brush, x + width * 0.35, y + 0.04 * hh, 0, Math.PI / 2 - slant, width * 0.9, width * 0.5, c,
                        0.9, 0.5, (k + 3) & 7);
            }
        }
    }

    /** An updo: a bun on top of the slicked-back hair, painted in circling strokes. */
    private static void bun(Graphics2D gfx, Brush brush, PaintedHead h) {
        double hw = h.hw;
        double hh = h.hh;
        double cy = -1.2 * hh;
        Ellipse2D bun = new Ellipse2D.Double(-0.42 * hw, cy - 0.32 * hh, 0.84 * hw, 0.52 * hh);
        mass(gfx, brush, h, bun, (x, y) -> Math.atan2(y - cy + 0.06 * hh, x) + Math.PI / 2, 0.6, 1.3, 1);
    }

    /** A brimmed hat, a cap with a visor, or a headscarf framing the face. */
    private static void headwear(Graphics2D gfx, Brush brush, PaintedHead h) {
        int kind = h.look.headwear();
        if (kind == 0) {
            return;
        }
        double hw = h.hw;
        double hh = h.hh;
        int colour = h.look.headwearColor().getRGB() & 0xffffff;
        Path2D shape = new Path2D.Double();
        switch (kind) {
            case 1 -> {
                shape.append(new RoundRectangle2D.Double(-0.92 * hw, -1.72 * hh, 1.84 * hw, 1.0 * hh, 0.7 * hw,
                        0.5 * hh), false);
                shape.append(new Ellipse2D.Double(-1.65 * hw, -0.95 * hh, 3.3 * hw, 0.32 * hh), false);
            }
            case 2 -> {
                shape.moveTo(-1.1 * hw, -0.6 * hh);
                shape.curveTo(-1.12 * hw, -1.2 * hh, -0.6 * hw, -1.38 * hh, 0, -1.38 * hh);
                shape.curveTo(0.6 * hw, -1.38 * hh, 1.12 * hw, -1.2 * hh, 1.1 * hw, -0.6 * hh);
                shape.quadTo(0, -0.78 * hh, -1.1 * hw, -0.6 * hh);
                shape.closePath();
            }
            default -> {
                Area scarf = new Area(new Ellipse2D.Double(-1.35 * hw, -1.45 * hh, 2.7 * hw, 2.6 * hh));
                scarf.add(new Area(new RoundRectangle2D.Double(-1.2 * hw, 0, 2.4 * hw, 1.75 * hh, 0.8 * hw,
                        0.6 * hh)));
                scarf.subtract(new Area(new Ellipse2D.Double(-0.99 * hw, -0.9 * hh, 1.98 * hw, 2.02 * hh)));
                shape.append(scarf, false);
            }
        }
        Flow flow = kind == 3 ? (x, y) -> Math.atan2(y, x) + Math.PI / 2 : (x, y) -> 0.1 * (x / hw);
        int under = Brush.scale(h.lit(colour, 0, -0.8 * hh, 1.2), 0.75);
        gfx.setColor(new Color(under));
        gfx.fill(h.turn(shape));
        SplittableRandom r = new SplittableRandom(h.a.textureSeed() + 307);
        for (int k = 0; k < 170; k++) {
            double[] p = PaintedHead.inside(shape, r);
            int c = Brush.scale(h.lit(colour, p[0], p[1], 1.25), 0.85 + 0.3 * r.nextDouble());
            double len = hw * (0.12 + 0.14 * r.nextDouble());
            h.dab(brush, p[0], p[1], 0, flow.angle(p[0], p[1]) + r.nextGaussian() * 0.2, len, len * 0.35, c,
                    0.5, 0.3, r.nextInt(8));
        }
        if (kind == 1) {
            // the band above the brim, and the brim's shadow on the forehead
            h.line(brush, -0.9 * hw, -0.82 * hh, 0, -0.86 * hh, 0.9 * hw, -0.82 * hh, hh * 0.09,
                    Brush.scale(h.look.accent().getRGB() & 0xffffff, 0.5), 0.85, 0, 0);
        }
        if (kind == 1 || kind == 2) {
            int shade = Brush.scale(h.lit(h.a.skin().getRGB() & 0xffffff, 0, -0.6 * hh, 1), 0.55);
            h.dab(brush, 0, -0.6 * hh, 0.05, 0, 0.9 * hw, 0.12 * hh, shade, 0.45, 0.1, -1);
        }
        if (kind == 2) {
            // the visor, seen from the front: a flattened band, lit on top
            Path2D visor = new Path2D.Double();
            visor.moveTo(-0.85 * hw, -0.66 * hh);
            visor.quadTo(0, -0.82 * hh, 0.85 * hw, -0.66 * hh);
            visor.quadTo(0, -0.5 * hh, -0.85 * hw, -0.66 * hh);
            visor.closePath();
            gfx.setColor(new Color(Brush.scale(h.lit(colour, 0, -0.7 * hh, 1.3), 0.9)));
            gfx.fill(h.turn(visor, 0.25));
        }
    }
}
