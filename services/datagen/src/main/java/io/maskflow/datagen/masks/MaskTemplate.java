package io.maskflow.datagen.masks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mask drawn flat on a transparent canvas, with six anchor points that {@link MaskPlacer} maps onto the face:
 * top-left, top-centre (nose bridge), top-right, bottom-left, bottom-centre (under the chin), bottom-right. As in
 * MaskTheFace, a turned face gets a template whose centre line sits towards the far side.
 */
public final class MaskTemplate {

    /** Which way the face is turned. */
    public enum Variant {
        FRONT(0.5),
        /** Face turned to the image's left: the centre line moves left. */
        LEFT(0.42),
        RIGHT(0.58);

        final double centre;

        Variant(double centre) {
            this.centre = centre;
        }
    }

    /** The drawing's own units; the canvas is {@link #SCALE} times that (a mask is rarely wider on a photo). */
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final double SCALE = 0.5;

    private final BufferedImage image;
    /** The image's non-premultiplied ARGB pixels, row by row, read once: every placement samples them. */
    private final int[] pixels;
    /** The smallest rectangle holding every pixel that is not fully transparent: {minX, minY, maxX, maxY}. */
    private final int[] contentBounds;
    private final double[] anchorX;
    private final double[] anchorY;

    private MaskTemplate(BufferedImage image, double[] anchorX, double[] anchorY) {
        this.image = image;
        // TYPE_INT_ARGB keeps non-premultiplied ARGB ints: its data array is the pixels, no conversion needed
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData().clone();
        this.contentBounds = contentBounds(pixels, image.getWidth());
        this.anchorX = anchorX;
        this.anchorY = anchorY;
    }

    BufferedImage image() {
        return image;
    }

    /** {minX, minY, maxX, maxY} of the visible pixels, in pixel indices. */
    int[] contentBounds() {
        return contentBounds.clone();
    }

    private static int[] contentBounds(int[] pixels, int width) {
        int[] bounds = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] >>> 24 != 0) {
                int x = i % width;
                int y = i / width;
                bounds[0] = Math.min(bounds[0], x);
                bounds[1] = Math.min(bounds[1], y);
                bounds[2] = Math.max(bounds[2], x);
                bounds[3] = Math.max(bounds[3], y);
            }
        }
        if (bounds[2] < 0) {
            throw new IllegalStateException("a mask template with no visible pixel");
        }
        return bounds;
    }

    /** The pixels of {@link #image()}; shared, never to be changed. */
    int[] pixels() {
        return pixels;
    }

    double[] anchorX() {
        return anchorX.clone();
    }

    double[] anchorY() {
        return anchorY.clone();
    }

    /** Recently drawn templates: the same style and variant come back often (a few colours per mask type). */
    private static final Map<MaskStyle, MaskTemplate[]> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 512;

    /** The template of a style and variant, drawn or taken from the cache. Templates are never changed. */
    public static MaskTemplate of(MaskStyle style, Variant variant) {
        MaskTemplate[] variants = CACHE.computeIfAbsent(style, s -> new MaskTemplate[Variant.values().length]);
        MaskTemplate template = variants[variant.ordinal()];
        if (template == null) {
            template = draw(style, variant);
            variants[variant.ordinal()] = template;
        }
        if (CACHE.size() > CACHE_LIMIT) {
            CACHE.clear();
        }
        return template;
    }

    public static MaskTemplate draw(MaskStyle style, Variant variant) {
        double c = WIDTH * variant.centre;
        double[] ax = {18, c, WIDTH - 18, 46, c, WIDTH - 46};
        double[] ay = {54, 10, 54, 192, HEIGHT - 8, 192};
        BufferedImage image = new BufferedImage((int) (WIDTH * SCALE), (int) (HEIGHT * SCALE),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            Shape outline = outline(style.type(), ax, ay);
            g.setColor(style.color());
            g.fill(outline);
            g.clip(outline);
            switch (style.type()) {
                case SURGICAL -> surgical(g, style, ax, ay);
                case N95 -> n95(g, style, ax, ay);
                case KN95 -> kn95(g, style, ax, ay);
                case CLOTH -> cloth(g, style, ax, ay);
                default -> throw new IllegalStateException(style.type().name());
            }
            shade(g, c);
            g.setClip(null);
            g.setColor(darker(style.color(), 0.7));
            g.setStroke(new BasicStroke(2.5f));
            g.draw(outline);
        } finally {
            g.dispose();
        }
        for (int i = 0; i < ax.length; i++) {
            ax[i] *= SCALE;
            ay[i] *= SCALE;
        }
        return new MaskTemplate(image, ax, ay);
    }

    private static Shape outline(MaskType type, double[] x, double[] y) {
        Path2D p = new Path2D.Double();
        double bulge = type == MaskType.N95 ? 26 : type == MaskType.CLOTH ? 14 : 4;
        p.moveTo(x[0], y[0]);
        if (type == MaskType.KN95) {
            p.lineTo(x[1], y[1]);
            p.lineTo(x[2], y[2]);
            p.quadTo(x[2] + 6, (y[2] + y[5]) / 2, x[5], y[5]);
            p.lineTo(x[4], y[4]);
            p.lineTo(x[3], y[3]);
            p.quadTo(x[0] - 6, (y[0] + y[3]) / 2, x[0], y[0]);
        } else {
            p.quadTo((x[0] + x[1]) / 2, y[1] - bulge * 0.3, x[1], y[1]);
            p.quadTo((x[1] + x[2]) / 2, y[1] - bulge * 0.3, x[2], y[2]);
            p.quadTo(x[2] + bulge, (y[2] + y[5]) / 2, x[5], y[5]);
            p.quadTo((x[5] + x[4]) / 2 + bulge, y[4] + bulge * 0.2, x[4], y[4]);
            p.quadTo((x[4] + x[3]) / 2 - bulge, y[4] + bulge * 0.2, x[3], y[3]);
            p.quadTo(x[0] - bulge, (y[0] + y[3]) / 2, x[0], y[0]);
        }
        p.closePath();
        return p;
    }

    private static void surgical(Graphics2D g, MaskStyle s, double[] x, double[] y) {
        g.setColor(darker(s.color(), 0.82));
        g.setStroke(new BasicStroke(3f));
        for (int k = 1; k <= 3; k++) {
            double t = 0.28 + 0.17 * k;
            g.draw(new Line2D.Double(0, y[0] + (y[3] - y[0]) * t, WIDTH, y[0] + (y[3] - y[0]) * t + 6));
        }
        g.setColor(new Color(255, 255, 255, 90));
        g.fill(new Rectangle2D.Double(0, 0, WIDTH, y[0] + 6));
    }

    private static void n95(Graphics2D g, MaskStyle s, double[] x, double[] y) {
        g.setColor(darker(s.color(), 0.85));
        g.setStroke(new BasicStroke(2f));
        g.draw(new Ellipse2D.Double(x[0] + 20, y[1] + 18, x[2] - x[0] - 40, y[4] - y[1] - 36));
        g.setColor(s.accent());
        g.setStroke(new BasicStroke(5f));
        g.draw(new Line2D.Double(0, y[0] + 6, WIDTH, y[0] + 6));
        g.draw(new Line2D.Double(0, y[3] - 4, WIDTH, y[3] - 4));
        if (s.valve()) {
            double vx = x[1] + (x[2] - x[1]) * 0.45;
            double vy = (y[1] + y[4]) * 0.55;
            g.setColor(darker(s.color(), 0.75));
            g.fill(new Ellipse2D.Double(vx - 24, vy - 24, 48, 48));
            g.setColor(darker(s.color(), 0.55));
            g.setStroke(new BasicStroke(2f));
            for (int k = -2; k <= 2; k++) {
                g.draw(new Line2D.Double(vx - 16, vy + k * 6, vx + 16, vy + k * 6));
            }
        }
    }

    private static void kn95(Graphics2D g, MaskStyle s, double[] x, double[] y) {
        g.setColor(darker(s.color(), 0.78));
        g.setStroke(new BasicStroke(3f));
        g.draw(new Line2D.Double(x[1], y[1], x[4], y[4]));
        g.setStroke(new BasicStroke(1.5f));
        Path2D inner = new Path2D.Double();
        inner.moveTo(x[0] + 10, y[0] + 6);
        inner.lineTo(x[1], y[1] + 10);
        inner.lineTo(x[2] - 10, y[2] + 6);
        g.draw(inner);
    }

    private static void cloth(Graphics2D g, MaskStyle s, double[] x, double[] y) {
        g.setColor(s.accent());
        switch (s.pattern()) {
            case 1 -> {
                for (int k = 0; k < WIDTH + HEIGHT; k += 22) {
                    g.setStroke(new BasicStroke(8f));
                    g.draw(new Line2D.Double(k, 0, k - HEIGHT, HEIGHT));
                }
            }
            case 2 -> {
                for (int row = 0; row < HEIGHT; row += 22) {
                    for (int col = (row / 22 % 2) * 11; col < WIDTH; col += 22) {
                        g.fill(new Ellipse2D.Double(col, row, 8, 8));
                    }
                }
            }
            case 3 -> {
                g.setColor(new Color(s.accent().getRed(), s.accent().getGreen(), s.accent().getBlue(), 120));
                for (int k = 0; k < WIDTH; k += 32) {
                    g.fill(new Rectangle2D.Double(k, 0, 14, HEIGHT));
                }
                for (int k = 0; k < HEIGHT; k += 32) {
                    g.fill(new Rectangle2D.Double(0, k, WIDTH, 14));
                }
            }
            default -> {
                // solid colour
            }
        }
        g.setColor(darker(s.color(), 0.7));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6, 5}, 0));
        g.draw(new Line2D.Double(x[1], y[1] + 4, x[4], y[4] - 4));
    }

    /** Light on the centre, shadow towards the sides, so the flat template reads as a curved surface. */
    private static void shade(Graphics2D g, double centre) {
        g.setPaint(new GradientPaint((float) centre, 0, new Color(255, 255, 255, 40), 0, 0, new Color(0, 0, 0, 70),
                true));
        g.fill(new Rectangle2D.Double(0, 0, centre, HEIGHT));
        g.setPaint(new GradientPaint((float) centre, 0, new Color(255, 255, 255, 40), WIDTH, 0,
                new Color(0, 0, 0, 70)));
        g.fill(new Rectangle2D.Double(centre, 0, WIDTH - centre, HEIGHT));
    }

    private static Color darker(Color c, double f) {
        return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f), c.getAlpha());
    }
}
