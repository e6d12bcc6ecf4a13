package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.SculptedLook;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * The {@code sculpted} style's hair: many thin strands, each a polyline of points in the head's model space (on
 * or off the scalp, hanging for long styles) with its own shade, grey or white for a share of them that grows with
 * age. The head's turn moves them with it; strands behind the head are hidden by its depth, and the ones that hang
 * behind the neck ({@link #back}) are drawn before the body.
 */
final class SculptedHair {

    static final Color SILVER = new Color(196, 196, 200);
    private static final Color WHITE = new Color(238, 236, 232);

    /** Strand points: x, y, z per point; {@code start[s]} .. {@code start[s + 1]} are strand s's points. */
    private float[] points = new float[3 * 4096];
    private int size;
    private int[] start = new int[512];
    private int[] color = new int[511];
    private int[] alpha = new int[511];
    private boolean[] back = new boolean[511];
    private boolean[] wide = new boolean[511];
    private int strands;

    private final SculptedModel m;
    private final SplittableRandom r;
    private final double[] p = new double[3];

    SculptedHair(SculptedModel m, SplittableRandom r) {
        this.m = m;
        this.r = r;
        Appearance a = m.a;
        switch (a.hairStyle()) {
            case 0 -> cap(1200, 0.08, 0.14, 0.02);
            case 1 -> {
                cap(600, 0.1, 0.16, 0.03);
                part(1000, (r.nextBoolean() ? 1 : -1) * Math.toRadians(25 + r.nextDouble() * 15), 0.06);
            }
            case 2, 3 -> {
                cap(400, 0.1, 0.2, 0.05);
                part(1000, r.nextDouble() < 0.5 ? r.nextGaussian() * 0.06 : (r.nextBoolean() ? 1 : -1) * 0.4, 0.08);
                hanging(620, false);
                hanging(300, true);
            }
            case 4 -> {
                cap(400, 0.08, 0.14, 0.02);
                swept(900, 0.04);
                bun(450);
            }
            case 5 -> sides(900);
            default -> {
                cap(500, 0.1, 0.2, 0.04);
                fringe(700);
                hanging(400, false);
                hanging(160, true);
            }
        }
    }

    int count() {
        return strands;
    }

    int from(int s) {
        return start[s];
    }

    int to(int s) {
        return start[s + 1];
    }

    float[] points() {
        return points;
    }

    int color(int s) {
        return color[s];
    }

    int alpha(int s) {
        return alpha[s];
    }

    boolean behind(int s) {
        return back[s];
    }

    /** Whether the strand is drawn two pixels wide (long hanging hair, so that it reads as a mass). */
    boolean wide(int s) {
        return wide[s];
    }

    /** Latitude of the hairline at longitude {@code phi}: the front's hairline, down to the ears at the sides. */
    private double hairlineTheta(double phi) {
        double u = Math.sin(phi) * 0.85;
        double front = m.theta(m.hairlineV(u) * m.ratio);
        double side = Math.toRadians(4);
        double t = smooth(Math.toRadians(55), Math.toRadians(95), Math.abs(phi));
        return front + (side - front) * t;
    }

    /** Short strands over the whole scalp, running down from the crown. */
    private void cap(int n, double minLength, double maxLength, double lift) {
        for (int k = 0; k < n; k++) {
            double phi = (r.nextDouble() * 2 - 1) * Math.toRadians(108);
            double limit = hairlineTheta(phi);
            double theta = SculptedModel.THETA_MIN + r.nextDouble() * (limit - SculptedModel.THETA_MIN);
            double length = minLength + r.nextDouble() * (maxLength - minLength);
            double end = Math.min(limit, theta + length);
            double turn = (r.nextDouble() - 0.5) * 0.15 + Math.signum(phi) * 0.05;
            begin(false);
            for (int q = 0; q <= 3; q++) {
                double t = q / 3.0;
                m.scalp(phi + turn * t, theta + (end - theta) * t, lift + 0.015 * Math.sin(Math.PI * t), p);
                add(p);
            }
            finish();
        }
    }

    /** Strands swept from the crown down to the hairline (long styles' top, or pulled back to a bun). */
    private void swept(int n, double lift) {
        for (int k = 0; k < n; k++) {
            double phi = (r.nextDouble() * 2 - 1) * Math.toRadians(106);
            double end = hairlineTheta(phi);
            double theta = SculptedModel.THETA_MIN + r.nextDouble() * 0.15;
            begin(false);
            for (int q = 0; q <= 5; q++) {
                double t = q / 5.0;
                m.scalp(phi * (0.6 + 0.4 * t), theta + (end - theta) * t, lift + 0.02 * Math.sin(Math.PI * t), p);
                add(p);
            }
            finish();
        }
    }

    /** A parting at longitude {@code part}: strands from the part line over the top, down to the hairline. */
    private void part(int n, double part, double lift) {
        double share = 0.5 + Math.min(0.2, Math.abs(part) * 0.5);
        for (int k = 0; k < n; k++) {
            boolean over = r.nextDouble() < share;
            double dir = over ? -Math.signum(part) : Math.signum(part);
            double theta = SculptedModel.THETA_MIN + 0.5 + r.nextDouble() * 0.7;
            double span = Math.toRadians(40 + r.nextDouble() * 70);
            double phiEnd = part + dir * span;
            double end = hairlineTheta(phiEnd);
            begin(false);
            for (int q = 0; q <= 5; q++) {
                double t = q / 5.0;
                double phi = part + dir * span * t;
                double th = theta + (end - theta) * t * t;
                m.scalp(phi, Math.min(th, hairlineTheta(phi)), lift + 0.03 * Math.sin(Math.PI * t), p);
                add(p);
            }
            finish();
        }
    }

    /** A fringe: strands from the crown forward over the forehead, ending above the brows. */
    private void fringe(int n) {
        for (int k = 0; k < n; k++) {
            double phi = (r.nextDouble() * 2 - 1) * Math.toRadians(62);
            double endV = -0.47 - 0.05 * r.nextDouble() + 0.12 * Math.pow(Math.sin(phi) / 0.88, 2);
            double end = m.theta(endV * m.ratio);
            double theta = SculptedModel.THETA_MIN + 0.2 + r.nextDouble() * 0.4;
            begin(false);
            for (int q = 0; q <= 5; q++) {
                double t = q / 5.0;
                m.scalp(phi * (0.7 + 0.3 * t), theta + (end - theta) * t, 0.05 + 0.05 * t * (1 - t) + 0.02 * t,
                        p);
                add(p);
            }
            finish();
        }
    }

    /** Long strands hanging at the sides (or, {@code behind}, at the back, drawn before the body). */
    private void hanging(int n, boolean behind) {
        SculptedLook look = m.look;
        double length = (m.a.hairStyle() == 6 ? 1.15 : 1.6 + r.nextDouble() * 0.7) * m.ratio;
        double wave = look.curl() * 0.09;
        double waves = r.nextDouble() * 6.3;
        for (int k = 0; k < n; k++) {
            double side = r.nextBoolean() ? 1 : -1;
            begin(behind);
            wide[strands] = true;
            double phase = waves + r.nextGaussian() * 0.35;
            double jitter = r.nextGaussian() * 0.04;
            double hang = length * (0.85 + 0.15 * r.nextDouble());
            if (behind) {
                double x = (r.nextDouble() * 2 - 1) * 1.05;
                for (int q = 0; q <= 14; q++) {
                    double t = q / 14.0;
                    double y = -0.6 * m.ratio + (hang + 0.6 * m.ratio) * t;
                    double spread = 1 + 0.25 * t;
                    p[0] = x * spread + wave * Math.sin(y * 5.5 + phase) + jitter;
                    p[1] = y;
                    p[2] = -0.35 - 0.1 * t;
                    add(p);
                }
            } else {
                double phi = side * Math.toRadians(45 + r.nextDouble() * 62);
                double theta = SculptedModel.THETA_MIN + 0.3 + r.nextDouble() * 0.5;
                double top = Math.toRadians(-8);
                for (int q = 0; q <= 3; q++) {
                    double t = q / 3.0;
                    m.scalp(phi, theta + (top - theta) * t, 0.07, p);
                    add(p);
                }
                double x0 = p[0];
                double y0 = p[1];
                double z0 = p[2];
                for (int q = 1; q <= 14; q++) {
                    double t = q / 14.0;
                    double y = y0 + (hang - y0) * t;
                    p[0] = x0 + side * (0.05 + 0.16 * t) + wave * Math.sin(y * 5.5 + phase) * Math.min(1, t * 3)
                            + jitter * t;
                    p[1] = y;
                    p[2] = z0 * (1 - t) + (-0.15) * t;
                    add(p);
                }
            }
            finish();
        }
    }

    /** A bun on the top of the back of the head: short curved strands around a ball. */
    private void bun(int n) {
        double cy = -m.bTop * 1.02;
        double cz = -0.22;
        double radius = 0.34 + r.nextDouble() * 0.08;
        for (int k = 0; k < n; k++) {
            double a0 = r.nextDouble() * Math.PI * 2;
            double b0 = Math.acos(r.nextDouble() * 2 - 1);
            double span = 0.8 + r.nextDouble() * 0.8;
            begin(false);
            for (int q = 0; q <= 4; q++) {
                double angle = a0 + span * q / 4;
                p[0] = radius * Math.sin(b0) * Math.cos(angle);
                p[1] = cy + radius * 0.8 * Math.cos(b0);
                p[2] = cz + radius * Math.sin(b0) * Math.sin(angle);
                add(p);
            }
            finish();
        }
    }

    /** Balding: hair only at the sides and back, a few thin strands over the top. */
    private void sides(int n) {
        for (int k = 0; k < n; k++) {
            double phi = (r.nextBoolean() ? 1 : -1) * Math.toRadians(68 + r.nextDouble() * 42);
            double theta = -0.95 + r.nextDouble() * 0.95;
            double end = Math.min(Math.toRadians(4), theta + 0.1 + r.nextDouble() * 0.1);
            begin(false);
            for (int q = 0; q <= 3; q++) {
                double t = q / 3.0;
                m.scalp(phi, theta + (end - theta) * t, 0.03, p);
                add(p);
            }
            finish();
        }
        for (int k = 0; k < 40; k++) {
            double phi = (r.nextDouble() * 2 - 1) * Math.toRadians(70);
            double theta = SculptedModel.THETA_MIN + r.nextDouble() * 0.6;
            begin(false);
            for (int q = 0; q <= 3; q++) {
                m.scalp(phi + q * 0.08, theta + q * 0.06, 0.02, p);
                add(p);
            }
            finish();
            alpha[strands - 1] = 90;
        }
    }

    private void begin(boolean behind) {
        if (strands + 2 >= start.length) {
            start = java.util.Arrays.copyOf(start, start.length * 2);
            color = java.util.Arrays.copyOf(color, start.length);
            alpha = java.util.Arrays.copyOf(alpha, start.length);
            back = java.util.Arrays.copyOf(back, start.length);
            wide = java.util.Arrays.copyOf(wide, start.length);
        }
        start[strands] = size;
        back[strands] = behind;
        wide[strands] = false;
    }

    private void add(double[] q) {
        if (3 * size + 3 > points.length) {
            points = java.util.Arrays.copyOf(points, points.length * 2);
        }
        points[3 * size] = (float) q[0];
        points[3 * size + 1] = (float) q[1];
        points[3 * size + 2] = (float) q[2];
        size++;
    }

    /** Closes the strand: its shade (a share grey or white with age) and opacity. */
    private void finish() {
        Color base = m.a.hairColor();
        double grey = m.look.greying();
        Color c;
        if (r.nextDouble() < grey * 0.95) {
            c = r.nextDouble() < grey * 0.5 ? WHITE : SILVER;
        } else {
            c = base;
        }
        double f = 0.82 + 0.36 * r.nextDouble();
        color[strands] = SculptedSkin.pack(c.getRed() * f, c.getGreen() * f, c.getBlue() * f);
        alpha[strands] = 100 + r.nextInt(100);
        strands++;
        start[strands] = size;
    }

    private static double smooth(double lo, double hi, double x) {
        double t = Math.max(0, Math.min(1, (x - lo) / (hi - lo)));
        return t * t * (3 - 2 * t);
    }
}
