package io.maskflow.datagen.faces;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.datagen.api.DamagedPhotos;
import io.maskflow.vision.face.Face;
import io.maskflow.vision.face.FaceBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A photo that cannot take a mask is left out of the data set with its reason; the job goes on. */
class FaceMaskingTest {

    private static byte[] blankPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static FaceMasking.Photo photo(String path, byte[] bytes) {
        return new FaceMasking.Photo(path, () -> new ByteArrayInputStream(bytes));
    }

    /**
     * A photo the decoder fails on with a RuntimeException, and a face whose detected landmarks all fall on one
     * point (no perspective transform fits them), are each skipped with the reason: neither fails the whole job,
     * and nothing of them is written.
     */
    @Test
    void anUndecodablePhotoAndADegenerateFaceAreSkippedWithTheirReasons() throws Exception {
        // every landmark on the face's centre: the detection of a face too small or too blurred to tell its points
        Face degenerate = new Face(new FaceBox(50, 50, 100, 100), 0.9,
                Collections.nCopies(Face.LANDMARKS, new Face.Point(100, 100)), 30, Face.Gender.FEMALE, 0.9);
        FaceMasking masking = new FaceMasking(image -> List.of(degenerate), List.of("surgical"), 7, 2, 1_000_000,
                384, 512);
        Map<String, byte[]> written = new ConcurrentHashMap<>();
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        FaceMasking.Report report = masking.run("test", List.of(
                photo("faces/damaged.png", DamagedPhotos.posBeforeFlushedPng()),
                photo("faces/flat.png", blankPng())), (path, content, type) -> written.put(path, content),
                progress::add);

        assertThat(report.persons()).isEmpty();
        assertThat(report.skipped()).extracting(FaceMasking.Skipped::photo)
                .containsExactly("faces/damaged.png", "faces/flat.png");
        assertThat(report.skipped().get(0).reason()).contains("not a readable JPEG or PNG photo")
                .contains("IndexOutOfBoundsException");
        assertThat(report.skipped().get(1).reason()).contains("cannot take a mask");
        assertThat(written).containsOnlyKeys(CompetitionLayout.TRAIN_CSV);
        assertThat(progress).containsExactly(1, 2);
    }
}
