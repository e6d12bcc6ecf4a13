package io.maskflow.vision.image;

import static io.maskflow.vision.image.ImagePreparerSizeTest.framed;
import static io.maskflow.vision.image.ImagePreparerSizeTest.meanDifference;
import static io.maskflow.vision.image.ImagePreparerSizeTest.picture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.dev.TurnedPhotos;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Photos of other shapes than the expected 3:4: the centre crop is scaled the same across and down, so a landscape,
 * square or 16:9 photo of a person gives the crop of the 3:4 portrait in its middle, not a squashed one.
 */
class ImagePreparerShapeTest {

    private static final PreprocessParams PARAMS = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);

    /**
     * The training photos are 384 x 512: they, and any photo of exactly their shape, give the very pixels they
     * gave before the crop kept its aspect (the crop the old rule named, each side scaled on its own, given as a
     * box), so models trained before still see what they were trained on.
     */
    @Test
    void aPhotoOfTheExpectedShapeGivesTheSamePixelsAsBefore() throws Exception {
        for (int imageSize : new int[] {32, 96, 200}) {
            ImagePreparer preparer = new ImagePreparer(StepParameters.bind(Map.of("imageSize", imageSize),
                    PreprocessParams.DEFAULTS));
            for (int[] size : new int[][] {{384, 512}, {768, 1024}, {1536, 2048}, {3024, 4032}, {192, 256},
                    {96, 128}, {300, 400}}) {
                if (size[0] * 2 / 3 * 2 < imageSize) {
                    continue; // too small for that training size
                }
                byte[] photo = picture(size[0], size[1]);
                assertThat(preparer.prepare(photo)).as("%dx%d at %d px", size[0], size[1], imageSize)
                        .isEqualTo(preparer.prepare(photo, oldCentre(size[0], size[1])));
            }
        }
        // and a portrait a phone stored turned, with its EXIF orientation
        byte[] upright = picture(384, 512);
        byte[] turned = TurnedPhotos.withExifOrientation(ImagePreparerFaceTest.jpeg(TurnedPhotos.stored(
                ImageIO.read(new ByteArrayInputStream(upright)), 6)), 6, ByteOrder.BIG_ENDIAN);
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        assertThat(preparer.prepare(turned)).isEqualTo(preparer.prepare(turned, oldCentre(384, 512)));
    }

    /** The centre crop as it was computed until 2026-12-07: width and height each scaled with the photo's. */
    private static int[] oldCentre(int w, int h) {
        int cw = (int) Math.round(w * 256 / 384.0);
        int ch = (int) Math.round(h * 320 / 512.0);
        return new int[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
    }

    /**
     * A camera's landscape (683 x 512), square or 16:9 photo with the person in the middle gives the crop of the
     * person as the 3:4 photo does. A 683 x 512 one gave a 455 x 320 crop squeezed into the square (another class
     * for the same person), a 1080 x 1080 one 720 x 675, and a 1920 x 1080 one was refused as far from 384 x 512.
     */
    @Test
    void aLandscapeSquareOrWidePhotoGivesTheCropOfThePortraitInIt() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        byte[] portrait = preparer.prepare(picture(384, 512));
        for (int[] size : new int[][] {{683, 512}, {1080, 1080}, {1920, 1080}, {1080, 1920}, {512, 683},
                {1000, 1333}, {2520, 1080}}) {
            byte[] other = preparer.prepare(framed(size[0], size[1]));
            assertThat(meanDifference(portrait, other)).as("%dx%d against 384x512", size[0], size[1])
                    .isLessThan(3);
        }
    }

    /**
     * Every shape a camera or phone takes, 9:16 to 16:9 and beyond (21:9, a phone's 9:19.5 screenshot), is taken;
     * a strip or a panorama is refused saying why and what to do, with a centre crop only: a given face box does
     * not depend on the photo's shape.
     */
    @Test
    void takesEveryCameraShapeAndRefusesAStripNamingWhy() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        for (int[] size : new int[][] {{1920, 1080}, {1080, 1920}, {2520, 1080}, {1080, 2340}, {300, 100},
                {100, 300}}) {
            assertThat(preparer.prepare(framed(size[0], size[1]))).as("%dx%d", size[0], size[1])
                    .hasSize(32 * 32 * 3);
        }
        for (int[] size : new int[][] {{2000, 100}, {100, 2000}, {1600, 512}, {2400, 600}}) {
            byte[] strip = framed(size[0], size[1]);
            String ratio = String.format(java.util.Locale.ROOT, "%.1f",
                    Math.max(size[0], size[1]) / (double) Math.min(size[0], size[1]));
            assertThatThrownBy(() -> preparer.prepare(strip)).isInstanceOfSatisfying(
                    ImagePreparer.Rejected.class, e -> assertThat(e.unexpectedSize()).isTrue())
                    .hasMessage(size[0] + "x" + size[1] + " is a strip, not a photo of a person: its long side is "
                            + ratio + " times its short one (at most 3 is taken for the centre crop); crop it "
                            + "around the person, best to 3:4 like the expected 384x512");
            int side = Math.min(size[0], size[1]);
            assertThat(preparer.prepare(strip, new int[] {(size[0] - side) / 2, (size[1] - side) / 2, side, side}))
                    .as("%dx%d with a face box", size[0], size[1]).hasSize(32 * 32 * 3);
        }
    }

    /**
     * Too small is judged on the crop as it is taken: a 24 x 26 photo's centre crop is 13 x 16 pixels (it was
     * 16 x 16, squeezed), enlarged more than twice to 32 x 32; the message says how large a photo is needed.
     */
    @Test
    void judgesTooSmallOnTheCropKeepingItsAspect() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        assertThatThrownBy(() -> preparer.prepare(picture(24, 26))).isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessage("24x26 is too small: its centre crop of 13x16 pixels (the 256x320 of a 384x512 photo, "
                        + "scaled to the largest 3:4 frame the photo holds) would be enlarged more than twice to "
                        + "32x32; send a larger photo, of at least 24x32 at 3:4");
        assertThat(preparer.prepare(picture(24, 32))).hasSize(32 * 32 * 3);
        // a face box is cropped as given, from a photo of any shape
        assertThat(preparer.prepare(framed(1920, 1080), new int[] {800, 300, 200, 250})).hasSize(32 * 32 * 3);
    }
}
