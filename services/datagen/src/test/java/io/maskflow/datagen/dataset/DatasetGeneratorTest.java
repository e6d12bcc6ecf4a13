package io.maskflow.datagen.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.LabelCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    private static final DatagenParams SMALL = StepParameters.bind(Map.of("persons", 6, "evalPersons", 2,
            "width", 192, "height", 256, "seed", 7), DatagenParams.DEFAULTS);

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void writesTheCompetitionLayoutAndItReadsBackWithTheSharedLoader(@TempDir Path dir) throws Exception {
        GenerationReport report = new DatasetGenerator(SMALL, 2).generate(new DirectorySink(dir), done -> { });

        List<PersonRecord> persons = CompetitionLayout.parseTrainCsv(Files.readString(dir.resolve(
                CompetitionLayout.TRAIN_CSV)));
        assertThat(persons).hasSize(6);
        LabelCodec codec = LabelCodec.competition();
        int[] classCounts = new int[18];
        for (PersonRecord person : persons) {
            assertThat(CompetitionLayout.parseFolder(person.path())).isEqualTo(person);
            Path folder = dir.resolve(CompetitionLayout.TRAIN_IMAGES + person.path());
            try (Stream<Path> images = Files.list(folder)) {
                assertThat(images.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                        "incorrect_mask.jpg", "mask1.jpg", "mask2.jpg", "mask3.jpg", "mask4.jpg", "mask5.jpg",
                        "normal.jpg");
            }
            for (String stem : Mask.fileStems()) {
                BufferedImage image = ImageIO.read(folder.resolve(stem + ".jpg").toFile());
                assertThat(image.getWidth()).isEqualTo(192);
                assertThat(image.getHeight()).isEqualTo(256);
                int c = codec.encode(stem + ".jpg", person.gender().csvName(), person.age());
                Label label = Label.ofClass(c);
                assertThat(label.mask()).isEqualTo(Mask.fromFileName(stem));
                assertThat(label.gender()).isEqualTo(person.gender());
                classCounts[c]++;
            }
        }
        assertThat(report.classCounts()).containsExactly(classCounts);
        assertThat(report.trainImages()).isEqualTo(42);

        List<String> info = Files.readAllLines(dir.resolve(CompetitionLayout.EVAL_CSV));
        List<String> answers = Files.readAllLines(dir.resolve(DatasetGenerator.EVAL_ANSWERS));
        assertThat(info.get(0)).isEqualTo("ImageID,ans");
        assertThat(info).hasSize(1 + 14).allMatch(l -> l.equals("ImageID,ans") || l.matches("[0-9a-f]{40}\\.jpg,0"));
        assertThat(answers).hasSize(15);
        assertThat(answers.get(0)).isEqualTo("ImageID,ans,person");
        Map<String, Integer> photosOfPerson = new TreeMap<>();
        for (int i = 1; i < info.size(); i++) {
            String id = info.get(i).split(",")[0];
            assertThat(answers.get(i)).startsWith(id + ",");
            assertThat(Integer.parseInt(answers.get(i).split(",")[1])).isBetween(0, 17);
            photosOfPerson.merge(answers.get(i).split(",")[2], 1, Integer::sum);
            assertThat(dir.resolve(CompetitionLayout.EVAL_IMAGES + id)).isRegularFile();
        }
        assertThat(photosOfPerson).as("two eval persons of seven photos each").hasSize(2)
                .allSatisfy((person, photos) -> assertThat(photos).isEqualTo(7));
        assertThat(Files.exists(dir.resolve("eval/answers.csv"))).as("answers kept out of eval/").isFalse();
        String manifest = Files.readString(dir.resolve(DatasetGenerator.MANIFEST));
        assertThat(manifest).contains("\"generatorVersion\" : \"" + DatasetGenerator.VERSION + "\"", "\"persons\" : 6",
                "\"seed\" : 7");
    }

    @Test
    void theSameParametersGiveByteIdenticalFilesWhateverTheThreads(@TempDir Path dir) throws Exception {
        new DatasetGenerator(SMALL, 1).generate(new DirectorySink(dir.resolve("a")), done -> { });
        new DatasetGenerator(SMALL, 3).generate(new DirectorySink(dir.resolve("b")), done -> { });
        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        a.remove(DatasetGenerator.MANIFEST);
        b.remove(DatasetGenerator.MANIFEST);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
    }

    /** Same seed and style, same bytes, for the new styles too; and the manifest records the style. */
    @Test
    void snapshotStudioAndMixedSetsAreByteIdenticalWhateverTheThreadsAndRecordTheirStyle(@TempDir Path dir)
            throws Exception {
        for (String style : List.of("snapshot", "studio", "sculpted", "inked", "painted", "mixed")) {
            DatagenParams params = StepParameters.bind(Map.of("persons", 4, "evalPersons", 2, "width", 192,
                    "height", 256, "seed", 7, "style", style), DatagenParams.DEFAULTS);
            GenerationReport report = new DatasetGenerator(params, 1).generate(new DirectorySink(dir.resolve(
                    style + "-a")), done -> { });
            new DatasetGenerator(params, 3).generate(new DirectorySink(dir.resolve(style + "-b")), done -> { });
            Map<String, byte[]> a = files(dir.resolve(style + "-a"));
            Map<String, byte[]> b = files(dir.resolve(style + "-b"));
            a.remove(DatasetGenerator.MANIFEST);
            b.remove(DatasetGenerator.MANIFEST);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String name : a.keySet()) {
                assertThat(b.get(name)).as(style + " " + name).isEqualTo(a.get(name));
            }
            assertThat(report.style()).isEqualTo(style);
            assertThat(report.personsByStyle().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
            assertThat(Files.readString(dir.resolve(style + "-a").resolve(DatasetGenerator.MANIFEST)))
                    .contains("\"style\" : \"" + style + "\"");
        }
        Map<String, byte[]> classic = new TreeMap<>();
        new DatasetGenerator(SMALL, 1).generate(new DirectorySink(dir.resolve("classic")), done -> { });
        classic.putAll(files(dir.resolve("classic")));
        Map<String, byte[]> snapshot = files(dir.resolve("snapshot-a"));
        String image = classic.keySet().stream().filter(k -> k.endsWith("normal.jpg")).findFirst().orElseThrow();
        assertThat(snapshot.get(image)).as("the same person in the other style").isNotNull()
                .isNotEqualTo(classic.get(image));
        Map<String, byte[]> studio = files(dir.resolve("studio-a"));
        assertThat(studio.get(image)).as("the same person in the third style").isNotNull()
                .isNotEqualTo(classic.get(image)).isNotEqualTo(snapshot.get(image));
        Map<String, byte[]> sculpted = files(dir.resolve("sculpted-a"));
        assertThat(sculpted.get(image)).as("the same person in the fourth style").isNotNull()
                .isNotEqualTo(classic.get(image)).isNotEqualTo(snapshot.get(image)).isNotEqualTo(studio.get(image));
        Map<String, byte[]> inked = files(dir.resolve("inked-a"));
        assertThat(inked.get(image)).as("the same person in the fifth style").isNotNull()
                .isNotEqualTo(classic.get(image)).isNotEqualTo(sculpted.get(image));
        Map<String, byte[]> painted = files(dir.resolve("painted-a"));
        assertThat(painted.get(image)).as("the same person in the sixth style").isNotNull()
                .isNotEqualTo(classic.get(image)).isNotEqualTo(inked.get(image)).isNotEqualTo(sculpted.get(image));
    }

    /** A mix of all six styles draws painted people with other cameras and other people with the painted camera. */
    @Test
    void aSixStyleMixDrawsPaintedPeopleAndCameras(@TempDir Path dir) throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("persons", 60, "evalPersons", 0, "width", 192,
                "height", 256, "seed", 3, "style", "mixed", "mixStyles",
                "painted,inked,classic,snapshot,studio,sculpted"),
                DatagenParams.DEFAULTS);
        GenerationReport report = new DatasetGenerator(params, 2).generate(new DirectorySink(dir), done -> { });
        assertThat(report.styles()).containsExactly("classic", "snapshot", "studio", "sculpted", "inked", "painted");
        assertThat(report.personsByStyle().keySet()).anyMatch(style -> style.startsWith("painted people"))
                .anyMatch(style -> style.endsWith("painted camera") && !style.startsWith("painted"));
        assertThat(files(dir).keySet().stream().filter(k -> k.endsWith(".jpg"))).hasSize(420);
    }

    /** A mix of all five styles draws inked people with other cameras and other people with the inked camera. */
    @Test
    void aFiveStyleMixDrawsInkedPeopleAndCameras(@TempDir Path dir) throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("persons", 50, "evalPersons", 0, "width", 192,
                "height", 256, "seed", 3, "style", "mixed", "mixStyles", "inked,classic,snapshot,studio,sculpted"),
                DatagenParams.DEFAULTS);
        GenerationReport report = new DatasetGenerator(params, 2).generate(new DirectorySink(dir), done -> { });
        assertThat(report.styles()).containsExactly("classic", "snapshot", "studio", "sculpted", "inked");
        assertThat(report.personsByStyle().keySet()).anyMatch(style -> style.startsWith("inked people"))
                .anyMatch(style -> style.endsWith("inked camera") && !style.startsWith("inked"));
        assertThat(files(dir).keySet().stream().filter(k -> k.endsWith(".jpg"))).hasSize(350);
    }

    /** A mix of all four styles draws each style's people with each style's camera, the sculpted one included. */
    @Test
    void aFourStyleMixDrawsSculptedPeopleAndCameras(@TempDir Path dir) throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("persons", 40, "evalPersons", 0, "width", 192,
                "height", 256, "seed", 3, "style", "mixed", "mixStyles", "classic,snapshot,studio,sculpted"),
                DatagenParams.DEFAULTS);
        GenerationReport report = new DatasetGenerator(params, 2).generate(new DirectorySink(dir), done -> { });
        assertThat(report.styles()).containsExactly("classic", "snapshot", "studio", "sculpted");
        assertThat(report.personsByStyle().keySet()).anyMatch(style -> style.startsWith("sculpted people"))
                .anyMatch(style -> style.endsWith("sculpted camera") && !style.startsWith("sculpted"));
        assertThat(files(dir).keySet().stream().filter(k -> k.endsWith(".jpg"))).hasSize(280);
    }

    /** A mix of chosen styles draws only those, records them, and differs from the default mix. */
    @Test
    void aMixedSetDrawsOnlyItsMixStyles(@TempDir Path dir) throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("persons", 12, "evalPersons", 0, "width", 192,
                "height", 256, "seed", 7, "style", "mixed", "mixStyles", "studio,classic"), DatagenParams.DEFAULTS);
        GenerationReport report = new DatasetGenerator(params, 2).generate(new DirectorySink(dir.resolve("a")),
                done -> { });
        assertThat(report.styles()).containsExactly("classic", "studio");
        assertThat(report.personsByStyle().keySet()).isNotEmpty().allSatisfy(style -> assertThat(style)
                .doesNotContain("snapshot").containsAnyOf("classic", "studio"));
        assertThat(report.personsByStyle().keySet()).anyMatch(style -> style.startsWith("studio"))
                .anyMatch(style -> style.startsWith("classic"));
        assertThat(Files.readString(dir.resolve("a").resolve(DatasetGenerator.MANIFEST)))
                .contains("\"styles\" : [ \"classic\", \"studio\" ]");
    }

    @Test
    void aPersonRangeMakesTheSamePersonsAsTheWholeRun(@TempDir Path dir) throws Exception {
        new DatasetGenerator(SMALL, 2).generate(new DirectorySink(dir.resolve("all")), done -> { });
        DatagenParams secondHalf = StepParameters.bind(Map.of("persons", 3, "evalPersons", 0, "firstPerson", 3,
                "width", 192, "height", 256, "seed", 7), DatagenParams.DEFAULTS);
        new DatasetGenerator(secondHalf, 2).generate(new DirectorySink(dir.resolve("part")), done -> { });
        Map<String, byte[]> all = files(dir.resolve("all"));
        Map<String, byte[]> part = files(dir.resolve("part"));
        List<String> images = new ArrayList<>(part.keySet().stream().filter(k -> k.endsWith(".jpg")).toList());
        assertThat(images).hasSize(21);
        for (String image : images) {
            assertThat(all.get(image)).as(image).isEqualTo(part.get(image));
        }
    }

    @Test
    void progressCountsEveryPerson(@TempDir Path dir) throws Exception {
        Map<Integer, Integer> seen = new HashMap<>();
        new DatasetGenerator(SMALL, 2).generate(new DirectorySink(dir), done -> {
            synchronized (seen) {
                seen.merge(done, 1, Integer::sum);
            }
        });
        assertThat(seen.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
