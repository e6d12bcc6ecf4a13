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
        warp(photo, template, toTemplate, target, brightness);
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

    /** {minX, minY, maxX, maxY} of the six anchors, widened on each side by {@code pad} times the extent. */
    private static double[] hull(double[][] target, double pad) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < target[0].length; i++) {
            box[0] = Math.min(box[0], target[0][i]);
            box[1] = Math.min(box[1], target[1][i]);
            box[2] = Math.max(box[2], target[0][i]);
            box[3] = Math.max(box[3], target[1][i]);
        }
        double padX = (box[2] - box[0]) * pad;
        double padY = (box[3] - box[1]) * pad;
        return new double[] {box[0] - padX, box[1] - padY, box[2] + padX, box[3] + padY};
    }

    private static void warp(BufferedImage photo, MaskTemplate template, Homography toTemplate, double[][] target,
            double brightness) {
        // sample positions that can touch a visible template pixel (bilinear reaches one pixel further), in the
        // template's continuous coordinates, where a pixel's centre is at index + 0.5
        int[] content = template.contentBounds();
        double[] us = {content[0] - 0.5, content[2] + 1.5};
        double[] vs = {content[1] - 0.5, content[3] + 1.5};
        Homography toPhoto = toTemplate.inverse();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double u : us) {
            for (double v : vs) {
                double[] p = toPhoto.apply(u, v);
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        // and no further than 15 % beyond the anchors: where the fit's perspective is strong, the template's edges
        // would otherwise be smeared far across the face
        double[] hull = hull(target, 0.15);
        int x0 = (int) Math.max(Math.max(0, hull[0]), Math.floor(minX) - 1);
        int x1 = (int) Math.min(Math.min(photo.getWidth() - 1, hull[2]), Math.ceil(maxX) + 1);
        int y0 = (int) Math.max(Math.max(0, hull[1]), Math.floor(minY) - 1);
        int y1 = (int) Math.min(Math.min(photo.getHeight() - 1, hull[3]), Math.ceil(maxY) + 1);
        if (x0 > x1 || y0 > y1) {
            return;
        }
        double[] h = toTemplate.coefficients();
        Span span = new Span(h, us, vs, x0, x1, y0, y1);
        Sampler sampler = new Sampler(template, brightness);
        boolean direct = photo.getType() == BufferedImage.TYPE_INT_RGB;
        int[] pixels = direct ? ((DataBufferInt) photo.getRaster().getDataBuffer()).getData() : null;
        int[] row = new int[x1 - x0 + 1];
        for (int y = y0; y <= y1; y++) {
            if (!span.of(y)) {
                continue;
            }
            int base = direct ? y * photo.getWidth() : -x0;
            int[] line = direct ? pixels : row;
            if (!direct) {
                photo.getRGB(x0, y, row.length, 1, row, 0, row.length);
            }
            // the homography's numerators and denominator grow linearly along a row
            double py = y + 0.5;
            double px = span.from + 0.5;
            double nu = h[0] * px + h[1] * py + h[2];
            double nv = h[3] * px + h[4] * py + h[5];
            double nw = h[6] * px + h[7] * py + 1;
            for (int x = span.from; x <= span.to; x++) {
                double w = 1 / nw;
                line[base + x] = sampler.over(line[base + x], nu * w - 0.5, nv * w - 0.5);
                nu += h[0];
                nv += h[3];
                nw += h[6];
            }
            if (!direct) {
                photo.setRGB(x0, y, row.length, 1, row, 0, row.length);
            }
        }
    }

    /**
     * The pixels of one photo row whose template position lies inside a rectangle. With a positive denominator
     * each of the four sides, e.g. {@code u > umin}, is {@code nu - umin * nw > 0}, linear in x: a half-line.
     */
    private static final class Span {

        private final double[] h;
        private final double[] us;
        private final double[] vs;
        private final int x0;
        private final int x1;
        /** Whether the denominator is positive over the whole box (it is linear, so its corners decide). */
        private final boolean solvable;
        int from;
        int to;

        Span(double[] h, double[] us, double[] vs, int x0, int x1, int y0, int y1) {
            this.h = h;
            this.us = us;
            this.vs = vs;
            this.x0 = x0;
            this.x1 = x1;
            boolean positive = true;
            for (int x : new int[] {x0, x1 + 1}) {
                for (int y : new int[] {y0, y1 + 1}) {
                    positive &= h[6] * x + h[7] * y + 1 > 0;
                }
            }
            this.solvable = positive;
        }

        /** Sets {@link #from} .. {@link #to} for row y; false when no pixel of the row is inside. */
        boolean of(int y) {
            from = x0;
            to = x1;
            if (!solvable) {
                return true;
            }
            double py = y + 0.5;
            double w = h[7] * py + 1;
            double lo = -Double.MAX_VALUE;
            double hi = Double.MAX_VALUE;
            for (int side = 0; side < 4; side++) {
                boolean uSide = side < 2;
                double bound = uSide ? us[side] : vs[side - 2];
                double sign = side % 2 == 0 ? 1 : -1;
                // sign * (numerator - bound * denominator) > 0, as slope * px + rest > 0
                double slope = sign * ((uSide ? h[0] : h[3]) - bound * h[6]);
                double rest = sign * ((uSide ? h[1] : h[4]) * py + (uSide ? h[2] : h[5]) - bound * w);
                if (slope > 0) {
                    lo = Math.max(lo, -rest / slope);
                } else if (slope < 0) {
                    hi = Math.min(hi, -rest / slope);
                } else if (rest <= 0) {
                    return false;
                }
            }
            // px = x + 0.5; one pixel of slack on each side, the sampler decides at the edges
            from = (int) Math.max(x0, Math.floor(lo - 0.5) - 1);
            to = (int) Math.min(x1, Math.ceil(hi - 0.5) + 1);
            return from <= to;
        }
    }

    /**
     * Bilinear sampling of the template's non-premultiplied ARGB pixels (colours weighted by alpha, transparent
     * outside) blended over a photo pixel, in fixed point: 8 fractional bits for the sample position, the
     * brightness and the weights. Called for tens of thousands of pixels per photo.
     */
    private static final class Sampler {

        private final int[] pixels;
        private final int width;
        private final int height;
        /** Brightness factor with 8 fractional bits. */
        private final int brightness;

        Sampler(MaskTemplate template, double brightness) {
            this.pixels = template.pixels();
            this.width = template.image().getWidth();
            this.height = template.image().getHeight();
            this.brightness = (int) Math.round(brightness * 256);
        }

        /** The photo pixel {@code under} with the mask at template position (u, v) over it. */
        int over(int under, double u, double v) {
            if (!(u >= -1 && v >= -1 && u < width && v < height)) {
                return under;
            }
            // shifted by one pixel so that the truncation below is a floor
            int ui = (int) ((u + 1) * 256);
            int vi = (int) ((v + 1) * 256);
            int u0 = (ui >> 8) - 1;
            int v0 = (vi >> 8) - 1;
            int fu = ui & 0xff;
            int fv = vi & 0xff;
            int p00;
            int p10;
            int p01;
            int p11;
            if (u0 >= 0 && v0 >= 0 && u0 + 1 < width && v0 + 1 < height) {
                int at = v0 * width + u0;
                p00 = pixels[at];
                p10 = pixels[at + 1];
                p01 = pixels[at + width];
                p11 = pixels[at + width + 1];
            } else {
                p00 = pixel(u0, v0);
                p10 = pixel(u0 + 1, v0);
                p01 = pixel(u0, v0 + 1);
                p11 = pixel(u0 + 1, v0 + 1);
            }
            if ((p00 | p10 | p01 | p11) >>> 24 == 0) {
                return under;
            }
            if ((p00 & p10 & p01 & p11) >>> 24 == 0xff) {
                // inside the mask: plain bilinear colour, drawn opaque
                int w00 = (256 - fu) * (256 - fv);
                int w10 = fu * (256 - fv);
                int w01 = (256 - fu) * fv;
                int w11 = fu * fv;
                return under & 0xff000000 | lit(opaque(w00, w10, w01, w11, p00, p10, p01, p11, 16)) << 16
                        | lit(opaque(w00, w10, w01, w11, p00, p10, p01, p11, 8)) << 8
                        | lit(opaque(w00, w10, w01, w11, p00, p10, p01, p11, 0));
            }
            // weights of the four neighbours times their alpha: at most 256 * 255
            int w00 = ((256 - fu) * (256 - fv) >> 8) * (p00 >>> 24);
            int w10 = (fu * (256 - fv) >> 8) * (p10 >>> 24);
            int w01 = ((256 - fu) * fv >> 8) * (p01 >>> 24);
            int w11 = (fu * fv >> 8) * (p11 >>> 24);
            int alphaSum = w00 + w10 + w01 + w11;
            if (alphaSum <= 128) {
                return under;
            }
            int alpha = Math.min(255, alphaSum + 128 >> 8);
            // one division for the three channels: sum / alphaSum = sum * (2^24 / alphaSum) / 2^24
            long scale = (1L << 24) / alphaSum;
            int r = blend(channel(w00, w10, w01, w11, p00, p10, p01, p11, 16, scale), under >> 16 & 0xff, alpha);
            int g = blend(channel(w00, w10, w01, w11, p00, p10, p01, p11, 8, scale), under >> 8 & 0xff, alpha);
            int b = blend(channel(w00, w10, w01, w11, p00, p10, p01, p11, 0, scale), under & 0xff, alpha);
            return under & 0xff000000 | r << 16 | g << 8 | b;
        }

        private static int channel(int w00, int w10, int w01, int w11, int p00, int p10, int p01, int p11, int shift,
                long scale) {
            int sum = w00 * (p00 >> shift & 0xff) + w10 * (p10 >> shift & 0xff) + w01 * (p01 >> shift & 0xff)
                    + w11 * (p11 >> shift & 0xff);
            return (int) Math.min(255, sum * scale + (1 << 23) >> 24);
        }

        /** A channel of four opaque pixels with weights that sum to 2^16. */
        private static int opaque(int w00, int w10, int w01, int w11, int p00, int p10, int p01, int p11, int shift) {
            return w00 * (p00 >> shift & 0xff) + w10 * (p10 >> shift & 0xff) + w01 * (p01 >> shift & 0xff)
                    + w11 * (p11 >> shift & 0xff) + (1 << 15) >>> 16;
        }

        /** The mask's colour with the photo's brightness. */
        private int lit(int over) {
            return Math.min(255, over * brightness + 128 >> 8);
        }

        /** The mask's colour, brightened or darkened, over the photo's with the mask's alpha (0..255). */
        private int blend(int over, int under, int alpha) {
            int v = (over * brightness * alpha + (under * (255 - alpha) << 8) + 255 * 128) / (255 * 256);
            return Math.min(255, v);
        }

        private int pixel(int x, int y) {
            return x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[y * width + x];
        }
    }
}
