package io.maskflow.contracts.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskflow.contracts.labels.Gender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompetitionLayoutTest {

    @Test
    void folderNamesRoundTrip() {
        PersonRecord p = PersonRecord.of("000001", Gender.FEMALE, "Asian", 45);
        assertThat(p.path()).isEqualTo("000001_female_Asian_45");
        assertThat(CompetitionLayout.parseFolder(p.path())).isEqualTo(p);
        assertThat(CompetitionLayout.parseFolder("001498-1_male_Asian_23").id()).isEqualTo("001498-1");
        assertThat(CompetitionLayout.trainImage(p, "incorrect_mask", "jpg"))
                .isEqualTo("train/images/000001_female_Asian_45/incorrect_mask.jpg");
    }

    @Test
    void refusesBadFoldersAndFiles() {
        assertThatThrownBy(() -> CompetitionLayout.parseFolder("1_female_Asian_45")).hasMessageContaining("6-digit");
        assertThatThrownBy(() -> CompetitionLayout.parseFolder("000001_woman_Asian_45")).hasMessageContaining("male");
        assertThatThrownBy(() -> CompetitionLayout.imageExtension("a.gif")).hasMessageContaining(".png");
        assertThat(CompetitionLayout.imageExtension("normal.JPEG")).isEqualTo("jpeg");
    }

    @Test
    void readsTheRealTrainCsvOfTheCompetition() throws IOException {
        // The real train.csv lies in shared/ beside the checkout (on developer machines and in CI).
        Path real = Path.of("../../../shared/data/competition-train.csv");
        assumeTrue(Files.exists(real), "no shared/data/competition-train.csv beside the checkout");
        List<PersonRecord> persons = CompetitionLayout.parseTrainCsv(Files.readString(real));
        assertThat(persons).hasSize(2700);
        assertThat(persons.stream().filter(p -> p.gender() == Gender.FEMALE).count()).isEqualTo(1655);
        assertThat(persons).allMatch(p -> CompetitionLayout.parseFolder(p.path()).equals(p));
        assertThat(persons.stream().mapToInt(PersonRecord::age).min().orElseThrow()).isEqualTo(18);
        assertThat(persons.stream().mapToInt(PersonRecord::age).max().orElseThrow()).isEqualTo(60);
    }

    @Test
    void writesTheSameLinesItReads() {
        PersonRecord p = PersonRecord.of("000002", Gender.MALE, "Asian", 60);
        String csv = CompetitionLayout.TRAIN_HEADER + "\n" + CompetitionLayout.trainCsvLine(p) + "\n";
        assertThat(CompetitionLayout.parseTrainCsv(csv)).containsExactly(p);
        assertThatThrownBy(() -> CompetitionLayout.parseTrainCsv("id,gender\n")).hasMessageContaining("header");
        assertThatThrownBy(() -> CompetitionLayout.parseTrainCsv(CompetitionLayout.TRAIN_HEADER
                + "\n000003,male,Asian,old,000003_male_Asian_old")).hasMessageContaining("line 2");
    }

    @Test
    void theLayoutsFolderIsFoundHoweverManyFoldersWrapIt() {
        assertThat(CompetitionLayout.root(List.of("train/train.csv", "train/images/a/mask1.jpg"))).isEmpty();
        assertThat(CompetitionLayout.root(List.of("data/train/train.csv", "data/eval/info.csv"))).isEqualTo("data/");
        assertThat(CompetitionLayout.root(List.of("Downloads/mask/data/train/train.csv", "README.txt",
                "Downloads/mask/data/train/images/000001_female_Asian_45/mask1.jpg")))
                .isEqualTo("Downloads/mask/data/");
        assertThat(CompetitionLayout.root(List.of("set/faces/a.jpg"))).isEqualTo("set/");
        // the shallowest one wins; macOS's copies and paths without the layout do not count
        assertThat(CompetitionLayout.root(List.of("__MACOSX/x/train/._train.csv", "x/train/train.csv",
                "x/old/train/train.csv", "notes.txt"))).isEqualTo("x/");
        assertThat(CompetitionLayout.root(List.of("notes.txt", "a/b.jpg"))).isEmpty();
        // only the layout's own files mark it: other folders named train/ or eval/ are not data sets
        assertThat(CompetitionLayout.root(List.of("data/train/train.csv", "data/train/images/a/mask1.jpg",
                "results/eval/metrics.json"))).isEqualTo("data/");
        assertThat(CompetitionLayout.root(List.of("project/code/train/loop.py",
                "project/input/data/train/train.csv"))).isEqualTo("project/input/data/");
        assertThat(CompetitionLayout.root(List.of())).isEmpty();
    }

    /** Windows Explorer's files are left out as hidden files and macOS's copies are, in any case. */
    @Test
    void hiddenAndSystemFilesAreKnownInAnyCase() {
        for (String path : List.of("train/.DS_Store", "train/.git/config", "__MACOSX/train/._train.csv",
                "data/__MACOSX/x", "train/images/a/Thumbs.db", "train/images/a/THUMBS.DB", "desktop.ini",
                "train/Desktop.ini", "eval/images/ehthumbs.db")) {
            assertThat(CompetitionLayout.isHiddenOrSystem(path)).as(path).isTrue();
        }
        for (String path : List.of("train/train.csv", "train/images/a/mask1.jpg", "./train/train.csv",
                "train/images/a/thumbs.db.jpg", "train/my__MACOSX/a.jpg")) {
            assertThat(CompetitionLayout.isHiddenOrSystem(path)).as(path).isFalse();
        }
        assertThat(CompetitionLayout.root(List.of(".old/train/train.csv", "x/train/train.csv"))).isEqualTo("x/");
    }

    @Test
    void twoDataSetsAtTheSameDepthAreRefused() {
        assertThatThrownBy(() -> CompetitionLayout.root(List.of("a/train/train.csv", "b/train/train.csv")))
                .hasMessage("the archive holds a data set in each of ['a/', 'b/']: send one at a time");
    }

    /** A folder name that is not a person's says which part is wrong (it said only the form it should have). */
    @Test
    void aFolderNameNotAPersonsSaysWhichPartIsWrong() {
        assertThatThrownBy(() -> CompetitionLayout.parseFolder("000500_Female_Asian_4x")).hasMessage("folder name "
                + "'000500_Female_Asian_4x' is not <6-digit id>_<male|female>_<race>_<age>: the gender 'Female' is not "
                + "male or female (in lower case), the age '4x' is not a whole number of years");
        assertThat(CompetitionLayout.folderProblems("someone_else")).containsExactly(
                "it has 2 parts, not 4 joined by '_'");
        assertThat(CompetitionLayout.folderProblems("000001_female_Asian_45")).isEmpty();
    }
}
