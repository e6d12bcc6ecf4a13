package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.vision.face.FaceAnalyzer;
import io.maskflow.vision.image.ImagePreparer.Crop;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /** A generated face photo shrunk to half size in the bottom-right quarter of a green 384 x 512 photo. */
    static byte[] faceInTheCorner() throws IOException {
        BufferedImage face;
        try (InputStream in = ImagePreparerFaceTest.class.getResourceAsStream(
                "/io/maskflow/vision/face/generated/generated-3.jpg")) {
            face = ImageIO.read(in);
        }
        BufferedImage photo = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 384, 512);
        g.drawImage(face, 192, 256, 192, 256, null);
        g.dispose();
        return jpeg(photo);
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    static double greenShare(byte[] rgb) {
        int green = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            green += (rgb[i] & 0xff) < 70 && (rgb[i + 1] & 0xff) > 190 && (rgb[i + 2] & 0xff) < 70 ? 1 : 0;
        }
        return green / (rgb.length / 3.0);
    }

    @Test
    void cropsTheFaceWhereverItIsInThePhoto() throws Exception {
        byte[] photo = faceInTheCorner();
        ImagePreparer.Prepared face = new ImagePreparer(FACE, analyzer).prepareImage(photo, null);
        assertThat(face.crop()).isEqualTo(Crop.FACE);
        assertThat(face.fellBack()).isFalse();
        assertThat(face.pixels()).hasSize(32 * 32 * 3);
        assertThat(greenShare(face.pixels())).as("the face crop holds (almost) no background").isLessThan(0.05);
        ImagePreparer.Prepared centre = new ImagePreparer(CENTRE).prepareImage(photo, null);
        assertThat(centre.crop()).isEqualTo(Crop.CENTRE);
        assertThat(greenShare(centre.pixels())).as("the centre crop is mostly background").isGreaterThan(0.5);
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
    }

    @Test
    void aGivenFaceBoxWinsOverDetection() throws Exception {
        byte[] photo = faceInTheCorner();
        ImagePreparer.Prepared given = new ImagePreparer(FACE, analyzer).prepareImage(photo,
                new int[] {0, 0, 150, 200});
        assertThat(given.crop()).isEqualTo(Crop.GIVEN_BOX);
        assertThat(greenShare(given.pixels())).isGreaterThan(0.95);
    }

    @Test
    void needsAnAnalyzerForFaceCropsAndRefusesWhatIsNoPhoto() {
        assertThatThrownBy(() -> new ImagePreparer(FACE)).hasMessageContaining("crop=face needs a face analyzer");
        assertThatThrownBy(() -> new ImagePreparer(FACE, analyzer).prepareImage("not a photo".getBytes(), null))
                .isInstanceOf(ImagePreparer.Rejected.class);
    }
}
