package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** face-api's input transform: padding to a square, TensorFlow's legacy bilinear resize, mean and scale. */
class NetInputTest {

    private static final float[] NO_MEAN = {0, 0, 0};

    private static NetInput grey(int width, int height, int... levels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < levels.length; i++) {
            int v = levels[i];
            image.setRGB(i % width, i / width, v << 16 | v << 8 | v);
        }
        return NetInput.of(image);
    }

    @Test
    void padsAfterForTheDetectorAndSplitsTheOddPixelForTheFaceNets() {
        NetInput wide = grey(4, 1, 255, 255, 255, 255);
        // detector: the image's row first, three zero rows after it
        float[] after = wide.tensor(0, 0, 4, 1, 4, false, NO_MEAN);
        assertThat(after[0]).isEqualTo(1f);
        assertThat(after[4]).isEqualTo(0f);
        // face nets: a difference of 3 puts round(1.5) = 2 rows after and 1 before
        float[] centred = wide.tensor(0, 0, 4, 1, 4, true, NO_MEAN);
        assertThat(new float[] {centred[0], centred[4], centred[8], centred[12]}).containsExactly(0f, 1f, 0f, 0f);
    }

    @Test
    void resizesWithoutHalfPixelCentres() {
        // 4 -> 2 samples source positions 0 and 2 (not 0.5 and 2.5)
        NetInput ramp = grey(4, 4, 0, 40, 80, 120, 0, 40, 80, 120, 0, 40, 80, 120, 0, 40, 80, 120);
        float[] out = ramp.tensor(0, 0, 4, 4, 2, false, NO_MEAN);
        assertThat(out[0] * 255).isCloseTo(0f, within(1e-4f));
        assertThat(out[1] * 255).isCloseTo(80f, within(1e-4f));
        // 4 -> 3: positions 0, 4/3, 8/3 interpolated between neighbours
        float[] three = ramp.tensor(0, 0, 4, 4, 3, false, NO_MEAN);
        assertThat(three[1] * 255).isCloseTo(40 + 40 / 3f, within(1e-3f));
        assertThat(three[2] * 255).isCloseTo(80 + 40 * 2 / 3f, within(1e-3f));
    }

    @Test
    void subtractsTheMeanPerChannelAndDividesBy255() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 200 << 16 | 100 << 8 | 50);
        float[] out = NetInput.of(image).tensor(0, 0, 1, 1, 1, true, new float[] {100, 50, 25});
        assertThat(out).containsExactly(100 / 255f, 50 / 255f, 25 / 255f);
    }

    @Test
    void cropsTheRegionAsked() {
        NetInput photo = grey(3, 1, 10, 20, 30);
        assertThat(photo.tensor(2, 0, 1, 1, 1, true, NO_MEAN)[0] * 255).isCloseTo(30f, within(1e-4f));
    }

    /** An int RGB photo is read in place (no copy of a 40-megapixel photo); any other layout gives the same input. */
    @Test
    void readsAnIntRgbPhotoInPlaceAndOtherLayoutsAlike() {
        BufferedImage rgb = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        BufferedImage bgr = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 35; i++) {
            int colour = (i * 37 % 256) << 16 | (i * 91 % 256) << 8 | i * 53 % 256;
            rgb.setRGB(i % 7, i / 7, colour);
            bgr.setRGB(i % 7, i / 7, colour);
        }
        NetInput inPlace = NetInput.of(rgb);
        float[] mean = {10, 20, 30};
        assertThat(NetInput.of(bgr).tensor(1, 1, 5, 3, 8, true, mean)).containsExactly(
                inPlace.tensor(1, 1, 5, 3, 8, true, mean));
        assertThat(NetInput.of(rgb.getSubimage(1, 1, 5, 3)).tensor(0, 0, 5, 3, 8, false, mean)).containsExactly(
                inPlace.tensor(1, 1, 5, 3, 8, false, mean));
        // in place: a change to the photo shows (a copy would not)
        rgb.setRGB(0, 0, 0xffffff);
        assertThat(inPlace.tensor(0, 0, 7, 5, 7, false, new float[3])[0]).isEqualTo(1f);
    }
}
