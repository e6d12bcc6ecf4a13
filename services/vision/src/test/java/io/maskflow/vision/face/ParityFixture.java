package io.maskflow.vision.face;

import ai.djl.util.JsonUtils;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What {@code @vladmandic/face-api} itself finds on the test photos, written by
 * {@code src/test/node/parity-fixture.js} (see {@code docs/faces.md}), and where those photos are: face-api's demo
 * photos unpacked by the build ({@code -Dmaskflow.face.demo}), generated faces in this package's test resources.
 */
final class ParityFixture {

    static final String RESOURCE = "/io/maskflow/vision/face/parity-fixture.json";
    static final String GENERATED = "/io/maskflow/vision/face/generated/";

    record Fixture(String reference, String tfjs, String backend, List<Photo> photos) {
    }

    record Photo(String photo, int width, int height, List<RefFace> faces) {
    }

    record RefFace(double score, double[] box, double[][] landmarks, double[] alignedBox, double age, String gender,
            double genderProbability) {

        FaceBox faceBox() {
            return new FaceBox(box[0], box[1], box[2], box[3]);
        }
    }

    private ParityFixture() {
    }

    static Fixture load() {
        try (InputStream in = ParityFixture.class.getResourceAsStream(RESOURCE)) {
            return JsonUtils.GSON.fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Fixture.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo photos' folder (face-api's {@code demo/}, unpacked by the build). */
    static Path demoDir() {
        String given = System.getProperty("maskflow.face.demo");
        if (given != null) {
            return Path.of(given);
        }
        // the module's folder under surefire, the project's under exec:java
        Path module = Path.of("target/face-api/package/demo");
        return Files.isDirectory(module) ? module : Path.of("services/vision").resolve(module);
    }

    /** A photo of the fixture: a demo photo ({@code sample*.jpg}) or a generated one from the test resources. */
    static BufferedImage image(String name) {
        try {
            if (name.startsWith("sample")) {
                Path file = demoDir().resolve(name);
                if (!Files.exists(file)) {
                    throw new IllegalStateException(file + " is missing: the vision build unpacks face-api's demo "
                            + "photos there (scripts/install-face-models.sh)");
                }
                return ImageIO.read(file.toFile());
            }
            try (InputStream in = ParityFixture.class.getResourceAsStream(GENERATED + name)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + GENERATED + name);
                }
                return ImageIO.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
