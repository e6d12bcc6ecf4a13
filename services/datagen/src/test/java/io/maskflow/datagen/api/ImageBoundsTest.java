package io.maskflow.datagen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.dev.TurnedPhotos;
import io.maskflow.vision.image.ExifOrientation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Photos decoded into int RGB straight or band by band give the pixels of the whole decoded photo drawn into one. */
class ImageBoundsTest {

    private static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(61, 47, type);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 47; y++) {
            for (int x = 0; x < 61; x++) {
                g.setColor(new Color(x * 4, y * 5, (x * y) % 256, (x + y) * 2 % 256));
                g.fillRect(x, y, 1, 1);
            }
        }
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
        return out.toByteArray();
    }

    /** What the service did before: the whole photo decoded, then drawn into an int RGB one. */
    private static BufferedImage whole(byte[] bytes) throws IOException {
        BufferedImage raw = ImageIO.read(new ByteArrayInputStream(bytes));
        BufferedImage rgb = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(raw, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /**
     * A JPEG stored turned with an EXIF orientation, as phones store portraits, comes out upright, band by band:
     * turned back the camera's way it is the stored photo pixel for pixel.
     */
    @Test
    void aTurnedPhotoComesOutUprightInEveryBandSize() throws IOException {
        BufferedImage upright = picture(BufferedImage.TYPE_INT_RGB);
        for (int orientation = 2; orientation <= 8; orientation++) {
            byte[] stored = encode(TurnedPhotos.stored(upright, orientation), "jpeg");
            byte[] tagged = TurnedPhotos.withExifOrientation(stored, orientation, ByteOrder.LITTLE_ENDIAN);
            BufferedImage asStored = whole(stored);
            for (long band : new long[] {1, 500, 1L << 20}) {
                BufferedImage decoded = ImageBounds.decodeRgbWithin(tagged, 10_000, null, band,
                        ExifOrientation.of(tagged));
                assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).containsExactly(61, 47);
                BufferedImage back = TurnedPhotos.stored(decoded, orientation);
                int w = asStored.getWidth();
                int h = asStored.getHeight();
                int[] got = copy(back, BufferedImage.TYPE_INT_RGB).getRGB(0, 0, w, h, null, 0, w);
                int[] want = asStored.getRGB(0, 0, w, h, null, 0, w);
                int differ = 0;
                for (int i = 0; i < got.length; i++) {
                    differ += got[i] == want[i] ? 0 : 1;
                }
                assertThat(differ).as("pixels that differ, orientation %d, band of %d bytes", orientation, band)
                        .isZero();
            }
        }
        assertThat(ImageBounds.decodeUprightRgbWithin(TurnedPhotos.withExifOrientation(encode(upright, "jpeg"), 6,
                ByteOrder.BIG_ENDIAN), 10_000, null).getWidth()).isEqualTo(47);
        // a PNG says it in an eXIf chunk; lossless, so it is the upright picture pixel for pixel
        byte[] png = TurnedPhotos.pngWithExifOrientation(encode(TurnedPhotos.stored(upright, 6), "png"), 6,
                ByteOrder.BIG_ENDIAN);
        BufferedImage decoded = ImageBounds.decodeUprightRgbWithin(png, 10_000, null);
        assertThat(decoded.getRGB(0, 0, 61, 47, null, 0, 61)).isEqualTo(upright.getRGB(0, 0, 61, 47, null, 0, 61));
    }

    private static BufferedImage copy(BufferedImage image, int type) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    @Test
    void bandsGiveThePixelsOfTheWholePhotoInEveryLayout() throws IOException {
        List<byte[]> photos = List.of(encode(picture(BufferedImage.TYPE_INT_RGB), "jpeg"),
                encode(picture(BufferedImage.TYPE_INT_RGB), "png"), encode(picture(BufferedImage.TYPE_INT_ARGB), "png"),
                encode(picture(BufferedImage.TYPE_BYTE_GRAY), "png"), encode(picture(BufferedImage.TYPE_USHORT_GRAY),
                        "png"), encode(picture(BufferedImage.TYPE_BYTE_INDEXED), "png"),
                encode(picture(BufferedImage.TYPE_BYTE_GRAY), "jpeg"));
        for (byte[] photo : photos) {
            BufferedImage expected = whole(photo);
            for (long band : new long[] {1, 500, 4_000, 1L << 20}) {
                BufferedImage decoded = ImageBounds.decodeRgbWithin(new ByteArrayInputStream(photo), 10_000, null,
                        band);
                assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
                assertThat(decoded.getRGB(0, 0, 61, 47, null, 0, 61)).as("band of %d bytes", band)
                        .containsExactly(expected.getRGB(0, 0, 61, 47, null, 0, 61));
            }
        }
    }

    @Test
    void aPhotoOverTheLimitIsRefusedFromItsHeaderAndItsSizeIsReadWithoutDecodingIt() throws IOException {
        byte[] png = encode(picture(BufferedImage.TYPE_INT_RGB), "png");
        assertThat(ImageBounds.pixels(new ByteArrayInputStream(png))).isEqualTo(61 * 47);
        assertThat(ImageBounds.pixels(new ByteArrayInputStream("not a photo".getBytes()))).isZero();
        assertThatThrownBy(() -> ImageBounds.decodeRgbWithin(new ByteArrayInputStream(png), 61 * 47 - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image is 61x47 pixels");
    }

    /**
     * A damaged photo the decoder fails on with a RuntimeException of its own (here an IndexOutOfBoundsException
     * from the PNG reader) is refused as unreadable, an IllegalArgumentException (400, or a photo skipped), not let
     * through as an internal error (500).
     */
    @Test
    void aPhotoTheDecoderFailsOnWithARuntimeExceptionIsRefusedAsUnreadable() {
        byte[] png = DamagedPhotos.posBeforeFlushedPng();
        for (long bandBytes : new long[] {ImageBounds.BAND_BYTES, 40 * 4}) {
            assertThatThrownBy(() -> ImageBounds.decodeRgbWithin(new ByteArrayInputStream(png), 1_000_000, null,
                    bandBytes)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image cannot be decoded: IndexOutOfBoundsException");
        }
        assertThatThrownBy(() -> ImageBounds.decodeUprightRgbWithin(png, 1_000_000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image cannot be decoded");
    }

    /**
     * A progressive JPEG with its last scan repeated 2,000 times was decoded scan by scan (seconds of a core; the
     * probe's 3000 x 4000 photo with 200 more scans took /masks 6.3 s instead of 2.0 s): it is refused from its
     * markers before decoding, as serving and preprocess refuse it, whether given as bytes or as a stream.
     */
    @Test
    void aJpegOfThousandsOfScansIsRefusedBeforeDecoding() throws IOException {
        byte[] photo = DamagedPhotos.manyScansJpeg(2_000);
        String refusal = "image is a progressive JPEG of 2,010 scans: at most 100 are read (a camera's photo has "
                + "about 10; each scan is decoded over the whole photo)";
        assertThatThrownBy(() -> ImageBounds.decodeUprightRgbWithin(photo, 1_000_000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(refusal);
        assertThatThrownBy(() -> ImageBounds.decodeRgbWithin(new ByteArrayInputStream(photo), 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(refusal);
        assertThat(ImageBounds.decodeUprightRgbWithin(DamagedPhotos.manyScansJpeg(0), 1_000_000, null).getHeight())
                .isEqualTo(512);
    }

    /**
     * A JPEG cut at 70 % or 50 % of its bytes (an interrupted upload) was decoded with its missing rows grey, the
     * decoder's warnings unheard: /masks and mask-faces masked it as a photo. It is now refused as the vision
     * module's decoder refuses it, "truncated or corrupt" with the decoder's words, whether decoded whole or band by
     * band; the whole JPEG still decodes.
     */
    @Test
    void aTruncatedJpegIsRefusedAsTruncatedOrCorruptWithTheDecodersWords() throws IOException {
        assertThat(ImageBounds.decodeUprightRgbWithin(DamagedPhotos.jpeg(), 1_000_000, null).getHeight())
                .isEqualTo(512);
        for (double share : new double[] {0.7, 0.5}) {
            byte[] cut = DamagedPhotos.truncatedJpeg(share);
            for (long bandBytes : new long[] {ImageBounds.BAND_BYTES, 384 * 3 * 40}) {
                assertThatThrownBy(() -> ImageBounds.decodeRgbWithin(new ByteArrayInputStream(cut), 1_000_000, null,
                        bandBytes)).as("cut at %s, bands of %d bytes", share, bandBytes)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("image is truncated or corrupt: Truncated File - Missing EOI marker");
            }
            assertThatThrownBy(() -> ImageBounds.decodeUprightRgbWithin(cut, 1_000_000, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("image is truncated or corrupt: ");
        }
    }

    @Test
    void bandsHoldAtMostTheirBytesAndAtLeastOneRow() {
        assertThat(ImageBounds.bandRows(6000, 6000, 3, 16L << 20)).isEqualTo(932);
        assertThat(ImageBounds.bandRows(100, 50, 8, 16L << 20)).isEqualTo(50);
        assertThat(ImageBounds.bandRows(60_000, 10, 8, 1000)).isEqualTo(1);
    }
}
