package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.orchestrator.cli.FakeServer.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line makes of answers it cannot use and of problems that are not the orchestrator's: a server on
 * a free port plays the orchestrator (or a wrong service behind a proxy) and answers each path as the test says
 * ({@link FakeServer}).
 * Before, an error status with an empty body read as an empty success ("0 run(s)", exit 0), a local file that could
 * not be written read as an orchestrator that cannot be reached, and a bad token or URL printed the whole usage.
 */
class CliAnswersTest {

    private FakeServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        url = server.url;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int cli(String... args) {
        return server.cli(args);
    }

    private int cli(String orchestrator, String serving, CliToken token, String... args) {
        return server.cli(orchestrator, serving, token, args);
    }

    private String output() {
        return server.output();
    }

    private static final List<List<String>> COMMANDS = List.of(List.of("pipelines"), List.of("runs"),
            List.of("submit", "train-and-serve"), List.of("run", "x"), List.of("cancel", "x"),
            List.of("compare", "x", "y"), List.of("delete", "x", "--dry-run"), List.of("retention"),
            List.of("logs", "x"), List.of("download", "x", "model"), List.of("schedule", "list"),
            List.of("upload", "--abandon", "u1"));

    @Test
    void anErrorStatusWithAnEmptyBodyIsAnErrorNamingTheStatusAndTheAddress() {
        server.otherwise = new Answer(404, "");
        for (List<String> command : COMMANDS) {
            assertThat(cli(command.toArray(String[]::new))).as(command + ": " + output()).isEqualTo(1);
            assertThat(output()).as(command.toString()).startsWith("error: HTTP 404 from " + url + "/")
                    .contains("with an empty body (is MASKFLOW_URL the orchestrator?)");
        }
    }

    @Test
    void aSuccessWithAnEmptyBodyWhereJsonIsExpectedIsAnError() {
        server.otherwise = new Answer(200, "");
        for (List<String> command : COMMANDS) {
            if (command.get(0).equals("download")) {
                continue; // its run lookup is the same call as "run"
            }
            assertThat(cli(command.toArray(String[]::new))).as(command + ": " + output()).isEqualTo(1);
            assertThat(output()).as(command.toString()).startsWith("error: HTTP 200 from " + url + "/")
                    .contains("with an empty body where JSON was expected");
        }
    }

    @Test
    void aBareErrorOfTheHttpLayerIsNamedWithoutPrintingTheWholeAddress() {
        server.otherwise = new Answer(414, "");
        String runId = "r".repeat(70_000);
        assertThat(cli("cancel", runId)).isEqualTo(1);
        assertThat(output()).startsWith("error: HTTP 414 from " + url + "/runs/rrr").contains("characters)")
                .hasSizeLessThan(400);
    }

    @Test
    void anErrorTheServerExplainsIsPrintedAsBefore() {
        server.otherwise = new Answer(409, "{\"error\":\"run x is stopping\",\"status\":409}");
        assertThat(cli("delete", "x")).isEqualTo(1);
        assertThat(output()).isEqualTo("error: run x is stopping\n");
        server.otherwise = new Answer(502, "<html>Bad Gateway</html>");
        assertThat(cli("runs")).isEqualTo(1);
        assertThat(output()).startsWith("error: HTTP 502 from " + url + "/runs: <html>Bad Gateway</html>");
    }

    /**
     * The run list is a page of the newest 20: it printed them and "22 run(s)", with no way to see the other two (a
     * probe of the running stack, 2026-12-07, night). It says how many it shows, and {@code --all} lists every run.
     */
    @Test
    void theRunListSaysWhenItShowsOnlyTheNewestAndAllListsEveryRun() {
        StringBuilder page = new StringBuilder("{\"total\":22,\"runs\":[");
        for (int i = 0; i < 20; i++) {
            page.append(i == 0 ? "" : ",").append("{\"runId\":\"r").append(i).append("\",\"pipeline\":\"p\","
                    + "\"status\":\"SUCCEEDED\",\"createdAt\":\"2026-12-07T17:00:00Z\",\"steps\":{}}");
        }
        server.answers.put("/runs", new Answer(200, page.append("]}").toString()));
        assertThat(cli("runs")).isZero();
        assertThat(output()).contains("r19").endsWith("the newest 20 of 22 run(s); --all lists every one\n");

        server.answers.put("/runs", new Answer(200, "{\"total\":1,\"runs\":[{\"runId\":\"only\",\"pipeline\":"
                + "\"p\",\"status\":\"SUCCEEDED\",\"createdAt\":\"2026-12-07T17:00:00Z\",\"steps\":{}}]}"));
        assertThat(cli("runs", "--all")).isZero();
        assertThat(output()).contains("only").endsWith("1 run(s)\n");
        assertThat(server.requests.get(server.requests.size() - 1).uri()).contains("size=500").contains("page=0");
    }

    @Test
    void aRunStartedButNotYetWrittenIsSaidToBe() {
        // what the orchestrator answers when the store did not take the state of a run it started
        server.answers.put("/runs", new Answer(202, "{\"runId\":\"r1\",\"status\":\"RUNNING\",\"message\":"
                + "\"run r1 was started, but not all of it is written yet (cannot save run r1): do not send the "
                + "request again\"}"));
        assertThat(cli("submit", "train-and-serve")).as(output()).isZero();
        assertThat(output()).isEqualTo("run r1 RUNNING\nrun r1 was started, but not all of it is written yet "
                + "(cannot save run r1): do not send the request again\n");
    }

    @Test
    void whatTheServerSaysCannotDriveTheTerminal() {
        // a run's pipeline name, a reason quoting a refused value and a log: what a terminal would obey (colours, a
        // window title, a link, text reversed) is printed as its code; line breaks and tabs stay
        server.answers.put("/runs", new Answer(200, "{\"runs\":[{\"runId\":\"r1\",\"pipeline\":"
                + "\"\\u001b[41mRED\\u001b[0m\\u001b]0;PWNED\\u0007\\u202e\",\"status\":\"REJECTED\","
                + "\"createdAt\":\"2026-12-07T17:00:00Z\",\"steps\":{}}],\"total\":1}"));
        assertThat(cli("runs")).isZero();
        assertThat(output()).contains("\\u001b[41mRED\\u001b[0m\\u001b]0;PWNED\\u0007\\u202e")
                .doesNotContain("\u001b", "\u0007", "\u202e");
        server.otherwise = new Answer(400, "{\"error\":\"style must be one of [...], got '\\u001b]8;;http://x/"
                + "\\u0007click\\u001b]8;;\\u0007'\",\"status\":400}");
        assertThat(cli("cancel", "x")).isEqualTo(1);
        assertThat(output()).isEqualTo("error: style must be one of [...], got '\\u001b]8;;http://x/\\u0007click"
                + "\\u001b]8;;\\u0007'\n");
        // a format character beyond the first 65,536 (a tag character) and a letter beyond them (kept)
        server.answers.put("/runs/x", new Answer(409, "{\"error\":\"run x\\udb40\\udc01 \\ud835\\udc00\"}"));
        assertThat(cli("cancel", "x")).isEqualTo(1);
        assertThat(output()).isEqualTo("error: run x\\U000e0001 \ud835\udc00\n");
        server.answers.remove("/runs/x");
        server.answers.remove("/runs");
        server.otherwise = new Answer(502, "<html>\u001b[2JBad Gateway</html>");
        assertThat(cli("runs")).isEqualTo(1);
        assertThat(output()).contains("<html>\\u001b[2JBad Gateway</html>").doesNotContain("\u001b");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamedAsSuchNotAsAnOutage(@TempDir Path dir) {
        server.answers.put("/runs/x", new Answer(200, "{\"runId\":\"x\",\"outputSources\":{\"model\":"
                + "\"train.model\"},"
                + "\"steps\":{\"train\":{\"outputs\":{\"model\":{\"bucket\":\"b\",\"key\":\"steps/train/h/model.zip\","
                + "\"size\":3}}}}}"));
        server.answers.put("/runs/x/artifacts/train/model", new Answer(200, "abc"));
        Path target = dir.resolve("missing/x.zip");
        assertThat(cli("download", "x", "model", "-o", target.toString())).isEqualTo(1);
        assertThat(output()).endsWith("error: cannot write " + target + ": its folder does not exist\n")
                .doesNotContain("cannot reach");
    }

    @Test
    void predictNamesServingWhenServingCannotBeReached(@TempDir Path dir) throws IOException {
        Path photo = Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        assertThat(cli(url, closed, CliToken.none(), "predict", photo.toString())).isEqualTo(1);
        assertThat(output()).startsWith("error: cannot reach " + closed + ":").contains("is serving running?")
                .doesNotContain(url).doesNotContain("Exception"); // "ConnectException" when Java gave no message
    }

    /** A host name that does not resolve was "connection refused (nothing listens there)" too. */
    @Test
    void aHostNameThatDoesNotResolveIsSaidSo() {
        assertThat(cli("http://no-such-host.invalid:8080", url, CliToken.none(), "runs")).isEqualTo(1);
        assertThat(output()).startsWith("error: cannot reach http://no-such-host.invalid:8080: the host name does "
                + "not resolve");
    }

    @Test
    void predictPrintsServingsReasonLikeEveryOtherCommand(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notimage.jpg"), "hello");
        server.answers.put("/predict", new Answer(400, "{\"error\":\"not a JPEG or PNG image\",\"status\":400}"));
        assertThat(cli("predict", text.toString())).isEqualTo(1);
        assertThat(output()).isEqualTo("error: not a JPEG or PNG image\n");
        server.answers.put("/predict", new Answer(404, ""));
        assertThat(cli("predict", text.toString())).isEqualTo(1);
        assertThat(output()).startsWith("error: HTTP 404 from " + url + "/predict with an empty body (is "
                + "MASKFLOW_SERVING_URL the serving service?)");
    }

    /** A folder was "no such file". */
    @Test
    void predictOfAFolderSaysItIsAFolder(@TempDir Path dir) {
        assertThat(cli("predict", dir.toString())).isEqualTo(2);
        assertThat(output()).contains("error: a folder: " + dir);
    }

    /** A data set folder of one person, and the orchestrator's answer to its proposal: every file missing. */
    private Path onePerson(Path dir) throws IOException {
        Path person = Files.createDirectories(dir.resolve("train/images/000001_female_Asian_45"));
        Files.writeString(dir.resolve("train/train.csv"), "id;gender;race;age;path\n");
        Files.writeString(person.resolve("mask1.jpg"), "m");
        server.answers.put("/datasets", new Answer(202, "{\"id\":\"u1\",\"complete\":false,\"files\":2,"
                + "\"missing\":[\"train/train.csv\",\"train/images/000001_female_Asian_45/mask1.jpg\"]}"));
        return dir;
    }

    /**
     * The files the orchestrator lists as missing are matched to the folder's by name, as the names are: a file whose
     * name holds a format character (a joiner in an emoji, a soft hyphen) is sent like any other, though the CLI
     * shows such characters as their codes.
     */
    @Test
    void aFileWhoseNameHoldsAFormatCharacterIsSent(@TempDir Path dir) throws IOException {
        onePerson(dir);
        String photo = "eval/images/a\u200db\u00ad.jpg";
        Files.createDirectories(dir.resolve("eval/images"));
        Files.writeString(dir.resolve("eval/info.csv"), "ImageID,ans\n");
        Files.writeString(dir.resolve(photo), "e");
        server.answers.put("/datasets", new Answer(202, "{\"id\":\"u1\",\"complete\":false,\"files\":4,"
                + "\"missing\":[\"train/train.csv\",\"train/images/000001_female_Asian_45/mask1.jpg\","
                + "\"eval/info.csv\",\"" + photo + "\"]}"));
        server.answers.put("/datasets/u1/files", new Answer(200, "{\"stored\":1,\"bytes\":1}"));
        server.answers.put("/datasets/u1/commit", new Answer(400, "{\"status\":400,\"error\":\"stop here\"}"));
        cli("upload", dir.toString());
        List<String> names = new ArrayList<>();
        for (byte[] batch : server.received.get("/datasets/u1/files")) {
            try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                    new java.io.ByteArrayInputStream(batch), java.nio.charset.StandardCharsets.UTF_8)) {
                for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    names.add(e.getName());
                }
            }
        }
        assertThat(names).as(output()).contains(photo);
    }

    /** A commit refused for a file's content said why, but not which upload was left behind nor what to do. */
    @Test
    void aCommitThatFailsNamesTheUploadAndHowToGiveItUp(@TempDir Path dir) throws IOException {
        onePerson(dir);
        server.answers.put("/datasets/u1/files", new Answer(200, "{\"stored\":2,\"bytes\":25}"));
        server.answers.put("/datasets/u1/commit", new Answer(400, "{\"status\":400,\"error\":\"train/train.csv must "
                + "start with the header 'id,gender,race,age,path'\"}"));
        assertThat(cli("upload", dir.toString())).isEqualTo(1);
        assertThat(output()).contains("error: the data set could not be completed (HTTP 400): train/train.csv must "
                + "start with the header 'id,gender,race,age,path'\nupload u1 cannot be finished with this file: "
                + "correct it and run ./maskflow upload again (a changed file makes a new upload), and give this one "
                + "up: ./maskflow upload --abandon u1\n");
    }

    /** A batch refused for a file's content ends the upload with the reason, the upload's id and what to do. */
    @Test
    void aBatchRefusedForItsContentNamesTheUploadAndHowToGiveItUp(@TempDir Path dir) throws IOException {
        onePerson(dir);
        server.answers.put("/datasets/u1/files", new Answer(400, "{\"status\":400,\"error\":\"train/train.csv looks "
                + "like UTF-16 text\"}"));
        assertThat(cli("upload", dir.toString())).isEqualTo(1);
        assertThat(output()).endsWith("error: the orchestrator refused a batch (HTTP 400): train/train.csv looks like "
                + "UTF-16 text\nupload u1 cannot be finished with this file: correct it and run ./maskflow upload "
                + "again (a changed file makes a new upload), and give this one up: ./maskflow upload --abandon u1\n");
    }

    /**
     * The CSVs went in a batch with the first photos, and a second batch went beside it: up to 64 MiB were sent
     * before a refused header stopped the upload. Now they go alone, and the photos only once they are taken.
     */
    @Test
    void theCsvFilesGoAloneInTheFirstBatch(@TempDir Path dir) throws IOException {
        onePerson(dir);
        server.answers.put("/datasets/u1/files", new Answer(400, "{\"status\":400,\"error\":\"train/train.csv must "
                + "start with the header 'id,gender,race,age,path'\"}"));
        assertThat(cli("upload", dir.toString())).isEqualTo(1);
        List<byte[]> batches = server.received.get("/datasets/u1/files");
        assertThat(batches).hasSize(1);
        List<String> names = new ArrayList<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(batches.get(0)))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("train/train.csv");
    }

    /** train.csv was sent last (a folder's files go in path order), so its header was checked after every photo. */
    @Test
    void theLayoutsCsvFilesAreSentFirst() {
        List<LocalDataset.Entry> sent = DatasetUploader.sendOrder(List.of("eval/images/a.jpg", "eval/info.csv",
                "train/images/p/mask1.jpg", "train/train.csv").stream().map(p -> new LocalDataset.Entry(p, 1,
                null)).toList());
        assertThat(sent).extracting(LocalDataset.Entry::path).containsExactly("eval/info.csv", "train/train.csv",
                "eval/images/a.jpg", "train/images/p/mask1.jpg");
    }

    @Test
    void aTokenAHeaderCannotCarryIsNamedInOneLineWithoutShowingIt() {
        CliToken broken = CliToken.resolve(Map.of("MASKFLOW_TOKEN", "mf_secret\nrest"), Path.of("none"));
        assertThat(cli(url, url, broken, "runs")).isEqualTo(2);
        assertThat(output()).isEqualTo("error: MASKFLOW_TOKEN holds a character a header cannot carry (a line "
                + "break, character 10 of 14)\n");
        CliToken accented = new CliToken(Optional.of("mf_sécret"), "MASKFLOW_TOKEN");
        assertThat(cli(url, url, accented, "predict", "photo.jpg")).isEqualTo(2);
        assertThat(output()).isEqualTo("error: MASKFLOW_TOKEN holds a character a header cannot carry (a character "
                + "that is not ASCII, character 5 of 9)\n");
    }

    @Test
    void anAddressThatIsNoHttpUrlIsNamedWithItsVariable() {
        assertThat(cli("not-a-url", url, CliToken.none(), "runs")).isEqualTo(2);
        assertThat(output()).isEqualTo("error: MASKFLOW_URL 'not-a-url' is not an http(s) URL (like "
                + "http://127.0.0.1:8080)\n");
        assertThat(cli(url, "ftp://x", CliToken.none(), "predict", "photo.jpg")).isEqualTo(2);
        assertThat(output()).isEqualTo("error: MASKFLOW_SERVING_URL 'ftp://x' is not an http(s) URL (like "
                + "http://127.0.0.1:8085)\n");
        // serving's address matters to predict alone
        server.otherwise = new Answer(200, "{\"runs\":[],\"total\":0}");
        assertThat(cli(url, "ftp://x", CliToken.none(), "runs")).isEqualTo(0);
    }
}
