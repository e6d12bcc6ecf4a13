package io.maskflow.preprocess;

import io.maskflow.dev.FacePhotos;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.preprocess.source.DirectorySource;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crop=face}: shards hold the faces; photos without one get the centre crop and are counted. */
class FaceCropJobTest {

    private static final String WITH_FACE = "000001_female_Asian_25";
    private static final String WITHOUT_FACE = "000002_male_Asian_45";

    private static Path dataset(Path root) throws Exception {
        for (String folder : List.of(WITH_FACE, WITHOUT_FACE)) {
            Path dir = Files.createDirectories(root.resolve("train/images/" + folder));
            byte[] photo = folder.equals(WITH_FACE) ? FacePhotos.faceInTheCorner() : FacePhotos.noFace();
            for (String stem : Mask.fileStems()) {
                Files.write(dir.resolve(stem + ".jpg"), photo);
            }
        }
        Files.writeString(root.resolve("train/train.csv"), "id,gender,race,age,path\n000001,female,Asian,25,"
                + WITH_FACE + "\n000002,male,Asian,45," + WITHOUT_FACE + "\n");
        return root;
    }

    private static List<ShardRecord> records(Path out) throws Exception {
        List<ShardRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(out.resolve("shards/shard-00000.bin"));
                ShardReader reader = new ShardReader(in)) {
            reader.forEach(records::add);
        }
        return records;
    }

    @Test
    void cropsTheFacesAndCountsThePhotosWithoutOne(@TempDir Path dir) throws Exception {
        Path data = dataset(Files.createDirectories(dir.resolve("data")));
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 32, "folds", 2, "crop", "face"),
                PreprocessParams.DEFAULTS);
        PreprocessJob.Result result;
        try (SharedFaceAnalyzer faces = new SharedFaceAnalyzer()) {
            result = new PreprocessJob(params, 2, faces).run(List.of(new DirectorySource(data)),
                    TestData.folder(dir.resolve("out")), done -> { });
            assertThat(faces.loaded()).isTrue();
        }

        assertThat(result.index().count()).isEqualTo(14);
        assertThat(result.report().faceFallbacks()).isEqualTo(7);
        assertThat(result.report().fallbackImages()).hasSize(7).allMatch(i -> i.contains(WITHOUT_FACE));
        assertThat(result.report().summary()).contains("crop face: 7 image(s) cropped to a face, 7 without a face "
                + "found got the centre crop", WITHOUT_FACE + "/mask1.jpg");
        assertThat(result.index().parameters()).containsEntry("crop", "face").containsEntry("faceMargin", 0.25);
        for (ShardRecord r : records(dir.resolve("out"))) {
            double green = FacePhotos.greenShare(r.pixels());
            if (r.person() == 0) {
                assertThat(green).as("the face, not the wall around it").isLessThan(0.05);
            } else {
                assertThat(green).as("the centre of the wall").isGreaterThan(0.9);
            }
        }
    }

    @Test
    void theCentreCropNeitherLoadsTheAnalyzerNorCountsFallbacks(@TempDir Path dir) throws Exception {
        Path data = dataset(Files.createDirectories(dir.resolve("data")));
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 32, "folds", 2),
                PreprocessParams.DEFAULTS);
        try (SharedFaceAnalyzer faces = new SharedFaceAnalyzer()) {
            PreprocessJob.Result result = new PreprocessJob(params, 2, faces).run(List.of(new DirectorySource(data)),
                    TestData.folder(dir.resolve("out")), done -> { });
            assertThat(faces.loaded()).isFalse();
            assertThat(result.report().faceFallbacks()).isZero();
            assertThat(result.report().summary()).doesNotContain("crop face");
        }
        List<ShardRecord> records = records(dir.resolve("out"));
        assertThat(records.stream().filter(r -> r.person() == 0).mapToDouble(r -> FacePhotos.greenShare(r.pixels()))
                .min().orElseThrow()).as("the centre crop of the photo with the face is mostly wall")
                .isGreaterThan(0.5);
    }
}
