package io.maskflow.serving;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/** Untrained model artifacts in the store, for serving tests (the answers are random but well-formed). */
final class TestModels {

    private TestModels() {
    }

    static ArtifactRef untrained(ArtifactStore store, int imageSize, Heads heads) throws Exception {
        Path zip = untrained(imageSize, heads, Map.of("cropWidth", 256, "cropHeight", 320));
        return store.put("it/" + UUID.randomUUID() + "/model.zip", zip, "application/zip");
    }

    /**
     * An untrained model artifact in a temporary file; its descriptor's {@code preprocessing} as given, mean 0.5 and
     * standard deviation 0.25 on every channel.
     */
    static Path untrained(int imageSize, Heads heads, Map<String, Object> preprocessing) throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", heads, imageSize));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, imageSize,
                    imageSize));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", heads, imageSize,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null,
                    Map.of("valMacroF1", 0.0), Map.of(), Map.of(), preprocessing, null), zip);
        }
        return zip;
    }

    /**
     * A model artifact with seeded random weights, far from the near-uniform answers of a fresh initialisation, so
     * that different photos get clearly different probabilities (and classes).
     */
    static Path seeded(int imageSize, Heads heads, int seed) throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", heads, imageSize));
            model.getBlock().setInitializer(new NormalInitializer(0.3f), Parameter.Type.WEIGHT);
            model.getBlock().setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, imageSize,
                    imageSize));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", heads, imageSize,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null,
                    Map.of("valMacroF1", 0.0), Map.of(), Map.of(), Map.of("cropWidth", 256, "cropHeight", 320),
                    null), zip);
        }
        return zip;
    }

    /** A 384 × 512 JPEG of its own for each seed: background, face oval and a band in random colours and places. */
    static byte[] distinctPhoto(int seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillRect(0, 0, 384, 512);
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillOval(60 + random.nextInt(80), 60 + random.nextInt(100), 150 + random.nextInt(80),
                200 + random.nextInt(100));
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillRect(0, 150 + random.nextInt(250), 384, 20 + random.nextInt(80));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** A 384 × 512 photo-like image (a pink oval on black) as JPEG or PNG bytes. */
    static byte[] photo(String format) throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.PINK);
        g.fillOval(90, 100, 200, 280);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /**
     * A 384 × 512 JPEG that compresses like a photo (about 40 KB): a gradient background, a shaded face oval and
     * grain, so decoding costs what a real photo's does.
     */
    static byte[] realisticPhoto() throws Exception {
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 384; x++) {
                double dx = (x - 192) / 100.0;
                double dy = (y - 240) / 140.0;
                boolean face = dx * dx + dy * dy < 1;
                int grain = random.nextInt(41) - 20;
                int r = face ? 210 - (int) (40 * dx) : 60 + y / 6;
                int g = face ? 170 - (int) (30 * dy) : 90 + x / 8;
                int b = face ? 150 : 140 - y / 8;
                image.setRGB(x, y, (clamp(r + grain) << 16) | (clamp(g + grain) << 8) | clamp(b + grain));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A PNG whose header claims 60000 x 60000 pixels. */
    static byte[] bomb() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, (byte) 0xea, 0x60, 0, 0, (byte) 0xea, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0};
        return java.util.Arrays.copyOf(png, 4096);
    }
}
