package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.InkedLook;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;

/**
 * The {@code inked} style's head in one photo: the face is laid out front-on (face-local pixels, origin at the face
 * centre, y down) and then turned by the photo's yaw as if drawn on a rounded head: a point at {@code x} moves to
 * {@code x cos(yaw) + z sin(yaw)}, where its depth {@code z} is largest in the middle of the face (more at the nose)
 * and 0 at the head's sides, so the far half of the face narrows, the nose and chin move towards it, and the
 * landmarks (turned by the same map) follow. Everything the renderer draws on the head goes through {@link #turn}.
 */
final class InkedHead {

    /** Depth of the face's middle, as a share of the half-width; R is where the depth reaches 0. */
    private static final double DEPTH = 0.75;
    private static final double RIM = 1.15;

    final FaceGeometry g;
    final double hw;
    final double hh;
    final double cos;
    final double sin;
    /** +1 when the light comes from the image's right, else -1. */
    final int light;
    /** The pen: outline, feature and fine line widths in pixels. */
    final float outline;
    final float feature;
    final float fine;
    final InkedLook look;

    /** Front-on positions of the 68 landmarks and their extra depth (the nose stands out). */
    final double[] fx = new double[68];
    final double[] fy = new double[68];
    private final double[] fz = new double[68];

    InkedHead(Appearance a, Pose pose, int width, int height) {
        look = a.inked();
        int shape = look.faceShape();
        hw = a.faceWidth() * width * pose.scale() * (shape == 3 ? 1.05 : shape == 1 ? 0.96 : 1);
        hh = hw * a.faceRatio() * (shape == 1 ? 1.08 : shape == 3 ? 0.93 : 1);
        g = new FaceGeometry(hw, hh, pose, width * (0.5 + pose.dx()), height * (0.42 + pose.dy()));
        double yaw = Math.toRadians(pose.yaw());
        cos = Math.cos(yaw);
        sin = Math.sin(yaw);
        light = Math.cos(Math.toRadians(pose.lightAngle())) >= 0 ? 1 : -1;
        double u = hw / 64 * look.pen();
        outline = (float) (2.4 * u);
        feature = (float) (1.5 * u);
        fine = (float) (0.85 * u);
        layout(a);
        for (int i = 0; i < 68; i++) {
            g.set(i, x(fx[i], fy[i]) + fz[i] * sin, fy[i]);
        }
    }

    /** The turned x of a front-on point. */
    double x(double x, double y) {
        return x * cos + depth(x, y) * sin;
    }

    /** How far a front-on point stands out of the head's side plane: rounded across, less at the crown. */
    double depth(double x, double y) {
        double across = 1 - Math.pow(x / (RIM * hw), 2);
        if (across <= 0) {
            return 0;
        }
        double up = -y / hh - 0.6;
        double crown = up > 0 ? Math.max(0.4, 1 - up * 1.2) : 1;
        return DEPTH * hw * across * crown;
    }

    /** A front-on shape as drawn on the turned head (curves flattened to lines first). */
    Path2D turn(Shape s) {
        return turn(s, 0);
    }

    /** As {@link #turn(Shape)}, with {@code lift} extra depth (in half-widths) for parts that stand out. */
    Path2D turn(Shape s, double lift) {
        Path2D out = new Path2D.Double(Path2D.WIND_NON_ZERO);
        double[] c = new double[6];
        double extra = lift * hw * sin;
        for (PathIterator it = s.getPathIterator(null, 0.5); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> out.moveTo(x(c[0], c[1]) + extra, c[1]);
                case PathIterator.SEG_LINETO -> out.lineTo(x(c[0], c[1]) + extra, c[1]);
                default -> out.closePath();
            }
        }
        return out;
    }

    /**
     * The front-on landmarks at this style's proportions: large eyes a little below the middle of the head, a short
     * nose, the mouth low; the jaw by face shape, with jowls and a lower chin as the face sags.
     */
    private void layout(Appearance a) {
        int shape = look.faceShape();
        double jaw = a.jaw();
        double sag = look.sag();
        double chin = switch (shape) {
            case 1 -> 1.06;
            case 2 -> 1.04;
            case 3 -> 0.95;
            default -> 1.0;
        };
        for (int i = 0; i <= 16; i++) {
            double angle = Math.PI * i / 16;
            double s = Math.sin(angle);
            double taper = switch (shape) {
                case 1 -> (1 - jaw) * Math.pow(s, 5) * 0.85;
                case 2 -> (1 - jaw * 0.85) * Math.pow(s, 1.5);
                case 3 -> (1 - jaw) * Math.pow(s, 3) * 0.7;
                default -> (1 - jaw) * s * s * 0.9;
            };
            double jowl = sag * 0.06 * Math.pow(Math.sin(2 * angle), 2);
            set(i, -Math.cos(angle) * hw * (1 - taper) * (1 + jowl), -0.08 * hh + s * chin * hh
                    + sag * 0.04 * hh * Math.pow(s, 4), 0);
        }
        for (int k = 0; k < 5; k++) {
            double x = (0.14 + 0.5 * k / 4) * hw;
            double lift = a.browArch() * 0.08 * hh * Math.sin(Math.PI * (k + 0.5) / 5);
            set(21 - k, -x, -0.37 * hh - lift, 0.04);
            set(22 + k, x, -0.37 * hh - lift, 0.04);
        }
        for (int k = 0; k < 4; k++) {
            set(27 + k, 0, -0.22 * hh + 0.14 * hh * k, 0.06 * k);
        }
        double nw = a.noseWidth() * hw;
        for (int k = 0; k < 5; k++) {
            set(31 + k, (k - 2) / 2.0 * nw * 0.5, 0.25 * hh - (Math.abs(k - 2) == 2 ? 0.03 * hh : 0),
                    0.1 - 0.03 * Math.abs(k - 2));
        }
        double ew = a.eyeSize() * hw;
        double eh = ew * (0.46 - 0.06 * a.ageing());
        double[][] unit = {{-0.5, 0}, {-0.2, -0.5}, {0.2, -0.5}, {0.5, 0}, {0.2, 0.4}, {-0.2, 0.4}};
        for (int side = 0; side < 2; side++) {
            double cx = (side == 0 ? -0.4 : 0.4) * hw;
            for (int k = 0; k < 6; k++) {
                set(36 + 6 * side + k, cx + unit[k][0] * ew, -0.13 * hh + unit[k][1] * eh, 0);
            }
        }
        double cy = 0.55 * hh + sag * 0.02 * hh;
        double mw = 0.25 * hw;
        double lip = a.lipFullness() * hh;
        double[][] outer = {{-1, 0}, {-0.6, -0.75}, {-0.2, -1}, {0, -0.85}, {0.2, -1}, {0.6, -0.75}, {1, 0},
            {0.6, 0.85}, {0.2, 1.05}, {0, 1.08}, {-0.2, 1.05}, {-0.6, 0.85}};
        for (int k = 0; k < 12; k++) {
            set(48 + k, outer[k][0] * mw, cy + outer[k][1] * lip, 0.03);
        }
        double[][] inner = {{-0.85, 0}, {-0.3, -0.08}, {0, -0.08}, {0.3, -0.08}, {0.85, 0}, {0.3, 0.08}, {0, 0.1},
            {-0.3, 0.08}};
        for (int k = 0; k < 8; k++) {
            set(60 + k, inner[k][0] * mw, cy + inner[k][1] * lip, 0.03);
        }
    }

    private void set(int i, double x, double y, double lift) {
        fx[i] = x;
        fy[i] = y;
        fz[i] = lift * hw;
    }

    /** The front-on face outline: the forehead curve over the 17 jaw points. */
    Path2D outline() {
        double forehead = switch (look.faceShape()) {
            case 1 -> 0.95;
            case 2 -> 1.03;
            case 3 -> 1.02;
            default -> 0.9;
        };
        Path2D face = new Path2D.Double();
        face.moveTo(fx[0], fy[0]);
        face.curveTo(fx[0] * forehead, -0.78 * hh, -0.75 * forehead * hw, -1.1 * hh, 0, -1.1 * hh);
        face.curveTo(0.75 * forehead * hw, -1.1 * hh, fx[16] * forehead, -0.78 * hh, fx[16], fy[16]);
        for (int i = 15; i >= 0; i--) {
            face.lineTo(fx[i], fy[i]);
        }
        face.closePath();
        return face;
    }
}
