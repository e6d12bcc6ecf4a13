package io.maskflow.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.preprocess.dataset.Issue.Kind;
import io.maskflow.preprocess.source.DirectorySource;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deliberately damaged data set: every kind of bad input is reported and left out, the rest goes through. */
class PreprocessJobTest {

    private static void person(Path root, String folder, byte[] jpeg) throws Exception {
        Path dir = Files.createDirectories(root.resolve("train/images/" + folder));
        for (String stem : Mask.fileStems()) {
            Files.write(dir.resolve(stem + ".jpg"), jpeg);
        }
    }

    static Path damaged(Path root) throws Exception {
        byte[] good = TestData.jpeg(384, 512, Color.RED);
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        String[][] people = {
            {"000001", "female", "25"}, {"000002", "male", "45"}, {"000003", "female", "60"},
            {"000004", "male", "20"}, {"000005", "female", "35"}, {"000006", "male", "61"},
            {"000007", "female", "19"}, {"000008", "male", "52"}, {"006359", "male", "30"},
        };
        for (String[] p : people) {
            String folder = p[0] + "_" + p[1] + "_Asian_" + p[2];
            csv.append(String.join(",", p[0], p[1], "Asian", p[2], folder)).append('\n');
            person(root, folder, good);
        }
        csv.append("000009,female,Asian,33,000009_female_Asian_33\n");          // folder missing
        csv.append("000001,female,Asian,25,000001_female_Asian_25\n");          // duplicate row
        csv.append("000010,female,Asian,old,000010_female_Asian_old\n");         // bad row
        Files.writeString(root.resolve("train/train.csv"), csv);
        person(root, "000011_male_Asian_40", good);                             // folder not in csv
        person(root, "someone_else", good);                                     // folder name does not parse
        Path p2 = root.resolve("train/images/000002_male_Asian_45");
        Files.delete(p2.resolve("mask3.jpg"));                                  // missing file
        Files.writeString(p2.resolve("notes.txt"), "hello");                    // extra file
        Files.write(p2.resolve("mask1.png"), good);                             // a second mask1
        Path p3 = root.resolve("train/images/000003_female_Asian_60");
        Files.write(p3.resolve("mask2.jpg"), Arrays.copyOf(good, good.length / 3));    // truncated JPEG
        Files.writeString(p3.resolve("mask4.jpg"), "GIF89a this is not a photo");     // not an image
        Files.write(p3.resolve("mask5.jpg"), TestData.jpeg(12, 16, Color.RED));        // far too small
        Files.write(p3.resolve("normal.jpg"), bombHeader());                          // decompression bomb
        return root;
    }

    @Test
    void cropsTheFaceBoxWhenOneIsGiven(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        BufferedImage photo = new BufferedImage(384, 512,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 384, 512);
        g.setColor(Color.BLUE);
        g.fillRect(20, 30, 100, 120);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpeg", jpeg);
        person(data, "000001_female_Asian_25", jpeg.toByteArray());
        Files.writeString(data.resolve("train/train.csv"),
                "id,gender,race,age,path\n000001,female,Asian,25,000001_female_Asian_25\n");
        Files.writeString(data.resolve("train/faces.csv"), "path,x,y,width,height\n"
                + "train/images/000001_female_Asian_25/mask1.jpg,25,35,90,110\n"
                + "train/images/000001_female_Asian_25/mask2.jpg,1,2,three,4\n");
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 16), PreprocessParams.DEFAULTS);
        PreprocessJob.Result result = new PreprocessJob(params, 1).run(List.of(new DirectorySource(data)),
                TestData.folder(dir.resolve("out")), done -> { });
        assertThat(result.report().counts()).containsEntry(Kind.BAD_CSV_ROW, 1);
        assertThat(result.report().issues().get(0).item()).isEqualTo("faces.csv line 3");
        int blueTiles = 0;
        try (InputStream in = Files.newInputStream(dir.resolve("out/shards/shard-00000.bin"));
                ShardReader reader = new ShardReader(in)) {
            for (ShardRecord r : reader) {
                byte[] px = r.pixels();
                boolean allBlue = true;
                for (int i = 0; i < px.length; i += 3) {
                    allBlue &= (px[i + 2] & 0xff) > 180 && (px[i] & 0xff) < 80;
                }
                blueTiles += allBlue ? 1 : 0;
            }
        }
        assertThat(blueTiles).as("only the photo with a face box is all face").isEqualTo(1);
    }

    /** Six persons, one per gender x age group, each with {@code copies} persons more in the same group. */
    private static Path sixGroups(Path root, int copies, String firstId) throws Exception {
        byte[] good = TestData.jpeg(384, 512, Color.GREEN);
        StringBuilder csv = new StringBuilder("\uFEFFid,gender,race,age,path\n");
        int id = Integer.parseInt(firstId);
        for (String gender : List.of("female", "male")) {
            for (int base : new int[] {22, 44, 60}) {
                for (int k = 0; k < copies; k++) {
                    int age = base + k;
                    String folder = String.format("%06d_%s_Asian_%d", id, gender, age);
                    csv.append(String.format("%06d,%s,Asian,%d,%s%n", id++, gender, age, folder));
                    person(root, folder, good);
                }
            }
        }
        Files.writeString(root.resolve("train/train.csv"), csv);
        return root;
    }

    @Test
    void theIndexKeepsEachPersonsDrawingValuesWhereTheDataSetGivesThem(@TempDir Path dir) throws Exception {
        Path mine = sixGroups(Files.createDirectories(dir.resolve("mine")), 2, "000001");
        Path generated = sixGroups(Files.createDirectories(dir.resolve("generated")), 1, "000001");
        Files.writeString(generated.resolve("train/cues.csv"), "id,facial_hair,jaw\n000001,1,0.5\n000002,2,1\n"
                + "000003,3,x\n000004,4,2\n000005,5,2.5\n000006,6,3\n");
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 16, "folds", 2, "holdoutFraction", 0.25),
                PreprocessParams.DEFAULTS);
        PreprocessJob.Result result = new PreprocessJob(params, 2).run(List.of(new DirectorySource(mine),
                new DirectorySource(generated)), List.of("dataset", "synthetic"), java.util.Set.of(1),
                TestData.folder(dir.resolve("out")), done -> { });

        assertThat(result.index().cueNames()).containsExactly("facial_hair", "jaw");
        double[][] cues = result.index().personCues();
        assertThat(cues.length).as("a row per person").isEqualTo(18);
        assertThat(Arrays.asList(cues).subList(0, 12)).as("the user's persons have no values").containsOnlyNulls();
        assertThat(Arrays.asList(cues).subList(12, 18).stream().filter(java.util.Objects::nonNull)
                .map(Arrays::toString)).as("the generated persons' rows, the unreadable one left out")
                .containsExactlyInAnyOrder("[1.0, 0.5]", "[2.0, 1.0]", "[4.0, 2.0]", "[5.0, 2.5]", "[6.0, 3.0]");
        assertThat(result.report().issues()).anySatisfy(issue -> assertThat(issue.toString())
                .contains("cues.csv line 4").contains("value 2 is not a finite number: x"));
    }

    @Test
    void trainOnlySourcesLandInTheTrainingFoldsOnlyAndAreCountedByInput(@TempDir Path dir) throws Exception {
        Path mine = sixGroups(Files.createDirectories(dir.resolve("mine")), 4, "000001");
        Path generated = sixGroups(Files.createDirectories(dir.resolve("generated")), 1, "000001");
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 16, "folds", 2, "holdoutFraction", 0.25),
                PreprocessParams.DEFAULTS);
        PreprocessJob.Result result = new PreprocessJob(params, 2).run(List.of(new DirectorySource(mine),
                new DirectorySource(generated)), List.of("dataset", "synthetic"), java.util.Set.of(1),
                TestData.folder(dir.resolve("out")), done -> { });

        assertThat(result.index().foldCounts()).containsEntry("trainOnly", 6 * 7).containsEntry("holdout", 6 * 7);
        assertThat(result.index().classCountsByInput()).containsOnlyKeys("dataset", "synthetic");
        assertThat(Arrays.stream(result.index().classCountsByInput().get("synthetic")).sum()).isEqualTo(6 * 7);
        assertThat(Arrays.stream(result.index().classCountsByInput().get("dataset")).sum()).isEqualTo(24 * 7);
        int[] ages = result.index().personAges();
        assertThat(ages).as("every person's age, by person number").hasSize(30);
        Map<Integer, Integer> foldOfSource = new HashMap<>();
        try (var shards = Files.list(dir.resolve("out/shards"))) {
            for (Path shard : shards.toList()) {
                try (InputStream in = Files.newInputStream(shard); ShardReader reader = new ShardReader(in)) {
                    for (ShardRecord r : reader) {
                        int age = ages[r.person()];
                        assertThat(Label.headValue(r.label(), Label.AGE_HEAD))
                                .as("age group of person %d, %d years old", r.person(), age)
                                .isEqualTo(AgeBands.COMPETITION.groupOf(age).value());
                        boolean generatedPerson = r.person() >= 24;
                        assertThat(r.fold() == io.maskflow.contracts.shards.ShardFormat.TRAIN_ONLY)
                                .as("person " + r.person() + " in fold " + r.fold()).isEqualTo(generatedPerson);
                        foldOfSource.merge(r.fold(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(foldOfSource).containsOnlyKeys(0, 1, 254, 255);
    }

    /** A PNG whose header claims 60000 x 60000 pixels; the rest is garbage. */
    static byte[] bombHeader() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, (byte) 0xea, 0x60, 0, 0, (byte) 0xea, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0};
        return Arrays.copyOf(png, 4096);
    }

    @Test
    void reportsEveryKindOfBadInputAndShardsTheRest(@TempDir Path dir) throws Exception {
        Path data = damaged(Files.createDirectories(dir.resolve("data")));
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 32, "folds", 3, "shardSize", 20),
                PreprocessParams.DEFAULTS);
        PreprocessJob.Result result = new PreprocessJob(params, 2).run(List.of(new DirectorySource(data)),
                TestData.folder(dir.resolve("out")), done -> { });
        System.out.println(result.report().summary());

        Map<Kind, Integer> counts = result.report().counts();
        assertThat(counts).containsEntry(Kind.MISSING_FOLDER, 1).containsEntry(Kind.DUPLICATE_ID, 1)
                .containsEntry(Kind.BAD_CSV_ROW, 1).containsEntry(Kind.FOLDER_NOT_IN_CSV, 1)
                .containsEntry(Kind.BAD_FOLDER_NAME, 1).containsEntry(Kind.MISSING_FILES, 1)
                .containsEntry(Kind.EXTRA_FILE, 2).containsEntry(Kind.UNREADABLE_IMAGE, 2)
                .containsEntry(Kind.UNEXPECTED_SIZE, 1).containsEntry(Kind.TOO_MANY_PIXELS, 1);
        assertThat(result.report().issues()).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(Kind.TOO_MANY_PIXELS);
            assertThat(i.item()).endsWith("000003_female_Asian_60/normal.jpg");
            assertThat(i.detail()).contains("60000x60000");
        });
        // 9 persons x 7 images, less mask3 of person 2 and four broken images of person 3
        assertThat(result.index().count()).isEqualTo(9 * 7 - 1 - 4);
        assertThat(result.report().excludedImages()).isEqualTo(4);
        assertThat(result.index().shards()).hasSize(3);
        assertThat(result.index().shards()).extracting(s -> s.count()).containsExactly(20, 20, 18);
        assertThat(result.report().summary()).contains("too many pixels", "000003_female_Asian_60/normal.jpg");

        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (InputStream in = Files.newInputStream(dir.resolve(String.format("out/shards/shard-%05d.bin", i)));
                    ShardReader reader = new ShardReader(in)) {
                assertThat(reader.height()).isEqualTo(32);
                reader.forEach(records::add);
            }
        }
        assertThat(records).hasSize(58);
        Map<Integer, Integer> foldOf = new HashMap<>();
        for (ShardRecord r : records) {
            assertThat(foldOf.merge(r.person(), r.fold(), (a, b) -> {
                assertThat(b).as("person %d on one side only", r.person()).isEqualTo(a);
                return a;
            })).isNotNull();
        }
        // women: 000001, 000005, 000007 (7 images each), 000003 (3 usable), and 006359, written as male but
        // corrected by the published list
        assertThat(records.stream().filter(r -> Label.ofClass(r.label()).gender() == Gender.FEMALE).count())
                .isEqualTo(7 + 7 + 7 + 3 + 7);
        int centre = (16 * 32 + 16) * 3;
        assertThat(records.get(0).pixels()[centre] & 0xff).as("red in the middle of the crop").isGreaterThan(200);
        assertThat(Files.readString(dir.resolve("out/index.json"))).contains("\"classCounts\"", "\"mean\"");
    }
}
