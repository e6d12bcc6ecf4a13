package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public face API: what a caller gets, on a face, on no face, and from several threads at once. */
class FaceAnalyzerTest {

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new FaceAnalyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void findsAGeneratedFaceWithLandmarksInsideItsBoxAndAnAgeAndGender() {
        List<Face> faces = analyzer.detect(ParityFixture.image("generated-3.jpg"));
        assertThat(faces).hasSize(1);
        Face face = faces.get(0);
        assertThat(face.score()).isBetween(0.5, 1.0);
        assertThat(face.landmarks()).hasSize(Face.LANDMARKS);
        FaceBox box = face.box();
        assertThat(face.landmarks()).allSatisfy(p -> {
            assertThat(p.x()).isBetween(box.x() - 0.1 * box.width(), box.right() + 0.1 * box.width());
            assertThat(p.y()).isBetween(box.y() - 0.1 * box.height(), box.bottom() + 0.1 * box.height());
        });
        // iBUG order: the chin (8) below the nose tip (30), the nose tip below the eyes (36, 45)
        assertThat(face.landmarks().get(8).y()).isGreaterThan(face.landmarks().get(30).y());
        assertThat(face.landmarks().get(30).y()).isGreaterThan(face.landmarks().get(36).y());
        assertThat(face.landmarks().get(45).x()).isGreaterThan(face.landmarks().get(36).x());
        assertThat(face.hasAgeAndGender()).isTrue();
        assertThat(face.age()).isBetween(1.0, 100.0);
        assertThat(face.genderProbability()).isBetween(0.5, 1.0);
    }

    @Test
    void findsNoFaceOnAPlainWallAndSkipsAgeAndGenderWhenAsked() {
        BufferedImage wall = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wall.createGraphics();
        g.setColor(new Color(170, 160, 150));
        g.fillRect(0, 0, 384, 512);
        g.dispose();
        assertThat(analyzer.detect(wall)).isEmpty();
        Face face = analyzer.detectWithLandmarks(ParityFixture.image("generated-7.jpg")).get(0);
        assertThat(face.hasAgeAndGender()).isFalse();
        assertThat(face.age()).isNaN();
    }

    @Test
    void detectionAloneGivesTheSameBoxesAsWithLandmarks() {
        for (String name : List.of("generated-1.jpg", "generated-3.jpg", "generated-12.jpg")) {
            BufferedImage photo = ParityFixture.image(name);
            assertThat(analyzer.detectBoxes(photo)).as(name).isEqualTo(analyzer.detectWithLandmarks(photo).stream()
                    .map(Face::box).toList());
        }
        assertThat(analyzer.detectBoxes(new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB))).isEmpty();
    }

    @Test
    void givesTheSameAnswerToThreadsSharingIt() throws Exception {
        BufferedImage photo = ParityFixture.image("generated-1.jpg");
        List<Face> alone = analyzer.detect(photo);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Face>>> answers = List.of(pool.submit(() -> analyzer.detect(photo)),
                    pool.submit(() -> analyzer.detect(photo)), pool.submit(() -> analyzer.detect(photo)));
            for (Future<List<Face>> answer : answers) {
                assertThat(answer.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesSettingsTheDetectorCannotUse() {
        assertThatThrownBy(() -> new FaceAnalyzer(400, 0.5)).hasMessageContaining("multiple of 32");
        assertThatThrownBy(() -> new FaceAnalyzer(416, 1.0)).hasMessageContaining("scoreThreshold");
        assertThatThrownBy(() -> new Face(new FaceBox(0, 0, 1, 1), 1, List.of(), 0, null, 0))
                .hasMessageContaining("68 landmarks");
    }
}
