package io.maskflow.trainer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The training curves as one PNG: training and validation loss on the left axis, validation macro F1 and the
 * three head accuracies on the right (0 to 1), one point per epoch.
 */
final class CurvePlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 40;
    private static final int BOTTOM = 70;

    private CurvePlot() {
    }

    static byte[] png(List<TrainingRunner.Epoch> curve, String title) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        TrainingRunner.Epoch last = curve.get(curve.size() - 1);
        g.drawString(String.format(Locale.ROOT, "%s — %d epochs, last val macro F1 %.3f", title, curve.size(),
                last.valMacroF1()), LEFT, 22);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.drawRect(LEFT, TOP, plotW, plotH);
        double maxLoss = 1e-9;
        for (TrainingRunner.Epoch e : curve) {
            maxLoss = Math.max(maxLoss, Math.max(e.loss(), e.valLoss()));
        }
        for (int i = 0; i <= 4; i++) {
            int y = TOP + plotH - i * plotH / 4;
            g.setColor(new Color(235, 235, 235));
            g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", maxLoss * i / 4), 8, y + 4);
            g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0), LEFT + plotW + 8, y + 4);
        }
        for (TrainingRunner.Epoch e : curve) {
            g.drawString(Integer.toString(e.epoch()), x(e.epoch(), curve.size(), plotW) - 3, TOP + plotH + 16);
        }
        g.drawString("epoch", LEFT + plotW / 2 - 15, TOP + plotH + 32);
        double lossScale = maxLoss;
        line(g, curve, plotW, plotH, e -> e.loss() / lossScale, new Color(200, 60, 40), false);
        line(g, curve, plotW, plotH, e -> e.valLoss() / lossScale, new Color(200, 60, 40), true);
        line(g, curve, plotW, plotH, TrainingRunner.Epoch::valMacroF1, new Color(30, 90, 200), false);
        line(g, curve, plotW, plotH, TrainingRunner.Epoch::maskAccuracy, new Color(40, 160, 90), true);
        line(g, curve, plotW, plotH, TrainingRunner.Epoch::genderAccuracy, new Color(150, 80, 180), true);
        line(g, curve, plotW, plotH, TrainingRunner.Epoch::ageAccuracy, new Color(220, 150, 20), true);
        String[] names = {"train loss", "val loss", "val macro F1", "mask acc", "gender acc", "age acc"};
        Color[] colours = {new Color(200, 60, 40), new Color(200, 60, 40), new Color(30, 90, 200),
            new Color(40, 160, 90), new Color(150, 80, 180), new Color(220, 150, 20)};
        for (int i = 0; i < names.length; i++) {
            int lx = LEFT + i * 105;
            int ly = HEIGHT - 18;
            g.setColor(colours[i]);
            g.setStroke(i == 1 || i > 2 ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {5, 4}, 0) : new BasicStroke(2));
            g.drawLine(lx, ly - 4, lx + 20, ly - 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[i], lx + 24, ly);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int x(int epoch, int epochs, int plotW) {
        return epochs == 1 ? LEFT + plotW / 2 : LEFT + (epoch - 1) * plotW / (epochs - 1);
    }

    private static void line(Graphics2D g, List<TrainingRunner.Epoch> curve, int plotW, int plotH,
            ToDoubleFunction<TrainingRunner.Epoch> value, Color colour, boolean dashed) {
        g.setColor(colour);
        g.setStroke(dashed ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {5, 4}, 0) : new BasicStroke(2));
        int px = -1;
        int py = -1;
        for (TrainingRunner.Epoch e : curve) {
            int cx = x(e.epoch(), curve.size(), plotW);
            int cy = TOP + plotH - (int) Math.round(Math.max(0, Math.min(1, value.applyAsDouble(e))) * plotH);
            g.fillOval(cx - 3, cy - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, cx, cy);
            }
            px = cx;
            py = cy;
        }
    }
}
