package io.maskflow.datagen.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The light of one photo, over everything including the mask: brightness rises linearly towards the side the
 * light comes from, times the photo's exposure. One pass over the pixels of an RGB image.
 */
public final class Lighting {

    private Lighting() {
    }

    public static void apply(BufferedImage image, Pose pose) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("lighting works on TYPE_INT_RGB images");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double angle = Math.toRadians(pose.lightAngle());
        double strength = pose.lightStrength() * 0.35;
        // factor(x, y) = exposure * (1 + strength * projection of (x, y) on the light direction, in [-1, 1])
        double fx = -Math.cos(angle) * strength * 2 / w * pose.exposure();
        double fy = -Math.sin(angle) * strength * 2 / h * pose.exposure();
        double f0 = pose.exposure() - fx * w / 2 - fy * h / 2;
        // fixed point with 12 fractional bits (255 * 4096 * 4 fits an int), stepped along each row
        int step = (int) Math.round(fx * 4096);
        for (int y = 0; y < h; y++) {
            int f = (int) Math.round((f0 + fy * y) * 4096);
            int offset = y * w;
            for (int x = 0; x < w; x++, f += step) {
                int p = pixels[offset + x];
                int r = Math.min(255, ((p >> 16 & 0xff) * f) >> 12);
                int g = Math.min(255, ((p >> 8 & 0xff) * f) >> 12);
                int b = Math.min(255, ((p & 0xff) * f) >> 12);
                pixels[offset + x] = r << 16 | g << 8 | b;
            }
        }
    }
}
