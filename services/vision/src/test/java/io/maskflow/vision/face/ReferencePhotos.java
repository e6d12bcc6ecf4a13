package io.maskflow.vision.face;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the photos the reference runs on as lossless PNGs of the pixels Java decodes, so that the fixture
 * compares the networks and not two JPEG decoders (jpeg-js and ImageIO differ by a few levels per pixel, which
 * moves face-api's age estimate by up to 3 years; see docs/faces.md):
 * <ul>
 * <li>{@code <name>.png} for each parity photo: face-api's six demo photos and the generated faces of the test
 * resources;</li>
 * <li>{@code bench-<n>.png}: the benchmark's 384 x 512 photos, the generated faces in which a face is found as
 * they are, and a 3:4 portrait cut around the first face of each demo photo, scaled to 384 x 512.</li>
 * </ul>
 * Run: {@code mvn -q -pl services/vision test-compile exec:java
 * -Dexec.mainClass=io.maskflow.vision.face.ReferencePhotos -Dexec.args=services/vision/target/reference-photos}.
 */
public final class ReferencePhotos {

    static final String[] GENERATED = {"generated-1.jpg", "generated-3.jpg", "generated-7.jpg", "generated-12.jpg"};
    static final int BENCH_WIDTH = 384;
    static final int BENCH_HEIGHT = 512;

    private ReferencePhotos() {
    }

    /** The parity photos' names: the six demo photos, then the generated faces. */
    static List<String> parityPhotos() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            names.add("sample" + i + ".jpg");
        }
        names.addAll(List.of(GENERATED));
        return names;
    }

    /** The benchmark's 384 x 512 photos, in a fixed order. */
    static List<BufferedImage> benchmarkPhotos(FaceAnalyzer analyzer) {
        List<BufferedImage> photos = new ArrayList<>();
        for (String name : GENERATED) {
            BufferedImage generated = rgb(ParityFixture.image(name));
            if (!analyzer.detectWithLandmarks(generated).isEmpty()) {
                photos.add(generated);
            }
        }
        for (int i = 1; i <= 6; i++) {
            BufferedImage demo = ParityFixture.image("sample" + i + ".jpg");
            FaceBox face = analyzer.detectWithLandmarks(demo).get(0).box();
            photos.add(portrait(demo, face));
        }
        return photos;
    }

    /** A 3:4 cut centred on {@code face}, three face widths wide where the photo allows, scaled to 384 x 512. */
    static BufferedImage portrait(BufferedImage photo, FaceBox face) {
        double w = Math.min(face.width() * 2.2, Math.min(photo.getWidth(), photo.getHeight() * 0.75));
        double h = w / 0.75;
        double x = Math.max(0, Math.min(photo.getWidth() - w, face.x() + face.width() / 2 - w / 2));
        double y = Math.max(0, Math.min(photo.getHeight() - h, face.y() + face.height() / 2 - h * 0.45));
        BufferedImage out = new BufferedImage(BENCH_WIDTH, BENCH_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, BENCH_WIDTH, BENCH_HEIGHT, (int) x, (int) y, (int) (x + w), (int) (y + h), null);
        g.dispose();
        return out;
    }

    static BufferedImage rgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "services/vision/target/reference-photos");
        Files.createDirectories(out);
        for (String name : parityPhotos()) {
            ImageIO.write(rgb(ParityFixture.image(name)), "png", out.resolve(name + ".png").toFile());
        }
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            List<BufferedImage> bench = benchmarkPhotos(analyzer);
            for (int i = 0; i < bench.size(); i++) {
                ImageIO.write(bench.get(i), "png", out.resolve(String.format("bench-%02d.png", i)).toFile());
            }
        }
        System.out.println("wrote the reference photos to " + out.toAbsolutePath());
    }
}
