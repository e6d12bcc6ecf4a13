package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.AppearanceSampler;
import io.maskflow.datagen.people.InkedLook;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The {@code inked} style's page and clothes. Backgrounds: bare paper with pencil marks, a comic panel in a flat
 * colour with halftone dots, a room drawn in ink (wall, window, picture, floor line) or a drawn landscape (sky,
 * hills, a tree, clouds), each on the person's paper. Clothing: t-shirt, collared shirt, jacket over a t-shirt,
 * striped sweater or blouse with a bow, in flat tones with a cel shadow and inked outlines and folds; the neck with
 * a hard shadow under the jaw and, for some, an Adam's apple.
 */
final class InkedScene {

    private InkedScene() {
    }

    static BufferedImage background(Appearance a, int w, int h) {
        InkedLook look = a.inked();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        SplittableRandom r = new SplittableRandom(a.textureSeed() + 17);
        Color paper = look.paper();
        Color ink = look.ink();
        float pen = (float) (w / 384.0 * 1.6 * look.pen());
        g.setColor(paper);
        g.fillRect(0, 0, w, h);
        Color wash = AppearanceSampler.mix(paper, a.backgroundA(), 0.75);
        switch (a.background()) {
            case 1 -> {
                g.setColor(wash);
                double inset = w * 0.03;
                Rectangle2D panel = new Rectangle2D.Double(inset, inset, w - 2 * inset, h - 2 * inset);
                g.fill(panel);
                Color dots = AppearanceSampler.mix(wash, a.backgroundB(), 0.7);
                g.setColor(dots);
                double step = w / (28.0 + r.nextInt(20));
                boolean up = r.nextBoolean();
                for (double y = inset; y < h - inset; y += step) {
                    double t = (y - inset) / (h - 2 * inset);
                    double d = step * 0.85 * (up ? t : 1 - t);
                    for (double x = inset + ((int) (y / step) % 2) * step / 2; x < w - inset; x += step) {
                        g.fill(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
                    }
                }
                Ink.stroke(g, panel, pen * 2.2, ink);
            }
            case 2 -> {
                g.setColor(wash);
                g.fillRect(0, 0, w, h);
                double floor = h * (0.72 + r.nextDouble() * 0.12);
                g.setColor(AppearanceSampler.mix(paper, a.backgroundB(), 0.6));
                g.fill(new Rectangle2D.Double(0, floor, w, h - floor));
                Ink.stroke(g, new Line2D.Double(0, floor, w, floor), pen * 1.4, ink);
                double wx = r.nextBoolean() ? w * 0.03 : w * 0.62;
                Rectangle2D window = new Rectangle2D.Double(wx, h * 0.08, w * 0.34, h * 0.32);
                g.setColor(AppearanceSampler.mix(paper, new Color(150, 196, 230), 0.55));
                g.fill(window);
                Path2D frame = new Path2D.Double(window);
                frame.moveTo(window.getCenterX(), window.getY());
                frame.lineTo(window.getCenterX(), window.getMaxY());
                frame.moveTo(window.getX(), window.getCenterY());
                frame.lineTo(window.getMaxX(), window.getCenterY());
                Ink.stroke(g, frame, pen * 1.5, ink);
                Rectangle2D picture = new Rectangle2D.Double(w * 0.66 - wx * 0.9, h * 0.12, w * 0.2, h * 0.14);
                g.setColor(AppearanceSampler.mix(paper, a.backgroundB(), 0.35));
                g.fill(picture);
                Ink.stroke(g, picture, pen * 1.2, ink);
            }
            case 3 -> {
                g.setColor(AppearanceSampler.mix(paper, new Color(140, 190, 235), 0.5 + r.nextDouble() * 0.3));
                g.fillRect(0, 0, w, h);
                double horizon = h * (0.45 + r.nextDouble() * 0.2);
                Path2D hills = new Path2D.Double();
                hills.moveTo(0, h);
                hills.lineTo(0, horizon);
                hills.curveTo(w * 0.3, horizon - h * 0.12 * r.nextDouble(), w * 0.6, horizon + h * 0.08, w,
                        horizon - h * 0.05 * r.nextDouble());
                hills.lineTo(w, h);
                hills.closePath();
                g.setColor(AppearanceSampler.mix(paper, new Color(120, 170, 90), 0.6));
                g.fill(hills);
                Ink.stroke(g, hills, pen * 1.3, ink);
                double tx = r.nextBoolean() ? w * 0.12 : w * 0.85;
                g.setColor(AppearanceSampler.mix(paper, new Color(90, 140, 70), 0.7));
                Shape crown = new Ellipse2D.Double(tx - w * 0.11, horizon - h * 0.3, w * 0.22, h * 0.2);
                g.fill(crown);
                Ink.stroke(g, crown, pen * 1.2, ink);
                Ink.stroke(g, new Line2D.Double(tx, horizon - h * 0.1, tx, horizon + h * 0.02), pen * 2.5, ink);
                for (int k = 0; k < 2; k++) {
                    double cx = w * (0.2 + 0.6 * r.nextDouble());
                    double cy = h * (0.06 + 0.12 * r.nextDouble());
                    Path2D cloud = new Path2D.Double();
                    for (int b = 0; b < 3; b++) {
                        cloud.append(new Ellipse2D.Double(cx + (b - 1) * w * 0.05 - w * 0.04, cy - h * 0.02 * (b % 2),
                                w * 0.08, h * 0.05), false);
                    }
                    g.setColor(paper);
                    g.fill(cloud);
                    Ink.stroke(g, cloud, pen * 0.8, ink);
                }
            }
            default -> {
                // bare paper: a few light pencil guide lines and a smudge
                g.setStroke(new BasicStroke(pen * 0.6f));
                g.setColor(Ink.alpha(new Color(90, 90, 100), 50));
                for (int k = 0; k < 6; k++) {
                    double x0 = r.nextDouble() * w;
                    double y0 = r.nextDouble() * h;
                    g.draw(new Line2D.Double(x0, y0, x0 + (r.nextDouble() - 0.5) * w * 0.6, y0 + (r.nextDouble()
                            - 0.5) * h * 0.3));
                }
                g.setColor(Ink.alpha(a.backgroundA(), 60));
                g.fill(new Ellipse2D.Double(r.nextDouble() * w * 0.5, r.nextDouble() * h * 0.4, w * 0.5, h * 0.4));
            }
        }
        g.dispose();
        return image;
    }

    /** The neck and the clothes, front-on (the body does not turn with the head). */
    static void body(Graphics2D gfx, Appearance a, InkedHead h, int height) {
        InkedLook look = a.inked();
        double hw = h.hw;
        double hh = h.hh;
        Color ink = look.ink();
        double neck = look.neckWidth() * hw;
        double base = 1.38 * hh;
        double bottom = 3 * hh + height;
        Path2D neckShape = new Path2D.Double(new Rectangle2D.Double(-neck, 0.3 * hh, 2 * neck, base + 0.2 * hh
                - 0.3 * hh));
        gfx.setColor(a.skin());
        gfx.fill(neckShape);
        Path2D jawShadow = new Path2D.Double();
        jawShadow.moveTo(-neck, 0.3 * hh);
        jawShadow.lineTo(neck, 0.3 * hh);
        jawShadow.lineTo(neck, 0.95 * hh);
        jawShadow.quadTo(0, 1.3 * hh, -neck, 0.95 * hh);
        jawShadow.closePath();
        gfx.setColor(Ink.shadow(a.skin()));
        gfx.fill(jawShadow);
        Path2D sides = new Path2D.Double();
        sides.moveTo(-neck, 0.6 * hh);
        sides.lineTo(-neck * 1.02, base);
        sides.moveTo(neck, 0.6 * hh);
        sides.lineTo(neck * 1.02, base);
        if (look.adamsApple()) {
            sides.moveTo(-0.08 * hw, 1.2 * hh);
            sides.quadTo(0, 1.26 * hh, 0.08 * hw, 1.2 * hh);
        }
        if (look.lines() > 0.4) {
            sides.moveTo(-neck * 0.7, 1.1 * hh);
            sides.quadTo(0, 1.16 * hh, neck * 0.6, 1.08 * hh);
        }
        Ink.line(gfx, sides, h.feature, ink, h.light);

        double shoulder = 2.6 * hw;
        Path2D torso = new Path2D.Double();
        torso.moveTo(-shoulder, bottom);
        torso.lineTo(-shoulder, base + 0.55 * hh);
        torso.curveTo(-shoulder, base + 0.1 * hh, -neck * 1.8, base, -neck * 1.05, base - 0.05 * hh);
        torso.lineTo(neck * 1.05, base - 0.05 * hh);
        torso.curveTo(neck * 1.8, base, shoulder, base + 0.1 * hh, shoulder, base + 0.55 * hh);
        torso.lineTo(shoulder, bottom);
        torso.closePath();
        Color cloth = a.clothing();
        int garment = a.collar();
        Shape clip = gfx.getClip();
        gfx.setColor(cloth);
        gfx.fill(torso);
        gfx.clip(torso);
        if (garment == 3) {
            gfx.setColor(look.accent());
            for (double y = base + 0.15 * hh; y < base + 4 * hh; y += 0.22 * hh) {
                gfx.fill(new Rectangle2D.Double(-shoulder, y, 2 * shoulder, 0.09 * hh));
            }
        }
        // the cel shadow: the side away from the light
        gfx.setColor(Ink.alpha(Ink.shadow(Ink.shadow(cloth)), 140));
        int away = -h.light;
        gfx.fill(new Rectangle2D.Double(away > 0 ? shoulder * 0.45 : -shoulder, base - 0.2 * hh, shoulder * 0.55,
                bottom));
        if (look.shading() > 0) {
            Ink.hatch(gfx, new Rectangle2D.Double(away > 0 ? shoulder * 0.45 : -shoulder, base - 0.2 * hh,
                    shoulder * 0.55, 3 * hh), hw * 0.09, 45, h.fine * 0.8, Ink.alpha(ink, 140));
        }
        Path2D detail = new Path2D.Double();
        switch (garment) {
            case 1 -> collar(gfx, detail, neck, base, hw, hh, Color.WHITE.equals(cloth) ? cloth : Ink.lit(cloth));
            case 2 -> jacket(gfx, detail, neck, base, hw, hh, look.accent());
            case 4 -> blouse(gfx, detail, neck, base, hw, hh, look.accent(), a.skin());
            default -> {
                Path2D band = new Path2D.Double();
                band.moveTo(-neck * 1.2, base - 0.05 * hh);
                band.quadTo(0, base + 0.35 * hh, neck * 1.2, base - 0.05 * hh);
                gfx.setColor(a.skin());
                gfx.fill(band);
                detail.append(band, false);
            }
        }
        // folds at the armpits
        detail.moveTo(-shoulder * 0.8, base + 1.1 * hh);
        detail.quadTo(-shoulder * 0.7, base + 1.5 * hh, -shoulder * 0.75, base + 1.9 * hh);
        detail.moveTo(shoulder * 0.8, base + 1.1 * hh);
        detail.quadTo(shoulder * 0.7, base + 1.5 * hh, shoulder * 0.75, base + 1.9 * hh);
        Ink.stroke(gfx, detail, h.feature, ink);
        gfx.setClip(clip);
        Ink.line(gfx, torso, h.outline, ink, h.light);
    }

    private static void collar(Graphics2D gfx, Path2D detail, double neck, double base, double hw, double hh,
            Color collar) {
        for (int side = -1; side <= 1; side += 2) {
            Path2D flap = new Path2D.Double();
            flap.moveTo(side * neck * 1.1, base - 0.12 * hh);
            flap.lineTo(side * neck * 1.45, base + 0.28 * hh);
            flap.lineTo(side * 0.05 * hw, base + 0.32 * hh);
            flap.closePath();
            gfx.setColor(collar);
            gfx.fill(flap);
            detail.append(flap, false);
        }
        detail.moveTo(0, base + 0.32 * hh);
        detail.lineTo(0, base + 3 * hh);
        for (int k = 0; k < 4; k++) {
            detail.append(new Ellipse2D.Double(0.05 * hw, base + (0.5 + 0.45 * k) * hh, 0.06 * hw, 0.06 * hw), false);
        }
    }

    private static void jacket(Graphics2D gfx, Path2D detail, double neck, double base, double hw, double hh,
            Color shirt) {
        Path2D vee = new Path2D.Double();
        vee.moveTo(-neck * 1.1, base - 0.05 * hh);
        vee.lineTo(neck * 1.1, base - 0.05 * hh);
        vee.lineTo(0.15 * hw, base + 1.6 * hh);
        vee.lineTo(-0.15 * hw, base + 1.6 * hh);
        vee.closePath();
        gfx.setColor(shirt);
        gfx.fill(vee);
        for (int side = -1; side <= 1; side += 2) {
            Path2D lapel = new Path2D.Double();
            lapel.moveTo(side * neck * 1.1, base - 0.05 * hh);
            lapel.lineTo(side * neck * 1.9, base + 0.6 * hh);
            lapel.lineTo(side * neck * 1.45, base + 0.7 * hh);
            lapel.lineTo(side * 0.15 * hw, base + 1.6 * hh);
            detail.append(lapel, false);
        }
        detail.append(vee, false);
    }

    private static void blouse(Graphics2D gfx, Path2D detail, double neck, double base, double hw, double hh,
            Color bow, Color skin) {
        Path2D scoop = new Path2D.Double();
        scoop.moveTo(-neck * 1.6, base - 0.02 * hh);
        scoop.quadTo(0, base + 0.7 * hh, neck * 1.6, base - 0.02 * hh);
        scoop.closePath();
        gfx.setColor(skin);
        gfx.fill(scoop);
        detail.append(scoop, false);
        Path2D ties = new Path2D.Double();
        double y = base + 0.42 * hh;
        ties.moveTo(0, y);
        ties.lineTo(-0.22 * hw, y - 0.1 * hh);
        ties.lineTo(-0.22 * hw, y + 0.1 * hh);
        ties.closePath();
        ties.moveTo(0, y);
        ties.lineTo(0.22 * hw, y - 0.1 * hh);
        ties.lineTo(0.22 * hw, y + 0.1 * hh);
        ties.closePath();
        gfx.setColor(bow);
        gfx.fill(ties);
        detail.append(ties, false);
        detail.moveTo(-0.05 * hw, y);
        detail.lineTo(-0.12 * hw, y + 0.35 * hh);
        detail.moveTo(0.05 * hw, y);
        detail.lineTo(0.12 * hw, y + 0.35 * hh);
    }
}
