package io.maskflow.datagen.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** The light of one photo, over everything including the mask: a directional gradient and an exposure. */
public final class Lighting {

    private Lighting() {
    }

    public static void apply(BufferedImage image, Pose pose) {
        int w = image.getWidth();
        int h = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            double angle = Math.toRadians(pose.lightAngle());
            float dx = (float) (Math.cos(angle) * w / 2);
            float dy = (float) (Math.sin(angle) * h / 2);
            int alpha = (int) (pose.lightStrength() * 90);
            g.setPaint(new GradientPaint(w / 2f - dx, h / 2f - dy, new Color(255, 250, 240, alpha),
                    w / 2f + dx, h / 2f + dy, new Color(0, 0, 10, alpha)));
            g.fillRect(0, 0, w, h);
            double exposure = pose.exposure();
            if (exposure < 1) {
                g.setColor(new Color(0, 0, 0, (int) ((1 - exposure) * 255)));
                g.fillRect(0, 0, w, h);
            } else if (exposure > 1) {
                g.setColor(new Color(255, 255, 255, (int) ((exposure - 1) * 255)));
                g.fillRect(0, 0, w, h);
            }
        } finally {
            g.dispose();
        }
    }
}
