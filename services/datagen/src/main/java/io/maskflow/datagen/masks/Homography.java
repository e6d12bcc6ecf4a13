package io.maskflow.datagen.masks;

/**
 * A plane-to-plane perspective transform fitted by least squares to four or more point pairs (the direct linear
 * transform with h33 = 1).
 */
final class Homography {

    private final double[] h;

    private Homography(double[] h) {
        this.h = h;
    }

    /** The transform that takes each {@code (fromX[i], fromY[i])} as close as it can to {@code (toX[i], toY[i])}. */
    static Homography fit(double[] fromX, double[] fromY, double[] toX, double[] toY) {
        int n = fromX.length;
        if (n < 4) {
            throw new IllegalArgumentException("a homography needs at least 4 point pairs, got " + n);
        }
        requireSpread(fromX, fromY);
        requireSpread(toX, toY);
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        for (int i = 0; i < n; i++) {
            double x = fromX[i];
            double y = fromY[i];
            double u = toX[i];
            double v = toY[i];
            accumulate(ata, atb, new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u}, u);
            accumulate(ata, atb, new double[] {0, 0, 0, x, y, 1, -x * v, -y * v}, v);
        }
        return new Homography(solve(ata, atb));
    }

    /**
     * Refuses points that lie on one line or one point, or that are not numbers: the elimination's pivot test lets
     * NaN through, and 68 equal landmarks made NaN anchor points (the nose-exposed stretch divided 0 by 0), a
     * transform that drew no mask and a photo answered 200 unchanged. The points' spread across their main
     * direction must be at least a millionth of their spread along it, and the latter more than a millionth of a
     * pixel.
     */
    private static void requireSpread(double[] xs, double[] ys) {
        int n = xs.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i] / n;
            my += ys[i] / n;
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx) / n;
            syy += (ys[i] - my) * (ys[i] - my) / n;
            sxy += (xs[i] - mx) * (ys[i] - my) / n;
        }
        // the covariance's two eigenvalues: the variances along and across the points' main direction
        double half = (sxx + syy) / 2;
        double root = Math.sqrt(Math.max(0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
        double along = half + root;
        double across = Math.max(0, half - root);
        if (!(along > 1e-12) || Math.sqrt(across) < 1e-6 * Math.sqrt(along)) {
            throw new IllegalArgumentException("the points do not determine a perspective transform (they lie on "
                    + "a line or on one point)");
        }
    }

    private static void accumulate(double[][] ata, double[] atb, double[] row, double b) {
        for (int i = 0; i < 8; i++) {
            atb[i] += row[i] * b;
            for (int j = 0; j < 8; j++) {
                ata[i][j] += row[i] * row[j];
            }
        }
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("the points do not determine a perspective transform "
                        + "(three or more of them lie on a line)");
            }
            double[] rowSwap = a[col];
            a[col] = a[pivot];
            a[pivot] = rowSwap;
            double bSwap = b[col];
            b[col] = b[pivot];
            b[pivot] = bSwap;
            for (int row = col + 1; row < n; row++) {
                double f = a[row][col] / a[col][col];
                b[row] -= f * b[col];
                for (int k = col; k < n; k++) {
                    a[row][k] -= f * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }

    /** h11, h12, h13, h21, h22, h23, h31, h32 (h33 = 1), for callers that map many points in a loop. */
    double[] coefficients() {
        return h.clone();
    }

    /** The transform going the other way (the inverse 3 x 3 matrix, scaled so that h33 = 1). */
    Homography inverse() {
        double a = h[0];
        double b = h[1];
        double c = h[2];
        double d = h[3];
        double e = h[4];
        double f = h[5];
        double g = h[6];
        double k = h[7];
        // adjugate of [[a b c] [d e f] [g k 1]]; the determinant cancels in the scaling
        double[] adj = {e - f * k, c * k - b, b * f - c * e, f * g - d, a - c * g, c * d - a * f, d * k - e * g,
            b * g - a * k, a * e - b * d};
        if (Math.abs(adj[8]) < 1e-12) {
            throw new IllegalArgumentException("the perspective transform has no inverse with h33 = 1");
        }
        double[] inv = new double[8];
        for (int i = 0; i < 8; i++) {
            inv[i] = adj[i] / adj[8];
        }
        return new Homography(inv);
    }

    /** Maps a point; returns {@code {x, y}}. */
    double[] apply(double x, double y) {
        double w = h[6] * x + h[7] * y + 1;
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }
}
