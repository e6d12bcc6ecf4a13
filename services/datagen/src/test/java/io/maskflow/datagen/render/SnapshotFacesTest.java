package io.maskflow.datagen.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.faces.SharedFaceAnalyzer;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import io.maskflow.dev.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The face detector that the {@code face} crop and {@code mask-faces} use finds the faces of the snapshot and
 * studio styles as it finds the classic ones. A {@code @QuarkusTest} only because the module's DJL must load in
 * Quarkus's class loader when other tests of the module are Quarkus tests.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SnapshotFacesTest {

    @Inject
    SharedFaceAnalyzer faces;

    private int found(String style, int persons) throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("style", style, "seed", 9), DatagenParams.DEFAULTS);
        PersonFactory factory = new PersonFactory(params);
        PhotoSet photos = new PhotoSet(params.width(), params.height(), List.of(MaskType.values()));
        int found = 0;
        for (int i = 0; i < persons; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            byte[] jpeg = photos.shootAll(person, random).get("normal").jpeg();
            if (!faces.get().detectBoxes(ImageIO.read(new ByteArrayInputStream(jpeg))).isEmpty()) {
                found++;
            }
        }
        return found;
    }

    @Test
    void theDetectorFindsSnapshotFacesAboutAsOftenAsClassicOnes() throws Exception {
        int classic = found("classic", 12);
        int snapshot = found("snapshot", 12);
        System.out.printf("faces found in 12 unmasked photos: classic %d, snapshot %d%n", classic, snapshot);
        assertThat(snapshot).isGreaterThanOrEqualTo(Math.min(classic, 10) - 1);
    }

    @Test
    void theDetectorFindsStudioFacesAboutAsOftenAsClassicOnes() throws Exception {
        int classic = found("classic", 12);
        int studio = found("studio", 12);
        System.out.printf("faces found in 12 unmasked photos: classic %d, studio %d%n", classic, studio);
        assertThat(studio).isGreaterThanOrEqualTo(Math.min(classic, 10) - 1);
    }
}
