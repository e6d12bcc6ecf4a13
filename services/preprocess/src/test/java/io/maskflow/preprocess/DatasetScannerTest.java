package io.maskflow.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.dataset.DatasetScanner;
import io.maskflow.preprocess.dataset.Issue;
import io.maskflow.preprocess.dataset.Issue.Kind;
import io.maskflow.preprocess.source.DatasetSource;
import io.maskflow.preprocess.source.DirectorySource;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan of photo names and face boxes: names are matched in any case, a photo given twice is used once and
 * reported, and every face box that names no training photo, or repeats one, is reported with its line.
 */
class DatasetScannerTest {

    private static final String ANNA = "000001_female_Asian_25";
    private static final String BERT = "000002_male_Asian_45";
    private static final String IMAGES = "train/images/";

    /** A data set held in memory, so names that differ only in case exist on any file system. */
    private static final class MemorySource implements DatasetSource {
        private final Map<String, byte[]> files = new TreeMap<>();

        MemorySource put(String path, String content) {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<String> list(String prefix) {
            return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
        }

        @Override
        public boolean exists(String path) {
            return files.containsKey(path);
        }

        @Override
        public InputStream open(String path) throws FileNotFoundException {
            if (!files.containsKey(path)) {
                throw new FileNotFoundException(path);
            }
            return new ByteArrayInputStream(files.get(path));
        }
    }

    /** Anna's folder with the seven photos named by {@code name}, and Bert's the usual way. */
    private static MemorySource twoPersons(UnaryOperator<String> name) {
        MemorySource source = new MemorySource().put("train/train.csv", "id,gender,race,age,path\n"
                + "000001,female,Asian,25," + ANNA + "\n000002,male,Asian,45," + BERT + "\n");
        for (String stem : Mask.fileStems()) {
            source.put(IMAGES + ANNA + "/" + name.apply(stem), "photo");
            source.put(IMAGES + BERT + "/" + stem + ".jpg", "photo");
        }
        return source;
    }

    private static List<Issue> faceIssues(DatasetScanner.Scan scan) {
        return scan.issues().stream().filter(i -> i.item().startsWith("faces.csv")).toList();
    }

    /** A folder whose name gives other labels than its row was used with the row's labels without a word. */
    @Test
    void aFolderWhoseNameDisagreesWithItsRowIsReportedAndTheRowsLabelsUsed() throws Exception {
        String folder = "000003_male_Asian_50";
        MemorySource source = new MemorySource().put("train/train.csv", "id,gender,race,age,path\n"
                + "000003,female,Asian,45," + folder + "\n");
        for (String stem : Mask.fileStems()) {
            source.put(IMAGES + folder + "/" + stem + ".jpg", "photo");
        }
        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.persons()).hasSize(1);
        assertThat(scan.persons().get(0).record().age()).isEqualTo(45);
        assertThat(scan.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(Issue.Kind.FOLDER_DISAGREES_WITH_CSV);
            assertThat(issue.item()).isEqualTo(IMAGES + folder);
            assertThat(issue.detail()).isEqualTo("the folder's name and its train.csv row differ (gender male / "
                    + "female, age 50 / 45): the row's labels are used");
        });
    }

    /**
     * A folder whose name macOS stored decomposed (NFD, as it stores Korean names) was not matched with its row,
     * written composed: the person was left out with two issues whose names looked the same (a probe of users'
     * photos, 2026-12-07).
     */
    @Test
    void aFolderNameInAnotherUnicodeFormThanItsRowIsTheSameFolder() throws Exception {
        String composed = "000024_female_Asian_20_\uc774\uc601\ud76c"; // 이영희 as three syllables
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        MemorySource source = new MemorySource().put("train/train.csv", "id,gender,race,age,path\n"
                + "000024,female,Asian,20," + composed + "\n");
        for (String stem : Mask.fileStems()) {
            source.put(IMAGES + decomposed + "/" + stem + ".jpg", "photo");
        }
        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.persons()).singleElement().satisfies(person -> {
            assertThat(person.record().path()).isEqualTo(composed);
            assertThat(person.images().get("mask1")).isEqualTo(IMAGES + decomposed + "/mask1.jpg");
        });
        assertThat(scan.issues()).extracting(Issue::kind).doesNotContain(Kind.MISSING_FOLDER, Kind.BAD_FOLDER_NAME,
                Kind.FOLDER_NOT_IN_CSV);
    }

    /**
     * train.csv as R's write.csv writes it (every text quoted), as a spreadsheet saves it (trailing commas, blanks
     * after the commas, an age of 25.0), and a folder name with a comma in quotes: each row was refused ("gender must
     * be 'male' or 'female', got '"female"'", "expected 5 columns, got 6", "For input string: "25.0"") or its folder
     * not found (a probe of users' photos, 2026-12-07).
     */
    @Test
    void quotedCellsTrailingCommasBlanksAndAWholeAgeWithAFractionAreRead() throws Exception {
        String comma = "000005_male_Asian_31, second";
        MemorySource source = new MemorySource().put("train/train.csv",
                "\"id\",\"gender\",\"race\",\"age\",\"path\"\r\n"
                + "\"000001\",\"female\",\"Asian\",25,\"" + ANNA + "\"\r\n"
                + "000002,male,Asian,45.0," + BERT + ",,\r\n"
                + "000004, female, Asian, 33, 000004_female_Asian_33\r\n"
                + "000005,male,Asian,31,\"" + comma + "\"\r\n"
                + "000006,male,Asian,25.5,000006_male_Asian_25\r\n");
        for (String folder : List.of(ANNA, BERT, "000004_female_Asian_33", comma, "000006_male_Asian_25")) {
            for (String stem : Mask.fileStems()) {
                source.put(IMAGES + folder + "/" + stem + ".jpg", "photo");
            }
        }
        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.persons()).extracting(p -> p.record().id() + "/" + p.record().gender().csvName() + "/"
                + p.record().age()).containsExactly("000001/female/25", "000002/male/45", "000004/female/33",
                "000005/male/31");
        assertThat(scan.csvRows()).isEqualTo(5);
        assertThat(scan.issues()).filteredOn(issue -> issue.kind() == Kind.BAD_CSV_ROW).singleElement()
                .satisfies(issue -> {
                    assertThat(issue.item()).isEqualTo("train.csv line 6");
                    assertThat(issue.detail()).isEqualTo("age must be a whole number of years, got '25.5'");
                });
    }

    /** A data set already in the store, uploaded before the CLI left these out, or imported from a bucket. */
    @Test
    void hiddenAndWindowsExplorerFilesAreLeftOutWithoutAnIssue() throws Exception {
        MemorySource source = twoPersons(stem -> stem + ".jpg").put(IMAGES + ANNA + "/Thumbs.db", "cache")
                .put(IMAGES + ANNA + "/.DS_Store", "finder").put(IMAGES + "desktop.ini", "settings");
        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.issues()).isEmpty();
        assertThat(scan.persons()).hasSize(2);
    }

    @Test
    void photoNamesInUpperOrMixedCaseAreAllFoundAndNoneIsReportedMissing() throws Exception {
        String[] names = {"MASK1.JPG", "Mask2.Jpg", "mask3.JPEG", "MASK4.png", "mask5.PNG", "INCORRECT_MASK.JPG",
            "Normal.jpg"};
        int[] next = {0};
        DatasetScanner.Scan scan = DatasetScanner.scan(twoPersons(stem -> names[next[0]++]), 0);

        assertThat(scan.issues()).isEmpty();
        assertThat(scan.persons()).hasSize(2);
        assertThat(scan.persons().get(0).images()).containsOnlyKeys(Mask.fileStems())
                .containsEntry("mask1", IMAGES + ANNA + "/MASK1.JPG")
                .containsEntry("incorrect_mask", IMAGES + ANNA + "/INCORRECT_MASK.JPG")
                .containsEntry("normal", IMAGES + ANNA + "/Normal.jpg");
    }

    @Test
    void aPhotoNameGivenTwiceInAnotherCaseOrFormatIsUsedOnceAndTheOtherReportedAsADuplicate() throws Exception {
        MemorySource source = twoPersons(stem -> stem + ".jpg")
                .put(IMAGES + ANNA + "/Mask1.jpg", "the same photo again")
                .put(IMAGES + ANNA + "/NORMAL.png", "the same photo again");

        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.persons().get(0).images()).hasSize(7)
                .containsEntry("mask1", IMAGES + ANNA + "/Mask1.jpg")
                .containsEntry("normal", IMAGES + ANNA + "/NORMAL.png");
        assertThat(scan.issues()).hasSize(2).allSatisfy(i -> {
            assertThat(i.kind()).isEqualTo(Kind.EXTRA_FILE);
            assertThat(i.detail()).contains("a second", "in any case", "is used, this duplicate is left out");
        });
        assertThat(scan.issues()).extracting(Issue::item)
                .containsExactly(IMAGES + ANNA + "/mask1.jpg", IMAGES + ANNA + "/normal.jpg");
        assertThat(scan.issues().get(0).detail()).contains("second mask1 image", IMAGES + ANNA + "/Mask1.jpg is used");
    }

    @Test
    void aPersonMissingPhotosInAnotherCaseIsReportedMissingOnlyThose() throws Exception {
        MemorySource source = new MemorySource().put("train/train.csv", "id,gender,race,age,path\n"
                + "000001,female,Asian,25," + ANNA + "\n")
                .put(IMAGES + ANNA + "/MASK1.JPG", "photo").put(IMAGES + ANNA + "/NORMAL.JPG", "photo");

        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Kind.MISSING_FILES);
            assertThat(i.detail()).isEqualTo("missing [mask2, mask3, mask4, mask5, incorrect_mask]");
        });
    }

    @Test
    void everyFaceBoxThatNamesNoTrainingPhotoOrRepeatsOneIsReportedWithItsLineAndWhy() throws Exception {
        MemorySource source = twoPersons(stem -> stem + ".jpg")
                .put(IMAGES + "000003_male_Asian_30/mask1.jpg", "a folder train.csv does not name")
                .put("eval/images/abc.jpg", "an eval photo")
                .put(DatasetScanner.FACES_CSV, "path,x,y,width,height\n"
                        + IMAGES + ANNA + "/mask1.jpg,10,20,100,120\n"                  // 2: used
                        + "/" + IMAGES + ANNA + "/mask2.jpg,10,20,100,120\n"            // 3: leading slash
                        + ANNA + "/mask3.jpg,10,20,100,120\n"                          // 4: relative to images/
                        + IMAGES + ANNA + "/mask9.jpg,10,20,100,120\n"                  // 5: no such file
                        + "eval/images/abc.jpg,10,20,100,120\n"                        // 6: an eval image
                        + IMAGES + ANNA + "/mask1.jpg,1,2,50,60\n"                      // 7: repeats line 2
                        + IMAGES + "000003_male_Asian_30/mask1.jpg,10,20,100,120\n"     // 8: photo not used
                        + IMAGES + ANNA + "/MASK4.JPG,10,20,100,120\n"                  // 9: another case
                        + "\n"
                        + IMAGES + BERT + "/normal.jpg,5,6,70,80\n");                   // 11: used

        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.faceBoxes()).containsOnlyKeys(IMAGES + ANNA + "/mask1.jpg", IMAGES + BERT + "/normal.jpg");
        assertThat(scan.faceBoxes().get(IMAGES + ANNA + "/mask1.jpg")).as("the first box of a repeated path")
                .containsExactly(10, 20, 100, 120);
        List<Issue> issues = faceIssues(scan);
        assertThat(issues).allSatisfy(i -> assertThat(i.kind()).isEqualTo(Kind.BAD_CSV_ROW));
        assertThat(issues).extracting(Issue::item).containsExactly("faces.csv line 3", "faces.csv line 4",
                "faces.csv line 5", "faces.csv line 6", "faces.csv line 7", "faces.csv line 8", "faces.csv line 9");
        assertThat(issues.get(0).detail()).contains("relative to the data set's root", "without a leading '/'",
                "(" + IMAGES + ANNA + "/mask2.jpg)", "the box is left out");
        assertThat(issues.get(1).detail()).contains("no photo " + ANNA + "/mask3.jpg",
                "did you mean " + IMAGES + ANNA + "/mask3.jpg?");
        assertThat(issues.get(2).detail()).isEqualTo("there is no photo " + IMAGES + ANNA
                + "/mask9.jpg in the data set; the box is left out");
        assertThat(issues.get(3).detail()).contains("is an eval image");
        assertThat(issues.get(4).detail()).isEqualTo("a second box for " + IMAGES + ANNA
                + "/mask1.jpg; the box of line 2 is used");
        assertThat(issues.get(5).detail()).contains("not a photo used for training");
        assertThat(issues.get(6).detail()).contains("did you mean " + IMAGES + ANNA + "/mask4.jpg?");
    }

    @Test
    void aFacesFileWithoutItsHeaderIsReportedAndNotUsedInsteadOfLosingItsFirstBox() throws Exception {
        MemorySource source = twoPersons(stem -> stem + ".jpg").put(DatasetScanner.FACES_CSV,
                IMAGES + ANNA + "/mask1.jpg,10,20,100,120\n" + IMAGES + ANNA + "/mask2.jpg,10,20,100,120\n");

        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.faceBoxes()).isEmpty();
        assertThat(faceIssues(scan)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Kind.BAD_CSV_ROW);
            assertThat(i.item()).isEqualTo("faces.csv line 1");
            assertThat(i.detail()).contains("must start with the header 'path,x,y,width,height'",
                    "the file is not used", "2 line(s)");
        });
    }

    @Test
    void aFacesFileWithAByteOrderMarkAndGoodRowsGivesEveryBoxWithoutAnIssue() throws Exception {
        MemorySource source = twoPersons(stem -> stem + ".jpg").put(DatasetScanner.FACES_CSV,
                "\uFEFFpath,x,y,width,height\r\n" + IMAGES + ANNA + "/mask1.jpg, 10, 20, 100, 120\r\n"
                        + IMAGES + BERT + "/mask1.jpg,0,0,8,8\r\n");

        DatasetScanner.Scan scan = DatasetScanner.scan(source, 0);

        assertThat(scan.issues()).isEmpty();
        assertThat(scan.faceBoxes()).containsOnlyKeys(IMAGES + ANNA + "/mask1.jpg", IMAGES + BERT + "/mask1.jpg");
        assertThat(scan.faceBoxes().get(IMAGES + BERT + "/mask1.jpg")).containsExactly(0, 0, 8, 8);
    }

    @Test
    void theJobTrainsAPhotoGivenInTwoCasesOnceAndCountsTheBadFaceBoxesAsProblems(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        byte[] jpeg = TestData.jpeg(384, 512, Color.RED);
        Path anna = Files.createDirectories(data.resolve(IMAGES + ANNA));
        for (String stem : Mask.fileStems()) {
            Files.write(anna.resolve(stem.toUpperCase(Locale.ROOT) + ".JPG"), jpeg);
        }
        Files.write(anna.resolve("mask1.jpg"), jpeg); // MASK1.JPG again, in lower case (a file system may merge them)
        Files.writeString(data.resolve("train/train.csv"), "id,gender,race,age,path\n000001,female,Asian,25," + ANNA
                + "\n");
        Files.writeString(data.resolve(DatasetScanner.FACES_CSV), "path,x,y,width,height\n"
                + "/" + IMAGES + ANNA + "/MASK2.JPG,10,20,100,120\n");
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 16), PreprocessParams.DEFAULTS);

        PreprocessJob.Result result = new PreprocessJob(params, 1).run(List.of(new DirectorySource(data)),
                TestData.folder(dir.resolve("out")), done -> { });

        assertThat(result.index().count()).as("seven photos, none twice").isEqualTo(7);
        assertThat(result.report().counts()).doesNotContainKey(Kind.MISSING_FILES).containsEntry(Kind.BAD_CSV_ROW, 1);
        assertThat(result.report().counts().getOrDefault(Kind.EXTRA_FILE, 0))
                .isEqualTo(Files.exists(anna.resolve("MASK1.JPG")) && Files.exists(anna.resolve("mask1.jpg"))
                        && !Files.isSameFile(anna.resolve("MASK1.JPG"), anna.resolve("mask1.jpg")) ? 1 : 0);
        assertThat(result.report().summary()).contains("faces.csv line 2", "without a leading '/'");
    }
}
