package io.maskflow.datagen.masks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HomographyTest {

    @Test
    void recoversAKnownPerspectiveFromSixPoints() {
        // u = (2x + y + 3) / (0.001x + 0.002y + 1), v = (x + 3y - 4) / (same)
        double[] x = {0, 100, 200, 0, 100, 200};
        double[] y = {0, 10, 0, 150, 160, 150};
        double[] u = new double[6];
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            double w = 0.001 * x[i] + 0.002 * y[i] + 1;
            u[i] = (2 * x[i] + y[i] + 3) / w;
            v[i] = (x[i] + 3 * y[i] - 4) / w;
        }
        Homography h = Homography.fit(x, y, u, v);
        double[] p = h.apply(50, 70);
        double w = 0.001 * 50 + 0.002 * 70 + 1;
        assertThat(p[0]).isCloseTo((2 * 50 + 70 + 3) / w, offset(1e-6));
        assertThat(p[1]).isCloseTo((50 + 3 * 70 - 4) / w, offset(1e-6));
    }

    @Test
    void theInverseTakesEveryPointBack() {
        double[] x = {0, 100, 200, 0, 100, 200};
        double[] y = {0, 10, 0, 150, 160, 150};
        double[] u = {30, 140, 260, 50, 150, 240};
        double[] v = {20, 5, 25, 190, 215, 185};
        Homography h = Homography.fit(x, y, u, v);
        Homography back = h.inverse();
        for (double[] p : new double[][] {{0, 0}, {50, 70}, {-20, 300}, {180, 140}}) {
            double[] there = h.apply(p[0], p[1]);
            double[] again = back.apply(there[0], there[1]);
            assertThat(again[0]).as("x of %s", p[0]).isCloseTo(p[0], offset(1e-6));
            assertThat(again[1]).as("y of %s", p[1]).isCloseTo(p[1], offset(1e-6));
        }
    }

    @Test
    void refusesPointsOnALine() {
        double[] x = {0, 1, 2, 3};
        double[] y = {0, 1, 2, 3};
        assertThatThrownBy(() -> Homography.fit(x, y, x, y)).hasMessageContaining("on a line");
        assertThatThrownBy(() -> Homography.fit(new double[3], new double[3], new double[3], new double[3]))
                .hasMessageContaining("at least 4");
    }

    /**
     * 68 equal landmarks, or 68 on one line, were taken (rounding kept the pivots above the absolute test): a mask
     * was "drawn" nowhere and the photo answered 200 unchanged (a probe of 2026-12-08).
     */
    @Test
    void refusesSixtyEightLandmarksOnOnePointOrOneLine() {
        double[] u = new double[68];
        double[] v = new double[68];
        double[] same = new double[68];
        double[] line = new double[68];
        double[] level = new double[68];
        for (int i = 0; i < 68; i++) {
            u[i] = 100 + 40 * Math.cos(i * 0.37);
            v[i] = 120 + 55 * Math.sin(i * 0.53);
            same[i] = 10;
            line[i] = i * 5 + 1;
            level[i] = 100;
        }
        assertThatThrownBy(() -> Homography.fit(same, same, u, v)).hasMessageContaining("on a line or on one point");
        assertThatThrownBy(() -> Homography.fit(line, level, u, v)).hasMessageContaining("on a line or on one point");
        assertThatThrownBy(() -> Homography.fit(line, line, u, v)).hasMessageContaining("on a line or on one point");
        assertThat(Homography.fit(u, v, u, v).apply(100, 120)[0]).isCloseTo(100, offset(1e-6));
    }
}
