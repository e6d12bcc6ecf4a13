package io.maskflow.datagen.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 3 + random.nextInt(40)) << 16 | (y * 2 + random.nextInt(40)) << 8
                        | random.nextInt(256));
            }
        }
        return image;
    }

    /** What ImageIO writes for the picture as it is, without the byte copy. */
    private static byte[] plain(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void aPackedRgbPictureEncodesToTheSameBytesAsImageIoWritesForIt() throws Exception {
        for (int[] size : new int[][] {{384, 512}, {97, 61}, {384, 512}}) {
            BufferedImage image = noise(size[0], size[1], size[0] + size[1]);
            assertThat(JpegEncoder.asBytes(image)).isNotSameAs(image);
            assertThat(JpegEncoder.encode(image, 0.85f)).isEqualTo(plain(image, 0.85f));
        }
    }

    @Test
    void aPartOfALargerPictureIsEncodedAsItIs() throws Exception {
        BufferedImage part = noise(200, 100, 3).getSubimage(20, 10, 120, 70);
        assertThat(JpegEncoder.asBytes(part)).isSameAs(part);
        assertThat(JpegEncoder.encode(part, 0.9f)).isEqualTo(plain(part, 0.9f));
    }
}
