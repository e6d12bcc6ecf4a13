package io.maskflow.evaluator;

import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.metrics.EvaluationFigures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The report's pictures: the 18 x 18 confusion matrix as a heat map with class names, and per-class F1 bars. */
final class ReportPictures {

    private ReportPictures() {
    }

    static byte[] confusion(EvaluationFigures f) throws IOException {
        int cell = 30;
        int left = 150;
        int top = 40;
        BufferedImage image = new BufferedImage(left + 18 * cell + 20, top + 18 * cell + 150,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        g.drawString(String.format("confusion matrix (rows: true class, columns: predicted)   macro F1 %.3f",
                f.macroF1()), 10, 20);
        int max = 1;
        for (int[] row : f.confusion()) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int t = 0; t < 18; t++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(t + " " + Label.ofClass(t).displayName(), 4, top + t * cell + 19);
            for (int p = 0; p < 18; p++) {
                int v = f.confusion()[t][p];
                float share = (float) Math.sqrt(v / (double) max);
                g.setColor(t == p ? new Color(1 - share * 0.85f, 1 - share * 0.45f, 1 - share * 0.75f)
                        : new Color(1 - share * 0.2f, 1 - share * 0.75f, 1 - share * 0.75f));
                g.fillRect(left + p * cell, top + t * cell, cell - 1, cell - 1);
                if (v > 0) {
                    g.setColor(share > 0.6 ? Color.WHITE : Color.BLACK);
                    g.drawString(Integer.toString(v), left + p * cell + 4, top + t * cell + 19);
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        for (int p = 0; p < 18; p++) {
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.translate(left + p * cell + 18, top + 18 * cell + 6);
            rotated.rotate(Math.PI / 2);
            rotated.drawString(p + " " + Label.ofClass(p).displayName(), 0, 0);
            rotated.dispose();
        }
        return png(image, g);
    }

    static byte[] f1Bars(EvaluationFigures f) throws IOException {
        int width = 640;
        int row = 22;
        BufferedImage image = new BufferedImage(width, 50 + 18 * row, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        g.drawString(String.format("F1 per class (macro F1 %.3f; support in brackets)", f.macroF1()), 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (EvaluationFigures.PerClass c : f.perClass()) {
            int y = 35 + c.label() * row;
            g.setColor(Color.DARK_GRAY);
            g.drawString(c.label() + " " + c.name() + " (" + c.support() + ")", 10, y + 14);
            g.setColor(new Color(59, 130, 246));
            g.fillRect(230, y + 3, (int) Math.round(c.f1() * 360), row - 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.2f", c.f1()), 236 + (int) Math.round(c.f1() * 360), y + 14);
        }
        g.setStroke(new BasicStroke(1f));
        g.drawLine(230, 32, 230, 35 + 18 * row);
        return png(image, g);
    }

    /**
     * Up to {@code max} misclassified images as a contact sheet: each image enlarged to 96 px with its true and
     * predicted class and the predicted probability underneath; an image saying so when nothing was wrong.
     */
    static byte[] misclassified(List<ShardRecord> records, int[] predicted, float[][] probabilities, int size,
            int max) throws IOException {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < records.size() && wrong.size() < max; i++) {
            if (records.get(i).label() != predicted[i]) {
                wrong.add(i);
            }
        }
        int tile = 96;
        int cellW = 170;
        int cellH = tile + 44;
        int columns = 6;
        int rows = Math.max(1, (wrong.size() + columns - 1) / columns);
        BufferedImage image = new BufferedImage(columns * cellW + 20, 40 + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        g.drawString(wrong.isEmpty() ? "no misclassified image" : "misclassified images (first " + wrong.size()
                + "): true → predicted (probability)", 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int k = 0; k < wrong.size(); k++) {
            int i = wrong.get(k);
            int x = 10 + (k % columns) * cellW;
            int y = 32 + (k / columns) * cellH;
            BufferedImage face = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            byte[] px = records.get(i).pixels();
            for (int p = 0; p < size * size; p++) {
                face.setRGB(p % size, p / size, (px[p * 3] & 0xff) << 16 | (px[p * 3 + 1] & 0xff) << 8
                        | (px[p * 3 + 2] & 0xff));
            }
            g.drawImage(face, x + (cellW - tile) / 2 - 5, y, tile, tile, null);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Label.ofClass(records.get(i).label()).displayName(), x, y + tile + 13);
            g.setColor(new Color(190, 40, 40));
            g.drawString("→ " + Label.ofClass(predicted[i]).displayName() + String.format(" (%.2f)",
                    probabilities[i][predicted[i]]), x, y + tile + 27);
        }
        return png(image, g);
    }

    private static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return g;
    }

    private static byte[] png(BufferedImage image, Graphics2D g) throws IOException {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
