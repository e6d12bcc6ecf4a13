package io.maskflow.dev;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos for tests of {@code crop=face} in preprocess, serving and the evaluator: a face off the centre on a green
 * wall, and a wall with no face.
 */
public final class FacePhotos {

    private FacePhotos() {
    }

    /** A 384 x 512 face drawn by datagen, shrunk to half size into the bottom-right quarter of a green photo. */
    public static byte[] faceInTheCorner() throws IOException {
        BufferedImage face;
        try (InputStream in = FacePhotos.class.getResourceAsStream("face.jpg")) {
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

    /** A 384 x 512 green wall with grain: no face in it. */
    public static byte[] noFace() throws IOException {
        BufferedImage wall = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 384; x++) {
                wall.setRGB(x, y, (random.nextInt(40) << 16) | ((200 + random.nextInt(55)) << 8) | random.nextInt(40));
            }
        }
        return jpeg(wall);
    }

    /** The share of pure green pixels (the wall) in RGB bytes. */
    public static double greenShare(byte[] rgb) {
        int green = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            green += (rgb[i] & 0xff) < 70 && (rgb[i + 1] & 0xff) > 190 && (rgb[i + 2] & 0xff) < 70 ? 1 : 0;
        }
        return green / (rgb.length / 3.0);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
