package io.maskflow.serving;

import io.maskflow.dev.FacePhotos;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.dev.LocalStackResource;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.vision.model.Heads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model whose descriptor says it was trained with {@code crop=face} gets the face of a request photo; a photo
 * without a face gets the centre crop and is counted; a model trained with the centre crop gets the centre. A
 * {@code @QuarkusTest} although it needs no bean: PyTorch's native library can be loaded by one class loader per
 * JVM, and the other tests of this module load it in Quarkus's.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class FaceCropServingTest {

    private static final int SIZE = 32;
    private static final LoadedModel.Batching BATCHING =
            new LoadedModel.Batching(1, 4, 1000, Duration.ofSeconds(30), true);
    private static SharedFaceAnalyzer faces;

    @BeforeAll
    static void start() {
        faces = new SharedFaceAnalyzer();
    }

    @AfterAll
    static void stop() {
        faces.close();
    }

    private static LoadedModel load(SimpleMeterRegistry registry, Map<String, Object> preprocessing)
            throws Exception {
        Path zip = TestModels.untrained(SIZE, Heads.THREE, preprocessing);
        try {
            return LoadedModel.load("m", null, zip, BATCHING, registry, faces);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** The model input turned back into RGB bytes (the test models normalise by mean 0.5, std 0.25). */
    private static byte[] pixels(float[] chw) {
        int plane = chw.length / 3;
        byte[] rgb = new byte[chw.length];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                rgb[p * 3 + c] = (byte) Math.round((chw[c * plane + p] * 0.25f + 0.5f) * 255);
            }
        }
        return rgb;
    }

    private static double fallbacks(SimpleMeterRegistry registry) {
        return registry.get("maskflow.serving.face.fallbacks").counter().count();
    }

    @Test
    void aModelTrainedOnFaceCropsGetsTheFaceAndCountsPhotosWithoutOne() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoadedModel model = load(registry, Map.of("cropWidth", 256, "cropHeight", 320, "crop", "face",
                "faceMargin", 0.25, "folds", 5));
        try {
            assertThat(model.crop()).isEqualTo("face");
            assertThat(faces.loaded()).isTrue();
            float[] input = model.prepare(FacePhotos.faceInTheCorner());
            assertThat(FacePhotos.greenShare(pixels(input))).as("the face, not the wall").isLessThan(0.05);
            assertThat(fallbacks(registry)).isZero();

            float[] wall = model.prepare(FacePhotos.noFace());
            assertThat(FacePhotos.greenShare(pixels(wall))).isGreaterThan(0.9);
            assertThat(fallbacks(registry)).isEqualTo(1.0);
            assertThat(model.predict(FacePhotos.faceInTheCorner()).probabilities()).hasSize(18);
        } finally {
            model.retire();
        }
    }

    @Test
    void aModelTrainedOnCentreCropsGetsTheCentre() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // a descriptor written before crop existed: the centre crop
        LoadedModel model = load(registry, Map.of("cropWidth", 256, "cropHeight", 320));
        try {
            assertThat(model.crop()).isEqualTo("centre");
            float[] input = model.prepare(FacePhotos.faceInTheCorner());
            assertThat(FacePhotos.greenShare(pixels(input))).as("mostly wall").isGreaterThan(0.5);
            model.prepare(FacePhotos.noFace());
            assertThat(fallbacks(registry)).isZero();
        } finally {
            model.retire();
        }
    }
}
