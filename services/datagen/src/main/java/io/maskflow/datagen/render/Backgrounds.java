package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Plain, gradient or textured backgrounds, chosen and coloured independently of every label. */
final class Backgrounds {

    private Backgrounds() {
    }

    static void paint(Graphics2D gfx, Appearance a, int width, int height) {
        Rectangle2D all = new Rectangle2D.Double(0, 0, width, height);
        switch (a.background()) {
            case 1 -> gfx.setPaint(new GradientPaint(0, 0, a.backgroundA(), width * 0.3f, height, a.backgroundB()));
            default -> gfx.setColor(a.backgroundA());
        }
        gfx.fill(all);
        if (a.background() == 2) {
            SplittableRandom r = new SplittableRandom(a.textureSeed() ^ 0x5DEECE66DL);
            Color b = a.backgroundB();
            for (int i = 0; i < 200; i++) {
                gfx.setColor(new Color(b.getRed(), b.getGreen(), b.getBlue(), 20 + r.nextInt(50)));
                double size = 6 + r.nextDouble() * 40;
                gfx.fill(new Ellipse2D.Double(r.nextDouble() * width - size / 2, r.nextDouble() * height - size / 2,
                        size, size * (0.4 + r.nextDouble())));
            }
        }
    }
}
