package io.maskflow.datagen.masks;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Puts a mask on a face photo the way MaskTheFace does: six anchor points from the 68 landmarks (nose bridge and
 * the chin line, moved down for incorrectly worn masks), a perspective warp of the mask template onto them, an
 * alpha blend, and the mask's brightness matched to the face's. Works on any photo with landmarks; the generator
 * uses it on its own faces, whose landmarks it knows.
 */
public final class MaskPlacer {

    /** Beyond this estimated head turn the left or right template is used. */
    static final double TURN_DEGREES = 13;

    /**
     * Draws the mask onto {@code photo} (changed in place).
     *
     * @throws InvalidLandmarksException when a landmark lies outside the photo
     */
    public void place(BufferedImage photo, Landmarks lm, MaskStyle style, MaskState state) {
        lm.requireInside(photo.getWidth(), photo.getHeight());
        double yaw = lm.yawDegrees();
        MaskTemplate.Variant variant = yaw > TURN_DEGREES ? MaskTemplate.Variant.RIGHT
                : yaw < -TURN_DEGREES ? MaskTemplate.Variant.LEFT : MaskTemplate.Variant.FRONT;
        MaskTemplate template = MaskTemplate.of(style, variant);
        double[][] target = anchors(lm, state);
        Homography toTemplate = Homography.fit(target[0], target[1], template.anchorX(), template.anchorY());
        double brightness = brightness(photo, lm);
        warp(photo, template.image(), toTemplate, target, brightness);
    }

    /**
     * The six target points {x[], y[]}: top-left, top-centre, top-right, bottom-left, bottom-centre, bottom-right.
     * A correctly worn mask runs from the nose bridge to just under the chin; the other states move and squeeze
     * it vertically as a whole, so the six points keep the template's shape and the perspective fit stays sound.
     */
    static double[][] anchors(Landmarks lm, MaskState state) {
        double faceHeight = lm.y(Landmarks.CHIN) - lm.y(Landmarks.NOSE_BRIDGE_TOP);
        double[] bridge = lerp(lm, 28, 29, 0.5);
        // the mask's sides sit a little inside the face outline, as ear loops pull them in
        double[] x = {inward(lm, 2), bridge[0], inward(lm, 14), inward(lm, 6), lm.x(Landmarks.CHIN), inward(lm, 10)};
        double[] y = {lm.y(2), bridge[1], lm.y(14), lm.y(6), lm.y(Landmarks.CHIN) + faceHeight * 0.03, lm.y(10)};
        double belowNose = lerp(lm, Landmarks.NOSE_BASE, Landmarks.UPPER_LIP_TOP, 0.35)[1];
        switch (state) {
            case NOSE_EXPOSED -> stretch(y, belowNose, y[4]);
            case MOUTH_ONLY -> stretch(y, belowNose, lerp(lm, Landmarks.LOWER_LIP_BOTTOM, Landmarks.CHIN, 0.55)[1]);
            case CHIN_ONLY -> {
                double top = lerp(lm, Landmarks.LOWER_LIP_BOTTOM, Landmarks.CHIN, 0.3)[1];
                stretch(y, top, top + (y[4] - y[1]) * 0.62);
                narrow(x, 0.85);
            }
            default -> {
                // CORRECT: as computed
            }
        }
        return new double[][] {x, y};
    }

    /** Maps every y linearly so that the top centre lands on {@code top} and the bottom centre on {@code bottom}. */
    private static void stretch(double[] y, double top, double bottom) {
        double scale = (bottom - top) / (y[4] - y[1]);
        double oldTop = y[1];
        for (int i = 0; i < y.length; i++) {
            y[i] = top + (y[i] - oldTop) * scale;
        }
    }

    private static void narrow(double[] x, double factor) {
        double centre = (x[1] + x[4]) / 2;
        for (int i = 0; i < x.length; i++) {
            x[i] = centre + (x[i] - centre) * factor;
        }
    }

    private static double inward(Landmarks lm, int i) {
        return lm.x(i) + (lm.x(Landmarks.NOSE_TIP) - lm.x(i)) * 0.08;
    }

    private static double[] lerp(Landmarks lm, int a, int b, double t) {
        return new double[] {lm.x(a) + (lm.x(b) - lm.x(a)) * t, lm.y(a) + (lm.y(b) - lm.y(a)) * t};
    }

    /** Mean brightness of the cheeks and nose relative to a mid-grey face, as a factor for the mask's colour. */
    static double brightness(BufferedImage photo, Landmarks lm) {
        int x0 = (int) Math.max(0, Math.min(lm.x(2), lm.x(31)));
        int x1 = (int) Math.min(photo.getWidth() - 1, Math.max(lm.x(14), lm.x(35)));
        int y0 = (int) Math.max(0, lm.y(29));
        int y1 = (int) Math.min(photo.getHeight() - 1, lm.y(Landmarks.NOSE_BASE));
        double sum = 0;
        int n = 0;
        for (int y = y0; y <= y1; y += 2) {
            for (int x = x0; x <= x1; x += 2) {
                int rgb = photo.getRGB(x, y);
                sum += 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                n++;
            }
        }
        double mean = n == 0 ? 170 : sum / n;
        return Math.max(0.5, Math.min(1.15, 0.35 + 0.65 * mean / 170));
    }

    private static void warp(BufferedImage photo, BufferedImage mask, Homography toTemplate, double[][] target,
            double brightness) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            minX = Math.min(minX, target[0][i]);
            maxX = Math.max(maxX, target[0][i]);
            minY = Math.min(minY, target[1][i]);
            maxY = Math.max(maxY, target[1][i]);
        }
        double padX = (maxX - minX) * 0.15;
        double padY = (maxY - minY) * 0.15;
        int x0 = (int) Math.max(0, minX - padX);
        int x1 = (int) Math.min(photo.getWidth() - 1, maxX + padX);
        int y0 = (int) Math.max(0, minY - padY);
        int y1 = (int) Math.min(photo.getHeight() - 1, maxY + padY);
        int mw = mask.getWidth();
        int mh = mask.getHeight();
        int[] maskPixels = mask.getRGB(0, 0, mw, mh, null, 0, mw);
        double[] h = toTemplate.coefficients();
        boolean direct = photo.getType() == BufferedImage.TYPE_INT_RGB;
        int[] pixels = direct ? ((DataBufferInt) photo.getRaster().getDataBuffer()).getData() : null;
        int[] row = new int[x1 - x0 + 1];
        for (int y = y0; y <= y1; y++) {
            int base = direct ? y * photo.getWidth() + x0 : 0;
            int[] line = direct ? pixels : row;
            if (!direct) {
                photo.getRGB(x0, y, row.length, 1, row, 0, row.length);
            }
            double py = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5;
                double w = h[6] * px + h[7] * py + 1;
                double u = (h[0] * px + h[1] * py + h[2]) / w - 0.5;
                double v = (h[3] * px + h[4] * py + h[5]) / w - 0.5;
                int argb = sample(maskPixels, mw, mh, u, v);
                int alpha = argb >>> 24;
                if (alpha == 0) {
                    continue;
                }
                int at = base + x - x0;
                int under = line[at];
                double a = alpha / 255.0;
                int r = blend(argb >> 16 & 0xff, under >> 16 & 0xff, a, brightness);
                int g = blend(argb >> 8 & 0xff, under >> 8 & 0xff, a, brightness);
                int b = blend(argb & 0xff, under & 0xff, a, brightness);
                line[at] = (direct ? 0 : 0xff000000) | r << 16 | g << 8 | b;
            }
            if (!direct) {
                photo.setRGB(x0, y, row.length, 1, row, 0, row.length);
            }
        }
    }

    private static int blend(int over, int under, double alpha, double brightness) {
        double v = over * brightness * alpha + under * (1 - alpha);
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Bilinear sample of non-premultiplied ARGB pixels, weighting colours by alpha; transparent outside. */
    private static int sample(int[] pixels, int w, int h, double u, double v) {
        int u0 = (int) Math.floor(u);
        int v0 = (int) Math.floor(v);
        if (u0 < -1 || v0 < -1 || u0 >= w || v0 >= h) {
            return 0;
        }
        double fu = u - u0;
        double fv = v - v0;
        int p00;
        int p10;
        int p01;
        int p11;
        if (u0 >= 0 && v0 >= 0 && u0 + 1 < w && v0 + 1 < h) {
            int at = v0 * w + u0;
            p00 = pixels[at];
            p10 = pixels[at + 1];
            p01 = pixels[at + w];
            p11 = pixels[at + w + 1];
        } else {
            p00 = pixel(pixels, w, h, u0, v0);
            p10 = pixel(pixels, w, h, u0 + 1, v0);
            p01 = pixel(pixels, w, h, u0, v0 + 1);
            p11 = pixel(pixels, w, h, u0 + 1, v0 + 1);
        }
        if ((p00 | p10 | p01 | p11) >>> 24 == 0) {
            return 0;
        }
        double w00 = (1 - fu) * (1 - fv) * (p00 >>> 24);
        double w10 = fu * (1 - fv) * (p10 >>> 24);
        double w01 = (1 - fu) * fv * (p01 >>> 24);
        double w11 = fu * fv * (p11 >>> 24);
        double alphaSum = w00 + w10 + w01 + w11;
        if (alphaSum <= 0.5) {
            return 0;
        }
        int r = (int) Math.round((w00 * (p00 >> 16 & 0xff) + w10 * (p10 >> 16 & 0xff) + w01 * (p01 >> 16 & 0xff)
                + w11 * (p11 >> 16 & 0xff)) / alphaSum);
        int g = (int) Math.round((w00 * (p00 >> 8 & 0xff) + w10 * (p10 >> 8 & 0xff) + w01 * (p01 >> 8 & 0xff)
                + w11 * (p11 >> 8 & 0xff)) / alphaSum);
        int b = (int) Math.round((w00 * (p00 & 0xff) + w10 * (p10 & 0xff) + w01 * (p01 & 0xff)
                + w11 * (p11 & 0xff)) / alphaSum);
        int alpha = (int) Math.round(Math.min(255, alphaSum));
        return alpha << 24 | r << 16 | g << 8 | b;
    }

    private static int pixel(int[] pixels, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : pixels[y * w + x];
    }
}
