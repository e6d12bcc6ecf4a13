package io.maskflow.datagen.api;

import io.maskflow.datagen.faces.FaceMasking;
import io.maskflow.datagen.masks.MaskPlacer;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskStyle;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.vision.face.Face;
import io.maskflow.vision.face.FaceAnalyzer;
import io.maskflow.vision.face.FaceBox;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * What {@code POST /masks} does to real photos: face-api's six demo photos (rows), each face found with its box,
 * its 68 landmarks and its age/gender estimate, and a mask placed on every face in each of the four mask states
 * (columns), mask types taking turns. Each cell shows the part of the photo that holds the faces.
 *
 * <p>Run from the project's folder, after the vision module's build has unpacked the demo photos:
 * {@code mvn -q -pl services/datagen test-compile exec:java
 * -Dexec.mainClass=io.maskflow.datagen.api.FaceMaskContactSheet -Dexec.args=docs/faces-contact-sheet.png}
 */
public final class FaceMaskContactSheet {

    private static final Path DEMO = Path.of("services/vision/target/face-api/package/demo");
    private static final int CELL_W = 420;
    private static final int HEADER = 22;

    private FaceMaskContactSheet() {
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "faces-contact-sheet.png";
        MaskState[] states = MaskState.values();
        MaskType[] types = MaskType.values();
        List<BufferedImage> rows = new java.util.ArrayList<>();
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            for (int i = 1; i <= 6; i++) {
                BufferedImage photo = ImageIO.read(DEMO.resolve("sample" + i + ".jpg").toFile());
                List<Face> faces = analyzer.detect(photo);
                int[] crop = region(faces, photo.getWidth(), photo.getHeight());
                int cellH = (int) Math.round(crop[3] * (double) CELL_W / crop[2]);
                BufferedImage row = new BufferedImage(CELL_W * states.length, cellH, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = graphics(row);
                for (int s = 0; s < states.length; s++) {
                    BufferedImage masked = copy(photo);
                    for (int f = 0; f < faces.size(); f++) {
                        MaskStyle style = MaskStyle.random(types[(i + f) % types.length], new SplittableRandom(i * 10L
                                + f));
                        new MaskPlacer().place(masked, FaceMasking.inside(faces.get(f), photo.getWidth(),
                                photo.getHeight()), style, states[s]);
                    }
                    g.drawImage(masked, s * CELL_W, 0, (s + 1) * CELL_W, cellH, crop[0], crop[1], crop[0] + crop[2],
                            crop[1] + crop[3], null);
                    double scale = (double) CELL_W / crop[2];
                    for (Face face : faces) {
                        overlay(g, face, s * CELL_W - crop[0] * scale, -crop[1] * scale, scale);
                    }
                    g.setColor(Color.WHITE);
                    g.drawString("sample" + i + "  " + states[s].id() + "  " + faces.size() + " faces", s * CELL_W + 6,
                            14);
                }
                g.dispose();
                rows.add(row);
            }
        }
        int height = rows.stream().mapToInt(r -> r.getHeight() + 2).sum();
        BufferedImage sheet = new BufferedImage(CELL_W * states.length, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(sheet);
        int y = 0;
        for (BufferedImage row : rows) {
            g.drawImage(row, 0, y, null);
            y += row.getHeight() + 2;
        }
        g.dispose();
        ImageIO.write(sheet, "png", new File(out));
        System.out.println("wrote " + out);
    }

    /** {x, y, w, h} around all faces with a margin of half a face, or the whole photo when there is none. */
    private static int[] region(List<Face> faces, int width, int height) {
        if (faces.isEmpty()) {
            return new int[] {0, 0, width, height};
        }
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = 0;
        double y1 = 0;
        for (Face face : faces) {
            FaceBox b = face.box();
            x0 = Math.min(x0, b.x() - b.width() * 0.5);
            y0 = Math.min(y0, b.y() - b.height() * 0.5 - HEADER);
            x1 = Math.max(x1, b.right() + b.width() * 0.5);
            y1 = Math.max(y1, b.bottom() + b.height() * 0.5);
        }
        int x = (int) Math.max(0, x0);
        int y = (int) Math.max(0, y0);
        return new int[] {x, y, (int) Math.min(width, x1) - x, (int) Math.min(height, y1) - y};
    }

    private static void overlay(Graphics2D g, Face face, double dx, double dy, double scale) {
        FaceBox b = face.box();
        g.setColor(new Color(60, 230, 90));
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect((int) (dx + b.x() * scale), (int) (dy + b.y() * scale), (int) (b.width() * scale),
                (int) (b.height() * scale));
        g.drawString(String.format(Locale.ROOT, "%s %.0f", face.gender() == Face.Gender.MALE ? "M" : "F", face.age()),
                (int) (dx + b.x() * scale) + 2, (int) (dy + b.y() * scale) - 3);
        g.setColor(new Color(255, 220, 40));
        for (Face.Point p : face.landmarks()) {
            g.fillOval((int) Math.round(dx + p.x() * scale) - 1, (int) Math.round(dy + p.y() * scale) - 1, 3, 3);
        }
    }

    private static BufferedImage copy(BufferedImage photo) {
        BufferedImage rgb = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        return g;
    }
}
