package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.vision.face.FaceBox;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

/** The crop's geometry around a face box: margin, aspect, fitting the photo. */
class FaceCropTest {

    @Test
    void widensTheBoxByTheMarginAndGrowsItToTheCropAspectAroundItsCentre() {
        // a 100 x 100 face at (100, 150) in a 384 x 512 photo; margin 0.25 -> 150 x 150; aspect 0.8 -> 150 x 187.5
        Rectangle crop = FaceCrop.around(new FaceBox(100, 150, 100, 100), 0.25, 0.8, 384, 512);
        assertThat(crop).isEqualTo(new Rectangle(75, 106, 150, 188));
        assertThat(crop.getCenterX()).isEqualTo(150.0);
        // a tall face grows in width instead
        Rectangle tall = FaceCrop.around(new FaceBox(100, 100, 50, 200), 0, 0.8, 384, 512);
        assertThat(tall).isEqualTo(new Rectangle(45, 100, 160, 200));
    }

    @Test
    void movesACropThatCrossesTheEdgeInsideThePhotoKeepingItsSize() {
        Rectangle crop = FaceCrop.around(new FaceBox(-20, 400, 100, 100), 0.25, 0.8, 384, 512);
        assertThat(crop).isEqualTo(new Rectangle(0, 324, 150, 188));
    }

    @Test
    void shrinksACropLargerThanThePhotoKeepingTheAspect() {
        Rectangle crop = FaceCrop.around(new FaceBox(0, 0, 384, 400), 0.25, 0.8, 384, 512);
        assertThat(crop.width).isEqualTo(384);
        assertThat(crop.height).isEqualTo(480);
        assertThat(crop.y).isEqualTo(0);
        assertThat(new Rectangle(0, 0, 384, 512).contains(crop)).isTrue();
    }
}
