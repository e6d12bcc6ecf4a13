package io.maskflow.datagen.render;

import io.maskflow.datagen.masks.Landmarks;
import io.maskflow.datagen.people.Appearance;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;

/**
 * Where the parts of one face are in one photo. Points are computed in face-local pixels (origin at the face
 * centre, y down) and {@link #toImage} maps them through the head's tilt into the photo; the renderer draws with
 * the same transform, so the 68 landmarks lie exactly on what is drawn.
 */
public final class FaceGeometry {

    final double hw;
    final double hh;
    final double shift;
    final AffineTransform toImage;
    final double[] lx = new double[Landmarks.COUNT];
    final double[] ly = new double[Landmarks.COUNT];

    public FaceGeometry(Appearance a, Pose pose, int width, int height) {
        hw = a.faceWidth() * width * pose.scale();
        hh = hw * a.faceRatio();
        double yaw = Math.toRadians(pose.yaw());
        shift = Math.sin(yaw) * hw * 0.45;
        double cx = width * (0.5 + pose.dx());
        double cy = height * (0.42 + pose.dy());
        toImage = new AffineTransform();
        toImage.translate(cx, cy);
        toImage.rotate(Math.toRadians(pose.roll()));
        jaw(a);
        brows(a);
        nose(a);
        eyes(a);
        mouth(a);
    }

    /**
     * Only the frame: face size, head turn and where the face sits; a style that places the 68 points its own way
     * sets them with {@link #set}.
     */
    FaceGeometry(double hw, double hh, Pose pose, double cx, double cy) {
        this.hw = hw;
        this.hh = hh;
        shift = Math.sin(Math.toRadians(pose.yaw())) * hw * 0.45;
        toImage = new AffineTransform();
        toImage.translate(cx, cy);
        toImage.rotate(Math.toRadians(pose.roll()));
    }

    private void jaw(Appearance a) {
        for (int i = 0; i <= 16; i++) {
            double angle = Math.PI * i / 16;
            double s = Math.sin(angle);
            double width = 1 - (1 - a.jaw()) * s * s * 0.9;
            width *= 1 + a.ageing() * 0.05 * Math.pow(s, 4);
            set(i, -Math.cos(angle) * hw * width + shift * 0.25 * s, -0.1 * hh + s * 1.1 * hh);
        }
    }

    private void brows(Appearance a) {
        for (int k = 0; k < 5; k++) {
            double x = 0.12 + 0.5 * k / 4;
            double lift = a.browArch() * 0.07 * hh * Math.sin(Math.PI * (k + 0.5) / 5);
            double y = -0.37 * hh - lift - (a.browArch() - 0.4) * 0.02 * hh;
            set(21 - k, -x * hw + shift, y);
            set(22 + k, x * hw + shift, y);
        }
    }

    private void nose(Appearance a) {
        for (int k = 0; k < 4; k++) {
            set(27 + k, shift * (1 + 0.35 * k / 3), -0.28 * hh + 0.133 * hh * k);
        }
        double nw = a.noseWidth() * hw;
        for (int k = 0; k < 5; k++) {
            double x = (k - 2) / 2.0 * nw * 0.5;
            set(31 + k, shift * 1.2 + x, 0.2 * hh - (Math.abs(k - 2) == 2 ? 0.03 * hh : 0));
        }
    }

    private void eyes(Appearance a) {
        double ew = a.eyeSize() * hw;
        double eh = ew * 0.36;
        eye(36, -0.37 * hw + shift, -0.2 * hh, ew, eh, false);
        eye(42, 0.37 * hw + shift, -0.2 * hh, ew, eh, true);
    }

    /** Six points from the outer corner (left eye) or inner corner (right eye), clockwise. */
    private void eye(int first, double cx, double cy, double ew, double eh, boolean right) {
        double[][] unit = {{-0.5, 0}, {-0.2, -0.5}, {0.2, -0.5}, {0.5, 0}, {0.2, 0.45}, {-0.2, 0.45}};
        for (int k = 0; k < 6; k++) {
            set(first + k, cx + unit[k][0] * ew, cy + unit[k][1] * eh);
        }
    }

    private void mouth(Appearance a) {
        double cx = shift * 1.1;
        double cy = 0.52 * hh;
        double mw = 0.26 * hw * (1 + a.lipFullness());
        double lip = a.lipFullness() * hh;
        double[][] outer = {{-1, 0}, {-0.6, -0.8}, {-0.2, -1}, {0, -0.85}, {0.2, -1}, {0.6, -0.8}, {1, 0},
            {0.6, 0.9}, {0.2, 1.1}, {0, 1.12}, {-0.2, 1.1}, {-0.6, 0.9}};
        for (int k = 0; k < 12; k++) {
            set(48 + k, cx + outer[k][0] * mw, cy + outer[k][1] * lip);
        }
        double[][] inner = {{-0.85, 0}, {-0.3, -0.15}, {0, -0.12}, {0.3, -0.15}, {0.85, 0}, {0.3, 0.15},
            {0, 0.17}, {-0.3, 0.15}};
        for (int k = 0; k < 8; k++) {
            set(60 + k, cx + inner[k][0] * mw, cy + inner[k][1] * lip);
        }
    }

    void set(int i, double x, double y) {
        lx[i] = x;
        ly[i] = y;
    }

    /** A face-local point, in face-local pixels. */
    Point2D.Double local(int i) {
        return new Point2D.Double(lx[i], ly[i]);
    }

    /** The 68 landmarks in photo pixels. */
    public Landmarks landmarks() {
        double[] x = new double[Landmarks.COUNT];
        double[] y = new double[Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            Point2D p = toImage.transform(new Point2D.Double(lx[i], ly[i]), null);
            x[i] = p.getX();
            y[i] = p.getY();
        }
        return Landmarks.of(x, y);
    }
}
