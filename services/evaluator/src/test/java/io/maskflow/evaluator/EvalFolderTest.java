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

    /**
     * An info.csv naming a photo with a comma in quotes, and one composed (NFC) whose file macOS stored decomposed:
     * the first was cut at the comma ("unreadable") and written back as a broken submission line ({@code "a,3}), the
     * second was "not in the data set" (a probe of users' photos, 2026-12-07).
     */
    @Test
    void quotedNamesAndNamesInAnotherUnicodeFormFindTheirPhotosAndTheSubmissionQuotesThem() throws Exception {
        MemoryStore store = new MemoryStore();
        String korean = "\uc0ac\uc9c4 1.jpg"; // 사진 1.jpg, composed
        String stored = java.text.Normalizer.normalize(korean, java.text.Normalizer.Form.NFD);
        byte[] photo = FacePhotos.faceInTheCorner();
        Map<String, byte[]> content = Map.of("eval/info.csv", ("\"ImageID\",\"ans\"\r\n\"a,b.jpg\",0\r\n\"" + korean
                + "\",0\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "eval/images/a,b.jpg", photo,
                "eval/images/" + stored, photo);
        Map<String, io.maskflow.contracts.dataset.DatasetManifest.FileEntry> files = new java.util.TreeMap<>();
        for (Map.Entry<String, byte[]> file : content.entrySet()) {
            io.maskflow.contracts.ArtifactRef ref = store.put("ds/" + file.getKey(), file.getValue(), "image/jpeg");
            files.put(file.getKey(), new io.maskflow.contracts.dataset.DatasetManifest.FileEntry(ref.size(),
                    ref.sha256(), null));
        }
        io.maskflow.sdk.store.DatasetFiles dataset = io.maskflow.sdk.store.DatasetFiles.of(store,
                new io.maskflow.contracts.dataset.DatasetManifest(1, "maskflow", "ds/", "upload", files,
                        java.time.Instant.now()));

        EvalFolder.Prepared prepared = EvalFolder.prepare(dataset, model(Map.of("cropWidth", 256, "cropHeight", 320)));

        assertThat(prepared.imageIds()).containsExactly("a,b.jpg", korean);
        assertThat(prepared.unreadable()).isEmpty();
        assertThat(new String(EvalFolder.submission(prepared.imageIds(), new int[] {3, 4}),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("ImageID,ans\n\"a,b.jpg\",3\n" + korean + ",4\n");
    }
}
