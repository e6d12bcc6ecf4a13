package io.maskflow.vision.image;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.PreprocessParams;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** How a photo is read: from memory, as serving, preprocess and the evaluator do it for every photo. */
class ImagePreparerDecodeTest {

    /** A 384 x 512 JPEG of an oval of {@code colour}. */
    private static byte[] photo(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillOval(100, 120, 180, 240);
        g.dispose();
        return ImagePreparerFaceTest.jpeg(image);
    }

    /**
     * A PNG whose header holds a bit depth PNG does not allow was refused as "unreadable: I/O error reading PNG
     * header!", the same words for every header fault (a probe of the running stack, 2026-12-07); the reason is said.
     */
    @Test
    void aPngWithAnImpossibleHeaderIsRefusedSayingWhatIsWrongWithIt() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] png = out.toByteArray();
        png[24] = 3; // IHDR's bit depth: 8 becomes 3 (signature 8 bytes, chunk length 4, type 4, width 4, height 4)
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preparer.prepare(png))
                .isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessageStartingWith("unreadable: I/O error reading PNG header! (")
                .hasMessageContaining("depth");
    }

    @Test
    void decodesFromMemoryWithoutATemporaryFilePerPhoto() throws Exception {
        // ImageIO's streams over an InputStream cache it in a temporary file when its disk cache is on (the
        // default): a file created, written, read back and deleted for every photo served
        byte[] photo = photo(Color.ORANGE);
        Path cache = Files.createTempDirectory("imageio-cache");
        File cacheBefore = ImageIO.getCacheDirectory();
        boolean useCacheBefore = ImageIO.getUseCache();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        try (WatchService watch = cache.getFileSystem().newWatchService()) {
            cache.register(watch, ENTRY_CREATE);
            ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);

            for (int i = 0; i < 3; i++) {
                int side = PreprocessParams.DEFAULTS.imageSize();
                assertThat(preparer.prepare(photo)).hasSize(3 * side * side);
            }

            List<String> created = new ArrayList<>();
            WatchKey key = watch.poll(500, TimeUnit.MILLISECONDS);
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    created.add(String.valueOf(event.context()));
                }
            }
            assertThat(created).as("files created in ImageIO's cache directory while decoding").isEmpty();
        } finally {
            ImageIO.setCacheDirectory(cacheBefore);
            ImageIO.setUseCache(useCacheBefore);
        }
    }

    /**
     * A JPEG whose embedded colour profile is damaged decodes (the decoder ignores the profile, as cameras' odd ones
     * are); it was refused as "truncated or corrupt: Embedded color profile is invalid; ignored". A photo cut short
     * is still refused.
     */
    @Test
    void aDamagedColourProfileIsIgnoredAndACutPhotoRefused() throws Exception {
        byte[] photo = photo(Color.PINK);
        byte[] profile = new byte[14 + 200];
        System.arraycopy("ICC_PROFILE".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, profile, 0, 11);
        profile[12] = 1; // chunk 1 of 1, then 200 zero bytes: no ICC profile
        profile[13] = 1;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(photo, 0, 2); // SOI
        int length = profile.length + 2;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) (length & 0xFF)});
        out.write(profile);
        out.write(photo, 2, photo.length - 2);
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        int side = PreprocessParams.DEFAULTS.imageSize();
        assertThat(preparer.prepare(out.toByteArray())).hasSize(3 * side * side);

        byte[] cut = java.util.Arrays.copyOf(photo, photo.length / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preparer.prepare(cut))
                .isInstanceOf(ImagePreparer.Rejected.class);
    }

    /** An iPhone's HEIC photo or a WebP was refused as "not a JPEG or PNG image" with nothing more. */
    @Test
    void aPhotoInAFormatJavaCannotReadIsNamedWithHowToConvertIt() {
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        byte[] heic = new byte[64];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 0, heic, 0, 12);
        byte[] webp = new byte[64];
        System.arraycopy(new byte[] {'R', 'I', 'F', 'F', 56, 0, 0, 0, 'W', 'E', 'B', 'P'}, 0, webp, 0, 12);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preparer.prepare(heic))
                .isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessageStartingWith("not a JPEG or PNG image: it is a HEIC photo, as iPhones save them")
                .hasMessageEndingWith("save or convert it as JPEG (or PNG) and send it again");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preparer.prepare(webp))
                .hasMessageStartingWith("not a JPEG or PNG image: it is a WebP image;");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preparer.prepare(new byte[64]))
                .hasMessage("not a JPEG or PNG image");
    }
}
