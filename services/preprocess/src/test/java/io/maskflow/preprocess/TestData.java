package io.maskflow.preprocess;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.preprocess.shards.Outputs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/** Images and output folders for preprocessing tests. */
final class TestData {

    private TestData() {
    }

    /** A JPEG of the given size: a coloured square on grey, so crops and resizes have something to show. */
    static byte[] jpeg(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(colour);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes outputs into a folder and answers references with their real size and SHA-256. */
    static Outputs folder(Path dir) {
        return new Outputs() {
            @Override
            public ArtifactRef put(String name, Path file, String contentType) throws IOException {
                return put(name, Files.readAllBytes(file), contentType);
            }

            @Override
            public ArtifactRef put(String name, byte[] content, String contentType) throws IOException {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                try {
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                    return new ArtifactRef("local", name, content.length, sha);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
