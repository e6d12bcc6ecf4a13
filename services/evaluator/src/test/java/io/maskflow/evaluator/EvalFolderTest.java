package io.maskflow.evaluator;

import io.maskflow.dev.FacePhotos;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eval images are prepared as the model's training data was: the face for a model trained with crop=face. */
class EvalFolderTest {

    private static ModelDescriptor model(Map<String, Object> preprocessing) {
        return new ModelDescriptor("compact-cnn", Heads.THREE, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null, Map.of(), Map.of(), Map.of(), preprocessing, null);
    }

    private static EvalFolder.Prepared prepare(ModelDescriptor descriptor) throws Exception {
        byte[] face = FacePhotos.faceInTheCorner();
        byte[] wall = FacePhotos.noFace();
        Map<String, byte[]> files = Map.of("eval/images/a.jpg", face, "eval/images/b.jpg", wall);
        return EvalFolder.prepareImages(List.of("a.jpg", "b.jpg", "c.jpg"), new EvalFolder.Answers(Map.of("a.jpg", 4),
                Map.of()), files::get,
                descriptor);
    }

    @Test
    void cropsTheFacesForAModelTrainedOnFaceCropsAndCountsTheImagesWithoutOne() throws Exception {
        EvalFolder.Prepared prepared = prepare(model(Map.of("cropWidth", 256, "cropHeight", 320, "crop", "face",
                "faceMargin", 0.25, "shardSize", 2048)));
        assertThat(FacePhotos.greenShare(prepared.records().get(0).pixels())).isLessThan(0.05);
        assertThat(FacePhotos.greenShare(prepared.records().get(1).pixels())).isGreaterThan(0.9);
        assertThat(prepared.faceFallbacks()).isEqualTo(1);
        assertThat(prepared.unreadable()).containsOnlyKeys(2);
        assertThat(prepared.truth()).containsExactly(4, -1, -1);
    }

    @Test
    void cropsTheCentreForAModelTrainedOnCentreCrops() throws Exception {
        EvalFolder.Prepared prepared = prepare(model(Map.of("cropWidth", 256, "cropHeight", 320)));
        assertThat(FacePhotos.greenShare(prepared.records().get(0).pixels())).isGreaterThan(0.5);
        assertThat(prepared.faceFallbacks()).isZero();
    }
}
