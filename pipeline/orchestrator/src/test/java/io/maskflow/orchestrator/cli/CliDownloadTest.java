package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.maskflow.orchestrator.cli.FakeServer.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download RUN OUTPUT -o DEST} and {@code --layout DIR} against what is at DEST. Before, DEST was replaced
 * whatever it was: a device or a named pipe became a regular file, an empty folder a file, a symbolic link a file; a
 * folder with files gave "DirectoryNotEmptyException" and left DEST.part behind; --layout overwrote the files of the
 * folder it was given.
 */
class CliDownloadTest {

    private FakeServer server;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        server.answers.put("/runs/x", new Answer(200, "{\"runId\":\"x\",\"outputSources\":{\"model\":\"train.model\","
                + "\"dataset\":\"generate.dataset\"},\"steps\":{\"train\":{\"outputs\":{\"model\":{\"bucket\":\"b\","
                + "\"key\":\"steps/train/h/model.zip\",\"size\":3}}},\"generate\":{\"outputs\":{\"dataset\":{"
                + "\"bucket\":\"b\",\"key\":\"steps/generate/h/manifest.json\",\"size\":9}}}}}"));
        server.answers.put("/runs/x/artifacts/train/model", new Answer(200, "abc"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The files under {@code dir}, relative, sorted. */
    private List<String> files() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aFolderGetsTheOutputUnderItsOwnNameEmptyOrNot() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(server.cli("download", "x", "model", "-o", empty.toString())).as(server.output()).isZero();
        assertThat(server.output()).endsWith("saved " + empty.resolve("model.zip") + " (3 B, s3://b/steps/train/h/"
                + "model.zip)\n");
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("other.txt"), "kept");
        assertThat(server.cli("download", "x", "model", "-o", full.toString())).as(server.output()).isZero();
        assertThat(Files.readString(full.resolve("model.zip"))).isEqualTo("abc");
        assertThat(files()).containsExactly("empty", "empty/model.zip", "full", "full/model.zip", "full/other.txt");
    }

    @Test
    void aRegularFileIsReplaced() throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "older and longer");
        assertThat(server.cli("download", "x", "model", "-o", file.toString())).as(server.output()).isZero();
        assertThat(Files.readString(file)).isEqualTo("abc");
        assertThat(files()).containsExactly("model.zip");
    }

    @Test
    void aSymbolicLinkIsRefusedBeforeAnythingIsAsked() throws IOException {
        Path file = Files.writeString(dir.resolve("real.zip"), "mine");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), file);
        assertThat(server.cli("download", "x", "model", "-o", link.toString())).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot write " + link + ": a symbolic link; give the file it "
                + "points to or another name\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(file)).isEqualTo("mine");
        assertThat(server.requests).isEmpty();
        // a link to a folder is that folder
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path toFolder = Files.createSymbolicLink(dir.resolve("to-folder"), folder);
        assertThat(server.cli("download", "x", "model", "-o", toFolder.toString())).as(server.output()).isZero();
        assertThat(Files.readString(folder.resolve("model.zip"))).isEqualTo("abc");
    }

    @Test
    void aNamedPipeOrADeviceIsRefused() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(server.cli("download", "x", "model", "-o", fifo.toString())).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot write " + fifo + ": a named pipe, not a regular file; "
                + "give a file name or a folder\n");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(files()).containsExactly("pipe");
        if (Files.exists(Path.of("/dev/full"))) {
            assertThat(server.cli("download", "x", "model", "-o", "/dev/full")).isEqualTo(1);
            assertThat(server.output()).isEqualTo("error: cannot write /dev/full: a device, not a regular file; give "
                    + "a file name or a folder\n");
        }
    }

    @Test
    void aFolderWhereTheFileWouldGoIsRefusedAndNoPartFileIsLeft() throws IOException {
        Files.createDirectories(dir.resolve("model.zip/inside"));
        assertThat(server.cli("download", "x", "model", "-o", dir.toString())).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot write " + dir.resolve("model.zip") + ": a folder is "
                + "there; give another name with -o\n");
        assertThat(files()).containsExactly("model.zip", "model.zip/inside");
        server.answers.put("/runs/x/artifacts/train/model", new Answer(200, "abcd"));
        assertThat(server.cli("download", "x", "model", "-o", dir.resolve("m.zip").toString())).isEqualTo(1);
        assertThat(server.output()).endsWith("error: received 4 of 3 bytes; try again\n");
        assertThat(files()).containsExactly("model.zip", "model.zip/inside");
    }

    @Test
    void aFolderWithoutSuchASubfolderIsNoFolder() {
        Path missing = dir.resolve("nothing");
        assertThat(server.cli("download", "x", "model", "-o", missing + "/")).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot write " + missing + "/: no such folder\n");
    }

    /** A zip of the given files, as the orchestrator sends a data set. */
    private static Answer zip(int announced, String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Answer(200, bytes.toByteArray(), Map.of("X-Maskflow-Files", String.valueOf(announced)));
    }

    @Test
    void theLayoutGoesIntoANewOrEmptyFolderOnly() throws IOException {
        server.answers.put("/runs/x/datasets/generate/dataset", zip(2, "train/train.csv", "train/images/p/mask1.jpg"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        assertThat(server.cli("download", "x", "dataset", "--layout", full.toString())).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot unpack into " + full + ": it holds files already "
                + "(notes.txt); give a new or an empty folder\n");
        assertThat(server.requests).isEmpty();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(server.cli("download", "x", "dataset", "--layout", empty.toString())).as(server.output()).isZero();
        assertThat(Files.readString(empty.resolve("train/images/p/mask1.jpg"))).isEqualTo("train/images/p/mask1.jpg");
        Path file = Files.writeString(dir.resolve("file"), "mine");
        assertThat(server.cli("download", "x", "dataset", "--layout", file.toString())).isEqualTo(1);
        assertThat(server.output()).isEqualTo("error: cannot unpack into " + file + ": a file, not a folder\n");
    }

    @Test
    void aLayoutCutShortIsRemovedAgain() throws IOException {
        server.answers.put("/runs/x/datasets/generate/dataset", zip(3, "train/train.csv", "train/images/p/mask1.jpg"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(server.cli("download", "x", "dataset", "--layout", empty.toString())).isEqualTo(1);
        assertThat(server.output()).contains("error: received 2 of 3 files (the rest are missing); try again");
        assertThat(server.cli("download", "x", "dataset", "--layout", dir.resolve("new/sub").toString()))
                .isEqualTo(1);
        assertThat(files()).containsExactly("empty");
    }

    /** The file system's refusals were named by their Java class ("DirectoryNotEmptyException"). */
    @Test
    void aFileProblemIsNeverAJavaClassName() {
        assertThat(LocalFiles.problem(new java.nio.file.DirectoryNotEmptyException("/tmp/x"), true))
                .isEqualTo("cannot write /tmp/x: a folder that is not empty is there");
        assertThat(LocalFiles.problem(new java.nio.file.FileSystemException("/tmp/x"), false))
                .isEqualTo("cannot read /tmp/x: the file system refused it");
    }
}
