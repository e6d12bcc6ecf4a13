package io.maskflow.system;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A small data set in the competition layout that Maskflow's generator did not draw: flat cartoon faces in three
 * photo sizes, JPEG and PNG side by side ({@code .jpg}, {@code .jpeg}, {@code .png}), a few broken files, and an
 * {@code eval/} folder with hashed names and its {@code info.csv} (one eval image broken too). What a user with
 * their own photos would upload.
 */
final class OwnDataset {

    static final String[] STEMS = {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"};
    private static final int[][] SIZES = {{384, 512}, {300, 400}, {480, 640}};
    private static final int[] AGES = {21, 45, 60};

    /** What was written: training image and eval image counts, the broken files, and the eval ids in order. */
    record Written(int persons, int trainImages, List<String> broken, List<String> evalIds) {
    }

    private OwnDataset() {
    }

    /** {@code personsPerGroup} persons for each gender x age group, and {@code evalImages} eval images. */
    static Written write(Path root, int personsPerGroup, int evalImages, long seed) throws IOException {
        Random random = new Random(seed);
        Path images = Files.createDirectories(root.resolve("train/images"));
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        List<String> broken = new ArrayList<>();
        int persons = 0;
        int trainImages = 0;
        for (String gender : List.of("female", "male")) {
            for (int age : AGES) {
                for (int k = 0; k < personsPerGroup; k++) {
                    String id = String.format("%06d", 100 + persons);
                    String folder = id + "_" + gender + "_Asian_" + (age + random.nextInt(age == 60 ? 1 : 8));
                    csv.append(id).append(',').append(gender).append(",Asian,").append(folder.substring(folder
                            .lastIndexOf('_') + 1)).append(',').append(folder).append('\n');
                    Path dir = Files.createDirectories(images.resolve(folder));
                    int[] size = SIZES[persons % SIZES.length];
                    for (int s = 0; s < STEMS.length; s++) {
                        String ext = (persons + s) % 3 == 0 ? "png" : (persons + s) % 3 == 1 ? "jpg" : "jpeg";
                        Path file = dir.resolve(STEMS[s] + "." + ext);
                        Files.write(file, encode(face(size[0], size[1], gender, age, s, random), ext));
                        trainImages++;
                    }
                    persons++;
                }
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv.toString(), StandardCharsets.UTF_8);
        // broken files: a truncated JPEG, text named like a photo, and an empty PNG
        Path first = Files.list(images).sorted().findFirst().orElseThrow();
        truncate(first.resolve("mask2." + ext(first, "mask2")), broken, root);
        Path second = Files.list(images).sorted().skip(1).findFirst().orElseThrow();
        Path text = second.resolve("mask3." + ext(second, "mask3"));
        Files.writeString(text, "this is not a photo");
        broken.add(root.relativize(text).toString());
        Path eval = Files.createDirectories(root.resolve("eval/images"));
        StringBuilder info = new StringBuilder("ImageID,ans\n");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < evalImages; i++) {
            String ext = i % 2 == 0 ? "jpg" : "png";
            String id = Integer.toHexString(new Random(seed + i).nextInt() | 0x10000000) + "cafe" + i + "." + ext;
            int[] size = SIZES[i % SIZES.length];
            byte[] photo = encode(face(size[0], size[1], i % 2 == 0 ? "female" : "male", AGES[i % 3], i % 7,
                    random), ext);
            Files.write(eval.resolve(id), i == 1 ? Arrays.copyOf(photo, 40) : photo);
            if (i == 1) {
                broken.add("eval/images/" + id);
            }
            info.append(id).append(",0\n");
            ids.add(id);
        }
        Files.writeString(root.resolve("eval/info.csv"), info.toString(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("train/.DS_Store"), "finder litter");
        return new Written(persons, trainImages, broken, ids);
    }

    private static String ext(Path dir, String stem) throws IOException {
        try (var files = Files.list(dir)) {
            String name = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(stem + "."))
                    .findFirst().orElseThrow();
            return name.substring(name.indexOf('.') + 1);
        }
    }

    private static void truncate(Path file, List<String> broken, Path root) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 3));
        broken.add(root.relativize(file).toString());
    }

    /** A flat face: skin oval, hair by gender, grey hair with age, and the mask by photo (worn, low, none). */
    private static BufferedImage face(int w, int h, String gender, int age, int stem, Random random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(120 + random.nextInt(100), 120 + random.nextInt(100), 120 + random.nextInt(100)));
        g.fillRect(0, 0, w, h);
        int fw = w / 2;
        int fh = (int) (h * 0.55);
        int fx = (w - fw) / 2 + random.nextInt(w / 20 + 1);
        int fy = h / 5;
        g.setColor(age >= 60 ? new Color(200, 200, 200) : age >= 30 ? new Color(90, 70, 50) : new Color(30, 20, 10));
        g.fillOval(fx - fw / 10, fy - fh / 8, fw + fw / 5, gender.equals("female") ? fh + fh / 2 : fh / 2);
        g.setColor(new Color(225, 190 - random.nextInt(20), 160 - random.nextInt(20)));
        g.fillOval(fx, fy, fw, fh);
        g.setColor(Color.BLACK);
        g.fillOval(fx + fw / 4, fy + fh / 3, fw / 10, fh / 16);
        g.fillOval(fx + 3 * fw / 4 - fw / 10, fy + fh / 3, fw / 10, fh / 16);
        if (stem < 5) {
            g.setColor(new Color(90 + stem * 30, 160, 220));
            g.fillRoundRect(fx + fw / 8, fy + fh / 2, 3 * fw / 4, fh / 3, 20, 20);
        } else if (stem == 5) {
            g.setColor(new Color(90, 160, 220));
            g.fillRoundRect(fx + fw / 8, fy + 3 * fh / 4, 3 * fw / 4, fh / 5, 20, 20);
        } else {
            g.setColor(new Color(150, 40, 40));
            g.fillOval(fx + fw / 3, fy + 3 * fh / 4, fw / 3, fh / 12);
        }
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String ext) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, ext.equals("png") ? "png" : "jpeg", out)) {
            throw new IOException("no writer for " + ext);
        }
        return out.toByteArray();
    }
}
