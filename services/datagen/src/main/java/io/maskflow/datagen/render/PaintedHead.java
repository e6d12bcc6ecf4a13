package io.maskflow.datagen.render;

import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.PaintedLook;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.SplittableRandom;

/**
 * The {@code painted} style's head in one photo. The face is laid out front-on in face-local pixels (origin at the
 * face centre, y down) at this style's proportions and turned by the photo's yaw on an ellipsoid: a point at
 * {@code x} moves to {@code x cos(yaw) + z sin(yaw)}, its depth {@code z} that of an ellipse across the head (and
 * more at the nose, brows and lips), shallower over the crown. The same map places the 68 landmarks, the shapes
 * drawn through Java 2D ({@link #turn}) and the brush dabs ({@link #dab}), so the landmarks lie on the painting.
 * It also shades: how much of the key and of the fill light a point of the head's ellipsoid receives.
 */
final class PaintedHead {

    /** The {@code lift} of what is not on the head (neck, clothes): drawn front-on, without the head's turn. */
    static final double BODY = Double.NaN;

    private static final double DEPTH = 0.8;
    private static final double RIM = 1.12;

    final FaceGeometry g;
    final Appearance a;
    final PaintedLook look;
    final double hw;
    final double hh;
    final double cos;
    final double sin;
    /** Towards the key light, in face space (x right, y down, z towards the camera); the fill comes from across. */
    final double lx;
    final double ly;
    final double lz;
    /** Ambient, key and fill light strengths of this photo. */
    final double ambient;
    final double key;
    final double fill;
    /** Key and fill light colours, as factors per channel. */
    final double[] keyColour;
    final double[] fillColour;

    /** Front-on landmarks and their extra depth. */
    final double[] fx = new double[68];
    final double[] fy = new double[68];
    private final double[] fz = new double[68];
    private final double m00;
    private final double m01;
    private final double m02;
    private final double m10;
    private final double m11;
    private final double m12;
    private final double roll;

    PaintedHead(Appearance a, Pose pose, int width, int height) {
        this.a = a;
        look = a.painted();
        int shape = look.faceShape();
        double wide = switch (shape) {
            case 0 -> 0.93;
            case 2 -> 1.05;
            case 3 -> 1.03;
            case 4 -> 0.98;
            default -> 1.0;
        };
        double tall = switch (shape) {
            case 0 -> 1.1;
            case 2 -> 0.92;
            case 3 -> 0.96;
            case 4 -> 1.03;
            default -> 1.0;
        };
        hw = a.faceWidth() * width * pose.scale() * wide;
        hh = hw * a.faceRatio() * tall;
        g = new FaceGeometry(hw, hh, pose, width * (0.5 + pose.dx()), height * (0.43 + pose.dy()));
        double yaw = Math.toRadians(pose.yaw());
        cos = Math.cos(yaw);
        sin = Math.sin(yaw);
        roll = Math.toRadians(pose.roll());
        double[] m = new double[6];
        g.toImage.getMatrix(m);
        m00 = m[0];
        m10 = m[1];
        m01 = m[2];
        m11 = m[3];
        m02 = m[4];
        m12 = m[5];
        double side = Math.cos(Math.toRadians(pose.lightAngle()));
        double x = 0.8 * side;
        double y = -0.25 - 0.2 * Math.abs(Math.sin(Math.toRadians(pose.lightAngle())));
        double z = Math.sqrt(Math.max(0.05, 1 - x * x - y * y));
        lx = x;
        ly = y;
        lz = z;
        double s = pose.lightStrength();
        if (look.chiaroscuro()) {
            ambient = 0.2;
            key = 0.6 + 0.3 * s;
            fill = 0.12;
        } else {
            ambient = 0.5 - 0.15 * s;
            key = 0.4 + 0.35 * s;
            fill = 0.3;
        }
        double warm = look.keyWarmth();
        keyColour = warm > 0 ? new double[] {1 + 0.1 * warm, 0.97, 1 - 0.22 * warm}
                : new double[] {1 + 0.16 * warm, 1 + 0.02 * warm, 1 - 0.14 * warm};
        // the fill has the other tint: bluish under a warm key, amber or rose under a cool one
        fillColour = warm > 0 ? new double[] {0.8, 0.95, 1.25} : new double[] {1.25, 0.95, 0.8};
        layout();
        for (int i = 0; i < 68; i++) {
            g.set(i, turnX(fx[i], fy[i]) + fz[i] * sin, fy[i]);
        }
    }

    /** How far a front-on point stands out of the plane of the head's sides: elliptic across, less at the crown. */
    double depth(double x, double y) {
        double across = 1 - Math.pow(x / (RIM * hw), 2);
        if (across <= 0) {
            return 0;
        }
        double up = -y / hh - 0.55;
        double crown = up > 0 ? Math.max(0.35, 1 - up) : 1;
        return DEPTH * hw * Math.sqrt(across) * crown;
    }

    /** The turned x of a front-on point. */
    double turnX(double x, double y) {
        return x * cos + depth(x, y) * sin;
    }

    /** A front-on shape as painted on the turned head (curves flattened to lines first). */
    Path2D turn(Shape s) {
        return turn(s, 0);
    }

    /** As {@link #turn(Shape)}, with {@code lift} extra depth (in half-widths) for parts that stand out. */
    Path2D turn(Shape s, double lift) {
        Path2D out = new Path2D.Double(Path2D.WIND_NON_ZERO);
        double[] c = new double[6];
        double extra = lift * hw * sin;
        for (PathIterator it = s.getPathIterator(null, 0.6); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> out.moveTo(turnX(c[0], c[1]) + extra, c[1]);
                case PathIterator.SEG_LINETO -> out.lineTo(turnX(c[0], c[1]) + extra, c[1]);
                default -> out.closePath();
            }
        }
        return out;
    }

    /**
     * A dab at the front-on point ({@code x}, {@code y}) with {@code lift} extra depth; {@code angle} is its direction
     * in the face (radians, turned with the head's tilt), its half-axes in pixels. A {@code lift} of {@link #BODY}
     * places it without the head's turn.
     */
    void dab(Brush brush, double x, double y, double lift, double angle, double length, double breadth, int rgb,
            double opacity, double hardness, int bristles) {
        double tx = Double.isNaN(lift) ? x : turnX(x, y) + lift * hw * sin;
        brush.dab(m00 * tx + m01 * y + m02, m10 * tx + m11 * y + m12, angle + roll, length, breadth, rgb, opacity,
                hardness, bristles);
    }

    /**
     * A painted line along the quadratic curve from ({@code x0}, {@code y0}) over ({@code cx}, {@code cy}) to
     * ({@code x1}, {@code y1}), front-on: overlapping dabs along it, {@code width} pixels wide, thinning towards the
     * end by {@code taper} (0 none .. 1 to a point).
     */
    void line(Brush brush, double x0, double y0, double cx, double cy, double x1, double y1, double width, int rgb,
            double opacity, double taper, double lift) {
        double length = Math.hypot(cx - x0, cy - y0) + Math.hypot(x1 - cx, y1 - cy);
        int steps = Math.max(2, (int) (length / Math.max(1.2, width * 0.9)));
        for (int k = 0; k <= steps; k++) {
            double t = k / (double) steps;
            double u = 1 - t;
            double x = u * u * x0 + 2 * u * t * cx + t * t * x1;
            double y = u * u * y0 + 2 * u * t * cy + t * t * y1;
            double dx = 2 * u * (cx - x0) + 2 * t * (x1 - cx);
            double dy = 2 * u * (cy - y0) + 2 * t * (y1 - cy);
            double w = width * (1 - taper * t) / 2;
            dab(brush, x, y, lift, Math.atan2(dy, dx), Math.max(w, length / steps * 0.9), Math.max(0.6, w), rgb,
                    opacity, 0.4, -1);
        }
    }

    /** A random front-on point inside {@code region} (a front-on shape), or its bounds' centre after 40 misses. */
    static double[] inside(Shape region, SplittableRandom r) {
        java.awt.geom.Rectangle2D box = region.getBounds2D();
        for (int k = 0; k < 40; k++) {
            double x = box.getX() + r.nextDouble() * box.getWidth();
            double y = box.getY() + r.nextDouble() * box.getHeight();
            if (region.contains(x, y)) {
                return new double[] {x, y};
            }
        }
        return new double[] {box.getCenterX(), box.getCenterY()};
    }

    /**
     * The key light's share at a front-on point of an ellipsoid around the head ({@code grow} 1 the face, more for
     * hair standing off it): the cosine between the turned surface normal and the light, 0 in shadow.
     */
    double keyAt(double x, double y, double grow) {
        double[] n = normal(x, y, grow);
        return Math.max(0, n[0] * lx + n[1] * ly + n[2] * lz);
    }

    /** The fill light's share: the same from the other side, a little from below. */
    double fillAt(double x, double y, double grow) {
        double[] n = normal(x, y, grow);
        return Math.max(0, -n[0] * lx * 0.9 + n[1] * 0.1 + n[2] * 0.45);
    }

    private double[] normal(double x, double y, double grow) {
        double ex = x / (RIM * hw * grow);
        double ey = (y + 0.05 * hh) / (1.3 * hh * grow) * 0.8;
        double ez = Math.sqrt(Math.max(0.02, 1 - ex * ex - ey * ey));
        double len = Math.sqrt(ex * ex + ey * ey + ez * ez);
        ex /= len;
        ey /= len;
        ez /= len;
        return new double[] {ex * cos + ez * sin, ey, -ex * sin + ez * cos};
    }

    /** A colour {@code rgb} as lit at a front-on point: ambient, the key and the fill light in their colours. */
    int lit(int rgb, double x, double y, double grow) {
        double k = key * keyAt(x, y, grow);
        double f = fill * fillAt(x, y, grow);
        double r = (rgb >> 16 & 0xff) * (ambient + k * keyColour[0] + f * fillColour[0]);
        double gr = (rgb >> 8 & 0xff) * (ambient + k * keyColour[1] + f * fillColour[1]);
        double b = (rgb & 0xff) * (ambient + k * keyColour[2] + f * fillColour[2]);
        return Brush.rgb(r, gr, b);
    }

    /**
     * The front-on landmarks at this style's proportions: the eyes a little above the middle of the face and wide
     * apart, a long nose, a full mouth well above the chin; the jaw by face shape, with jowls and a lower chin as the
     * face sags.
     */
    private void layout() {
        int shape = look.faceShape();
        double jaw = a.jaw();
        double sag = look.sag();
        double chin = switch (shape) {
            case 0 -> 1.05;
            case 3 -> 0.97;
            case 4 -> 1.06;
            default -> 1.01;
        };
        for (int i = 0; i <= 16; i++) {
            double angle = Math.PI * i / 16;
            double s = Math.sin(angle);
            double taper = switch (shape) {
                case 0 -> (1 - jaw) * Math.pow(s, 2.5) * 0.9;
                case 2 -> (1 - jaw) * Math.pow(s, 4) * 0.8;
                case 3 -> (1 - jaw) * Math.pow(s, 6) * 0.95 + 0.05 * s * s;
                case 4 -> (1 - jaw) * Math.pow(s, 1.6);
                default -> (1 - jaw) * s * s * 0.85;
            };
            double jowl = sag * 0.07 * Math.pow(Math.sin(2 * angle), 2);
            set(i, -Math.cos(angle) * hw * (1 - taper) * (1 + jowl), -0.1 * hh + s * chin * hh
                    + sag * 0.05 * hh * Math.pow(s, 4), 0);
        }
        for (int k = 0; k < 5; k++) {
            double x = (0.12 + 0.5 * k / 4) * hw;
            double lift = a.browArch() * 0.075 * hh * Math.sin(Math.PI * (k + 0.6) / 5.4);
            set(21 - k, -x, -0.4 * hh - lift, 0.06);
            set(22 + k, x, -0.4 * hh - lift, 0.06);
        }
        for (int k = 0; k < 4; k++) {
            set(27 + k, 0, -0.25 * hh + 0.15 * hh * k, 0.05 + 0.075 * k);
        }
        double nw = a.noseWidth() * hw;
        for (int k = 0; k < 5; k++) {
            set(31 + k, (k - 2) / 2.0 * nw * 0.55, 0.28 * hh - (Math.abs(k - 2) == 2 ? 0.03 * hh : 0),
                    0.16 - 0.04 * Math.abs(k - 2));
        }
        double ew = a.eyeSize() * hw;
        double eh = ew * (0.42 - 0.05 * a.ageing());
        double[][] unit = {{-0.5, 0.02}, {-0.2, -0.5}, {0.18, -0.48}, {0.5, 0}, {0.2, 0.42}, {-0.2, 0.4}};
        for (int side = 0; side < 2; side++) {
            double cx = (side == 0 ? -0.41 : 0.41) * hw;
            for (int k = 0; k < 6; k++) {
                set(36 + 6 * side + k, cx + unit[k][0] * ew, -0.16 * hh + unit[k][1] * eh, 0.02);
            }
        }
        double cy = 0.56 * hh + sag * 0.03 * hh;
        double mw = 0.28 * hw;
        double lip = a.lipFullness() * hh;
        double[][] outer = {{-1, 0}, {-0.62, -0.8}, {-0.22, -1}, {0, -0.86}, {0.22, -1}, {0.62, -0.8}, {1, 0},
            {0.62, 0.9}, {0.22, 1.1}, {0, 1.12}, {-0.22, 1.1}, {-0.62, 0.9}};
        for (int k = 0; k < 12; k++) {
            set(48 + k, outer[k][0] * mw, cy + outer[k][1] * lip, 0.08);
        }
        double[][] inner = {{-0.84, 0}, {-0.3, -0.1}, {0, -0.08}, {0.3, -0.1}, {0.84, 0}, {0.3, 0.1}, {0, 0.12},
            {-0.3, 0.1}};
        for (int k = 0; k < 8; k++) {
            set(60 + k, inner[k][0] * mw, cy + inner[k][1] * lip, 0.08);
        }
    }

    private void set(int i, double x, double y, double lift) {
        fx[i] = x;
        fy[i] = y;
        fz[i] = lift * hw;
    }

    /** The extra depth of landmark {@code i}, in half-widths. */
    double lift(int i) {
        return fz[i] / hw;
    }

    /** The front-on face outline: the forehead's curve over the 17 jaw points. */
    Path2D outline() {
        double brow = switch (look.faceShape()) {
            case 0 -> 0.94;
            case 3 -> 1.02;
            case 4 -> 0.86;
            default -> 0.97;
        };
        Path2D face = new Path2D.Double();
        face.moveTo(fx[0], fy[0]);
        face.curveTo(fx[0] * brow, -0.78 * hh, -0.78 * brow * hw, -1.12 * hh, 0, -1.12 * hh);
        face.curveTo(0.78 * brow * hw, -1.12 * hh, fx[16] * brow, -0.78 * hh, fx[16], fy[16]);
        for (int i = 15; i >= 0; i--) {
            face.lineTo(fx[i], fy[i]);
        }
        face.closePath();
        return face;
    }
}
