package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

    /**
     * A zip from an older Korean Windows zip tool: names in CP949, without the flag that says UTF-8. It was refused
     * whole, "invalid CEN header (bad entry name)", with the usage after it.
     */
    @Test
    void aZipWithKoreanWindowsNamesIsRead() throws Exception {
        Path zip = dir.resolve("korean.zip");
        writeZip(zip, Charset.forName("x-windows-949"), "마스크 데이터/", "마스크 데이터/읽어보기.txt",
                "마스크 데이터/train/train.csv", "마스크 데이터/train/images/" + PERSON + "/mask1.jpg");
        try (LocalDataset local = LocalDataset.open(zip)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/train.csv",
                    "train/images/" + PERSON + "/mask1.jpg");
            assertThat(local.skipped()).containsExactly("읽어보기.txt");
        }
    }

    /** Names neither in UTF-8 nor in CP949: said so, with what to do, as a file that cannot be read (no usage). */
    @Test
    void aZipWhoseNamesAreInNoKnownEncodingSaysHowToRezipIt() throws Exception {
        Path zip = dir.resolve("latin.zip");
        writeZip(zip, StandardCharsets.ISO_8859_1, "train/train.csv", "train/images/\u00ff\u00ff\u00ff.jpg");
        assertThatThrownBy(() -> LocalDataset.open(zip)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("UTF-8").hasMessageContaining("7-Zip").hasMessageNotContaining("CEN");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Cli("http://127.0.0.1:1", "http://127.0.0.1:1", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run("upload", zip.toString());
        assertThat(code).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("error: cannot read " + zip + ": ")
                .contains("re-zip").doesNotContain("usage:");
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        printed.reset();
        assertThat(new Cli("http://127.0.0.1:1", "http://127.0.0.1:1", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run("upload", text.toString())).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("error: cannot read " + text
                + ": neither a folder nor a readable zip").doesNotContain("usage:");
    }

    /** Windows Explorer's Thumbs.db, desktop.ini and ehthumbs.db were sent, then counted as extra files. */
    @Test
    void windowsExplorerFilesAreLeftOutAsHiddenFilesAre() throws Exception {
        Path data = dataset();
        Path folder = person(Files.createDirectories(data.resolve("train/images")));
        for (String name : new String[] {"Thumbs.db", "desktop.ini", "ehthumbs.db", ".DS_Store"}) {
            Files.writeString(folder.resolve(name), "x");
        }
        Files.writeString(data.resolve("train/images/DESKTOP.INI"), "x");
        try (LocalDataset local = LocalDataset.open(data)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/images/"
                    + PERSON + "/mask1.jpg", "train/images/" + PERSON + "/normal.jpg", "train/train.csv");
            assertThat(local.skipped()).hasSize(5);
        }
        Path zip = zip("explorer.zip", "data/train/train.csv", "data/train/Thumbs.db", "data/train/images/"
                + PERSON + "/mask1.jpg", "data/train/images/" + PERSON + "/Desktop.ini");
        try (LocalDataset local = LocalDataset.open(zip)) {
            assertThat(local.entries()).extracting(LocalDataset.Entry::path).containsExactly("train/train.csv",
                    "train/images/" + PERSON + "/mask1.jpg");
            assertThat(local.skipped()).containsExactly("train/Thumbs.db", "train/images/" + PERSON
                    + "/Desktop.ini");
        }
    }

    /** Writes a zip whose names are in {@code names}; a charset other than UTF-8 leaves the UTF-8 flag unset. */
    private static void writeZip(Path zip, Charset names, String... entries) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), names)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write(1);
                }
                out.closeEntry();
            }
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

    /**
     * A zip whose photo is damaged (one byte changed, so its CRC-32 does not match): java.util.zip.ZipFile does not
     * check it, and the photo was uploaded as it was (a probe of the running stack, 2026-12-07, night), where
     * preprocess refuses the same zip as broken.
     */
    @Test
    void aDamagedFileInAZipIsNamedNotUploaded() throws Exception {
        Path zip = dir.resolve("damaged.zip");
        byte[] photo = "a photo's bytes, stored".getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("train/train.csv"));
            out.write(1);
            ZipEntry stored = new ZipEntry("train/images/" + PERSON + "/mask1.jpg");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(photo.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(photo);
            stored.setCrc(crc.getValue());
            out.putNextEntry(stored);
            out.write(photo);
        }
        String bytes = new String(Files.readAllBytes(zip), StandardCharsets.ISO_8859_1);
        Files.write(zip, bytes.replace("stored", "storeD").getBytes(StandardCharsets.ISO_8859_1));
        try (LocalDataset data = LocalDataset.open(zip)) {
            LocalDataset.Entry damaged = data.entries().stream().filter(e -> e.path().endsWith("mask1.jpg"))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> LocalDataset.sha256(damaged)).hasMessageContaining("cannot read train/images/"
                    + PERSON + "/mask1.jpg").hasMessageContaining("damaged in the zip");
        }
    }

    /**
     * Two entries of a zip for one path ({@code train\train.csv} and {@code train/train.csv}, or the same name
     * twice): refused when the zip is opened, naming it. The upload stopped on it after proposing the data set, with
     * "cannot reach the orchestrator" (same probe).
     */
    @Test
    void aZipWithTwoEntriesForOnePathIsRefusedNamingIt() throws Exception {
        Path zip = zip("twice.zip", "train\\train.csv", "train/train.csv", "train/images/" + PERSON + "/mask1.jpg");
        assertThatThrownBy(() -> LocalDataset.open(zip)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("holds train/train.csv twice");
    }
}
