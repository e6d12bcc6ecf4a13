package io.maskflow.vision.image;

import io.maskflow.dev.FacePhotos;
import io.maskflow.dev.TurnedPhotos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.vision.face.FaceAnalyzer;
import io.maskflow.vision.image.ImagePreparer.Crop;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code crop=face}: the pixels come from the face wherever it is; without a face, the centre crop, told. */
class ImagePreparerFaceTest {

    private static final PreprocessParams CENTRE = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);
    private static final PreprocessParams FACE = StepParameters.bind(Map.of("imageSize", 32, "crop", "face"),
            PreprocessParams.DEFAULTS);
    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new FaceAnalyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void cropsTheFaceWhereverItIsInThePhoto() throws Exception {
        byte[] photo = FacePhotos.faceInTheCorner();
        ImagePreparer.Prepared face = new ImagePreparer(FACE, analyzer).prepareImage(photo, null);
        assertThat(face.crop()).isEqualTo(Crop.FACE);
        assertThat(face.fellBack()).isFalse();
        assertThat(face.pixels()).hasSize(32 * 32 * 3);
        assertThat(FacePhotos.greenShare(face.pixels())).as("the face crop holds (almost) no background")
                .isLessThan(0.05);
        ImagePreparer.Prepared centre = new ImagePreparer(CENTRE).prepareImage(photo, null);
        assertThat(centre.crop()).isEqualTo(Crop.CENTRE);
        assertThat(FacePhotos.greenShare(centre.pixels())).as("the centre crop is mostly background")
                .isGreaterThan(0.5);
    }

    /** A photo five times the expected size is decoded smaller for the detector and still cropped to its face. */
    @Test
    void findsTheFaceInAPhotoFiveTimesTheExpectedSize() throws Exception {
        BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(FacePhotos.faceInTheCorner()));
        BufferedImage large = new BufferedImage(small.getWidth() * 5, small.getHeight() * 5,
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = large.createGraphics();
        g.drawImage(small, 0, 0, large.getWidth(), large.getHeight(), null);
        g.dispose();
        ImagePreparer.Prepared face = new ImagePreparer(FACE, analyzer).prepareImage(jpeg(large), null);
        assertThat(face.crop()).isEqualTo(Crop.FACE);
        assertThat(FacePhotos.greenShare(face.pixels())).as("the face crop holds (almost) no background")
                .isLessThan(0.05);
    }

    /**
     * The photo's shape does not matter where the face is searched for: a 16:9 photo is cropped to its face (it was
     * refused as far from 384 x 512 until 2026-12-07). A strip without a face gets no centre crop: refused, saying
     * why.
     */
    @Test
    void findsTheFaceInA16To9PhotoAndRefusesAStripWithoutOne() throws Exception {
        BufferedImage portrait = ImageIO.read(new java.io.ByteArrayInputStream(FacePhotos.faceInTheCorner()));
        BufferedImage wide = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = wide.createGraphics();
        g.drawImage(portrait, 0, 0, 1080 * portrait.getWidth() / portrait.getHeight(), 1080, null);
        g.dispose();
        ImagePreparer.Prepared face = new ImagePreparer(FACE, analyzer).prepareImage(jpeg(wide), null);
        assertThat(face.crop()).isEqualTo(Crop.FACE);
        assertThat(FacePhotos.greenShare(face.pixels())).as("the face crop holds (almost) no background")
                .isLessThan(0.05);
        byte[] strip = jpeg(new BufferedImage(2000, 100, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> new ImagePreparer(FACE, analyzer).prepareImage(strip, null))
                .isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessageStartingWith("2000x100 is a strip, not a photo of a person");
    }

    @Test
    void fallsBackToTheCentreCropWithTheSamePixelsWhenThereIsNoFace() throws Exception {
        BufferedImage wall = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 384; x++) {
                wall.setRGB(x, y, ((x / 3 + random.nextInt(40)) << 16) | ((y / 3) << 8) | random.nextInt(256));
            }
        }
        byte[] photo = jpeg(wall);
        for (int size : new int[] {32, 96, 200}) {
            Map<String, Object> sized = Map.of("imageSize", size);
            PreprocessParams face = StepParameters.bind(Map.of("imageSize", size, "crop", "face"),
                    PreprocessParams.DEFAULTS);
            ImagePreparer.Prepared fallback = new ImagePreparer(face, analyzer).prepareImage(photo, null);
            assertThat(fallback.crop()).isEqualTo(Crop.CENTRE_FALLBACK);
            assertThat(fallback.fellBack()).isTrue();
            assertThat(fallback.pixels()).as("at %d px the same pixels as crop=centre", size).isEqualTo(
                    new ImagePreparer(StepParameters.bind(sized, PreprocessParams.DEFAULTS)).prepare(photo));
        }
        // also for a photo the face detector sees decoded smaller, or turned upright from how it is stored
        BufferedImage large = new BufferedImage(3024, 4032, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = large.createGraphics();
        g.drawImage(wall, 0, 0, 3024, 4032, null);
        g.dispose();
        byte[] turned = TurnedPhotos.withExifOrientation(jpeg(TurnedPhotos.stored(wall, 6)), 6,
                java.nio.ByteOrder.BIG_ENDIAN);
        for (byte[] other : new byte[][] {jpeg(large), turned}) {
            ImagePreparer.Prepared fallback = new ImagePreparer(FACE, analyzer).prepareImage(other, null);
            assertThat(fallback.crop()).isEqualTo(Crop.CENTRE_FALLBACK);
            assertThat(fallback.pixels()).isEqualTo(new ImagePreparer(CENTRE).prepare(other));
        }
    }

    @Test
    void aGivenFaceBoxWinsOverDetection() throws Exception {
        byte[] photo = FacePhotos.faceInTheCorner();
        ImagePreparer.Prepared given = new ImagePreparer(FACE, analyzer).prepareImage(photo,
                new int[] {0, 0, 150, 200});
        assertThat(given.crop()).isEqualTo(Crop.GIVEN_BOX);
        assertThat(FacePhotos.greenShare(given.pixels())).isGreaterThan(0.95);
    }

    @Test
    void needsAnAnalyzerForFaceCropsAndRefusesWhatIsNoPhoto() {
        assertThatThrownBy(() -> new ImagePreparer(FACE)).hasMessageContaining("crop=face needs a face analyzer");
        assertThatThrownBy(() -> new ImagePreparer(FACE, analyzer).prepareImage("not a photo".getBytes(), null))
                .isInstanceOf(ImagePreparer.Rejected.class);
    }
}
