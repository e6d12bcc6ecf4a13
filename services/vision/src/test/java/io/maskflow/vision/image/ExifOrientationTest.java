package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.dev.TurnedPhotos;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Phones store a portrait turned and say so in EXIF: the photo is prepared as seen upright. */
class ExifOrientationTest {

    private static final PreprocessParams PARAMS = StepParameters.bind(Map.of("imageSize", 32),
            PreprocessParams.DEFAULTS);

    /** An upright 384 x 512 picture with a mark in the upper left of its centre crop, so a turn shows. */
    static BufferedImage upright() {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 512; y += 8) {
            g.setColor(new Color(40 + y / 4, 90, 200 - y / 4));
            g.fillRect(0, y, 384, 8);
        }
        g.setColor(new Color(230, 190, 160));
        g.fillOval(112, 140, 160, 210);
        g.setColor(new Color(20, 230, 40));
        g.fillRect(70, 100, 90, 70);
        g.dispose();
        return image;
    }

    @Test
    void readsTheOrientationInEitherByteOrder() throws Exception {
        byte[] plain = ImagePreparerFaceTest.jpeg(upright());
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                byte[] tagged = TurnedPhotos.withExifOrientation(plain, orientation, order);
                assertThat(ExifOrientation.of(tagged).ordinal() + 1).isEqualTo(orientation);
            }
        }
        assertThat(ExifOrientation.of(plain)).isEqualTo(ExifOrientation.UPRIGHT);
    }

    @Test
    void readsAPngsExifChunk() throws Exception {
        byte[] plain = png(upright());
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                byte[] tagged = TurnedPhotos.pngWithExifOrientation(plain, orientation, order);
                assertThat(ExifOrientation.of(tagged).ordinal() + 1).isEqualTo(orientation);
            }
        }
        assertThat(ExifOrientation.of(plain)).isEqualTo(ExifOrientation.UPRIGHT);
    }

    /** What some writers do: the orientation as a LONG, or "Exif\0\0" before a PNG's TIFF structure. */
    @Test
    void readsWhatSomeWritersDoInstead() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] tagged = TurnedPhotos.withExifOrientation(ImagePreparerFaceTest.jpeg(upright()), 6, order);
            int entry = indexOf(tagged, order == ByteOrder.BIG_ENDIAN ? new byte[] {1, 0x12} : new byte[] {0x12, 1});
            ByteBuffer.wrap(tagged, entry + 2, 10).order(order).putShort((short) 4).putInt(1).putInt(6);
            assertThat(ExifOrientation.of(tagged)).as("%s LONG", order).isEqualTo(ExifOrientation.TURNED_90);
        }
        byte[] png = TurnedPhotos.pngWithExifOrientation(png(upright()), 8, ByteOrder.BIG_ENDIAN);
        int chunk = indexOf(png, new byte[] {'e', 'X', 'I', 'f'}) - 4;
        int length = ByteBuffer.wrap(png, chunk, 4).getInt();
        ByteBuffer prefixed = ByteBuffer.allocate(png.length + 6);
        prefixed.put(png, 0, chunk).putInt(length + 6).put(new byte[] {'e', 'X', 'I', 'f', 'E', 'x', 'i', 'f', 0, 0})
                .put(png, chunk + 8, length);
        CRC32 crc = new CRC32();
        crc.update(prefixed.array(), chunk + 4, 4 + length + 6);
        prefixed.putInt((int) crc.getValue()).put(png, chunk + 8 + length + 4, png.length - chunk - 8 - length - 4);
        assertThat(ExifOrientation.of(prefixed.array())).isEqualTo(ExifOrientation.TURNED_270);
    }

    /** libpng drops an ancillary chunk whose CRC is wrong, so the photo is shown as stored, or as a later one says. */
    @Test
    void passesOverAPngExifChunkThatFailsItsCrc() throws Exception {
        byte[] png = TurnedPhotos.pngWithExifOrientation(png(upright()), 6, ByteOrder.LITTLE_ENDIAN);
        assertThat(ExifOrientation.of(png)).isEqualTo(ExifOrientation.TURNED_90);
        damageFirstExifCrc(png);
        assertThat(ExifOrientation.of(png)).isEqualTo(ExifOrientation.UPRIGHT);

        // the chunk saying 6 goes in before the one saying 8
        byte[] two = TurnedPhotos.pngWithExifOrientation(TurnedPhotos.pngWithExifOrientation(png(upright()), 8,
                ByteOrder.BIG_ENDIAN), 6, ByteOrder.LITTLE_ENDIAN);
        assertThat(ExifOrientation.of(two)).isEqualTo(ExifOrientation.TURNED_90);
        damageFirstExifCrc(two);
        assertThat(ExifOrientation.of(two)).isEqualTo(ExifOrientation.TURNED_270);
    }

    private static void damageFirstExifCrc(byte[] png) {
        int chunk = indexOf(png, new byte[] {'e', 'X', 'I', 'f'}) - 4;
        png[chunk + 8 + ByteBuffer.wrap(png, chunk, 4).getInt() + 3] ^= 1;
    }

    /** A PNG cut short inside its chunks, or one whose chunk claims nearly 4 GiB, is read as upright. */
    @Test
    void aDamagedPngIsUpright() throws Exception {
        byte[] png = TurnedPhotos.pngWithExifOrientation(png(upright()), 6, ByteOrder.LITTLE_ENDIAN);
        int chunk = indexOf(png, new byte[] {'e', 'X', 'I', 'f'}) - 4;
        int chunkEnd = chunk + 8 + ByteBuffer.wrap(png, chunk, 4).getInt() + 4;
        for (int cut = 0; cut < chunkEnd + 8; cut++) {
            assertThat(ExifOrientation.of(Arrays.copyOf(png, cut))).as("cut at %d", cut)
                    .isEqualTo(cut >= chunkEnd ? ExifOrientation.TURNED_90 : ExifOrientation.UPRIGHT);
        }
        byte[] huge = png.clone();
        ByteBuffer.wrap(huge, chunk, 4).putInt(0xfffffff0);
        assertThat(ExifOrientation.of(huge)).isEqualTo(ExifOrientation.UPRIGHT);
        ByteBuffer.wrap(huge, 8, 4).putInt(0xfffffff0); // IHDR's length
        assertThat(ExifOrientation.of(huge)).isEqualTo(ExifOrientation.UPRIGHT);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** Any number of 0xFF fill bytes may come before a JPEG marker. */
    @Test
    void readsPastFillBytesBeforeAMarker() throws Exception {
        byte[] tagged = TurnedPhotos.withExifOrientation(ImagePreparerFaceTest.jpeg(upright()), 6,
                ByteOrder.BIG_ENDIAN);
        byte[] filled = new byte[tagged.length + 3];
        filled[0] = tagged[0];
        filled[1] = tagged[1];
        Arrays.fill(filled, 2, 5, (byte) 0xff);
        System.arraycopy(tagged, 2, filled, 5, tagged.length - 2);
        assertThat(ExifOrientation.of(filled)).isEqualTo(ExifOrientation.TURNED_90);
    }

    @Test
    void preparesAStoredTurnedPngAsTheUprightOne() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage upright = upright();
        byte[] expected = preparer.prepare(png(upright));
        for (int orientation = 2; orientation <= 8; orientation++) {
            byte[] turned = png(TurnedPhotos.stored(upright, orientation));
            assertThat(ImagePreparerSizeTest.meanDifference(expected, preparer.prepare(turned)))
                    .as("orientation %d without its eXIf chunk is another picture", orientation).isGreaterThan(8);
            byte[] tagged = TurnedPhotos.pngWithExifOrientation(turned, orientation, ByteOrder.LITTLE_ENDIAN);
            // lossless, but the subsampled grid starts at the other side of a turned photo
            assertThat(ImagePreparerSizeTest.meanDifference(expected, preparer.prepare(tagged)))
                    .as("orientation %d", orientation).isLessThan(6);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void preparesAStoredTurnedPhotoAsTheUprightOne() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage upright = upright();
        byte[] expected = preparer.prepare(ImagePreparerFaceTest.jpeg(upright));
        for (int orientation = 2; orientation <= 8; orientation++) {
            byte[] turned = ImagePreparerFaceTest.jpeg(TurnedPhotos.stored(upright, orientation));
            assertThat(ImagePreparerSizeTest.meanDifference(expected, preparer.prepare(turned)))
                    .as("orientation %d without its EXIF block is another picture", orientation).isGreaterThan(8);
            byte[] tagged = TurnedPhotos.withExifOrientation(turned, orientation, ByteOrder.BIG_ENDIAN);
            assertThat(ImagePreparerSizeTest.meanDifference(expected, preparer.prepare(tagged)))
                    .as("orientation %d with its EXIF block", orientation).isLessThan(6);
        }
    }

    /** A face box off the centre is a box in the upright photo, in every orientation. */
    @Test
    void aFaceBoxIsInTheUprightPhoto() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PARAMS);
        BufferedImage upright = upright();
        int[] box = {40, 80, 150, 120}; // around the mark in the upper left
        byte[] expected = preparer.prepare(ImagePreparerFaceTest.jpeg(upright), box);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] stored = ImagePreparerFaceTest.jpeg(TurnedPhotos.stored(upright, orientation));
            byte[] tagged = TurnedPhotos.withExifOrientation(stored, orientation, ByteOrder.LITTLE_ENDIAN);
            assertThat(ImagePreparerSizeTest.meanDifference(expected, preparer.prepare(tagged, box)))
                    .as("orientation %d", orientation).isLessThan(6);
        }
    }

    /** Drawing with {@code toUpright} (as band decoding does) moves every pixel where {@code turnUpright} does. */
    @Test
    void theTransformAndThePixelMapAgree() {
        BufferedImage stored = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                stored.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        for (ExifOrientation orientation : ExifOrientation.values()) {
            BufferedImage expected = orientation.turnUpright(stored);
            int[] size = orientation.upright(7, 5);
            BufferedImage drawn = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            Graphics2D g = drawn.createGraphics();
            g.drawImage(stored, orientation.toUpright(7, 5), null);
            g.dispose();
            assertThat(drawn.getRGB(0, 0, size[0], size[1], null, 0, size[0])).as("%s", orientation)
                    .isEqualTo(expected.getRGB(0, 0, size[0], size[1], null, 0, size[0]));
        }
    }

    /** A damaged EXIF block is read as upright, never as an exception. */
    @Test
    void aDamagedBlockIsUpright() throws Exception {
        byte[] tagged = TurnedPhotos.withExifOrientation(ImagePreparerFaceTest.jpeg(upright()), 6,
                ByteOrder.LITTLE_ENDIAN);
        for (int length = 0; length < 64; length++) {
            ExifOrientation.of(Arrays.copyOf(tagged, length));
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = tagged.clone();
            damaged[4 + random.nextInt(60)] = (byte) random.nextInt(256);
            assertThat(ExifOrientation.of(damaged)).isNotNull();
        }
    }
}
