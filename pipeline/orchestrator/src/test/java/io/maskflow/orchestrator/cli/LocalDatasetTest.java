package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set on disk put together from symbolic links is read through them: a linked person folder or a linked
 * {@code train/images} was neither sent nor counted as left out ("there are no files under train/images/"). A link
 * that leads back to a folder it is in, or nowhere, is an error naming it.
 */
class LocalDatasetTest {

    private static final String PERSON = "000001_female_Asian_45";

    @TempDir
    Path dir;

    /** A person folder with two photos, outside the data set. */
    private Path person(Path under) throws Exception {
        Path folder = Files.createDirectories(under.resolve(PERSON));
        Files.writeString(folder.resolve("mask1.jpg"), "m");
        Files.writeString(folder.resolve("normal.jpg"), "nn");
        return folder;
    }

    private Path dataset() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve("train"));
        Files.writeString(data.resolve("train/train.csv"), "id,gender,race,age,path\n");
        return data;
    }

    /** A zip of the given entries, each file holding one byte (a name ending in a separator is a folder). */
    private Path zip(String name, String... entries) throws Exception {
        Path zip = dir.resolve(name);
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry));
                if (!entry.endsWith("\\") && !entry.endsWith("/")) {
                    out.write(1);
                }
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Some Windows tools write '\' between folders; such a zip's files were all left out. */
    @Test
    void aZipWhoseFoldersAreSeparatedByBackslashesIsRead() throws Exception {
        Path zip = zip("windows.zip", "data\\train\\", "data\\train\\train.csv",
                "data\\train\\images\\" + PERSON + "\\mask1.jpg");
        try (LocalDataset local = LocalDataset.open(zip)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/train.csv",
                    "train/images/" + PERSON + "/mask1.jpg");
            assertThat(local.skipped()).isEmpty();
        }
    }

    /** A zip of a download folder wraps the layout in two folders, with a file beside them: nothing was found. */
    @Test
    void aZipWrappedInSeveralFoldersIsRead() throws Exception {
        Path zip = zip("download.zip", "README.txt", "Downloads/mask-data/train/train.csv",
                "Downloads/mask-data/train/images/" + PERSON + "/mask1.jpg");
        try (LocalDataset local = LocalDataset.open(zip)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/train.csv",
                    "train/images/" + PERSON + "/mask1.jpg");
            assertThat(local.skipped()).containsExactly("README.txt");
        }
    }

    @Test
    void aLinkedPersonFolderIsSent() throws Exception {
        Path data = dataset();
        Path elsewhere = person(Files.createDirectories(dir.resolve("elsewhere")));
        Files.createDirectories(data.resolve("train/images"));
        Files.createSymbolicLink(data.resolve("train/images/" + PERSON), elsewhere);
        Files.createSymbolicLink(data.resolve("train/images/extra.jpg"), elsewhere.resolve("mask1.jpg"));

        try (LocalDataset local = LocalDataset.open(data)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/images/"
                    + PERSON + "/mask1.jpg", "train/images/" + PERSON + "/normal.jpg", "train/images/extra.jpg",
                    "train/train.csv");
            assertThat(local.skipped()).isEmpty();
            assertThat(local.bytes()).isEqualTo(1 + 2 + 1 + "id,gender,race,age,path\n".length());
            try (var in = local.entries().get(1).open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("nn");
            }
        }
    }

    @Test
    void aLinkedImagesFolderAndALinkedDataSetAreSent() throws Exception {
        Path data = dataset();
        Path images = Files.createDirectories(dir.resolve("images"));
        person(images);
        Files.createSymbolicLink(data.resolve("train/images"), images);
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), data);

        for (Path root : new Path[] {data, linked}) {
            try (LocalDataset local = LocalDataset.open(root)) {
                assertThat(local.entries()).as(root.toString()).extracting(LocalDataset.Entry::path)
                        .containsExactly("train/images/" + PERSON + "/mask1.jpg",
                                "train/images/" + PERSON + "/normal.jpg", "train/train.csv");
            }
        }
    }

    @Test
    void aLinkBackToAFolderItIsInIsNamedNotFollowedForever() throws Exception {
        Path data = dataset();
        person(Files.createDirectories(data.resolve("train/images")));
        Path loop = Files.createSymbolicLink(data.resolve("train/images/" + PERSON + "/again"), data.resolve("train"));

        assertThatThrownBy(() -> LocalDataset.open(data)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(loop.toString()).hasMessageContaining("a loop");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Cli("http://127.0.0.1:1", "http://127.0.0.1:1", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run("upload", data.toString());
        assertThat(code).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("error: cannot read " + loop + ": a symbolic "
                + "link to " + data.resolve("train") + " that leads back to a folder it is in (a loop)")
                .doesNotContain("cannot reach");
    }

    @Test
    void aLinkThatLeadsNowhereIsNamed() throws Exception {
        Path data = dataset();
        Files.createDirectories(data.resolve("train/images"));
        Path gone = Files.createSymbolicLink(data.resolve("train/images/" + PERSON), dir.resolve("moved"));

        assertThatThrownBy(() -> LocalDataset.open(data)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(gone.toString()).hasMessageContaining("a symbolic link to " + dir.resolve(
                        "moved") + ", which does not exist");
    }

    /** Left out anyway (hidden, outside the layout), a broken link is counted as such, not an error. */
    @Test
    void aBrokenLinkOutsideTheLayoutIsLeftOut() throws Exception {
        Path data = dataset();
        person(Files.createDirectories(data.resolve("train/images")));
        Files.createSymbolicLink(data.resolve("notes.txt"), dir.resolve("moved"));

        try (LocalDataset local = LocalDataset.open(data)) {
            assertThat(local.entries()).hasSize(3);
            assertThat(local.skipped()).containsExactly("notes.txt");
        }
    }
}
