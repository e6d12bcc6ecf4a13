package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.orchestrator.cli.FakeServer.Answer;
import io.maskflow.orchestrator.cli.FakeServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command reads its arguments strictly. Before, an unknown option, {@code --name=value}, an extra argument and
 * an option without its value were ignored: {@code delete RUN --dry-run=true} and {@code delete RUN --dryrun}
 * deleted the run, {@code retention --keep-last 0 --pipeline=sweep} planned across every pipeline,
 * {@code schedule create ... --paused=true} made an active schedule. A wrong command line sends nothing.
 */
class CliArgumentsTest {

    private FakeServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        server.otherwise = new Answer(200, "{\"runs\":[],\"total\":0,\"objects\":0,\"bytes\":0}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The command is refused with exit 2, this first line and the command's usage, and sends nothing. */
    private void refused(String error, String... args) {
        assertThat(server.cli(args)).as(String.join(" ", args) + ": " + server.output()).isEqualTo(2);
        assertThat(server.output()).as(String.join(" ", args)).startsWith("error: " + error + "\nusage: maskflow\n  "
                + args[0]);
        assertThat(server.requests).as(String.join(" ", args)).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedNamingTheClosestOneTheCommandTakes() {
        refused("unknown option '--dryrun' for delete; it takes --dry-run", "delete", "x", "--dryrun");
        refused("unknown option '--bogus' for runs; it takes --status, --pipeline, --all", "runs", "--bogus");
        refused("unknown option '--statsu' for runs; did you mean --status? (it takes --status, --pipeline, --all)",
                "runs", "--statsu", "RUNNING");
        refused("unknown option '--force' for cancel; it takes none (an argument that starts with '-' goes after --)",
                "cancel", "x", "--force");
        refused("unknown option '--pipline' for schedule create; did you mean --pipeline? (it takes --pipeline, "
                + "--cron, --time-zone, --param, -p, --paused)", "schedule", "create", "n", "--pipline", "p");
        assertThat(server.output()).contains("  schedule create NAME").doesNotContain("  submit");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        refused("--status needs a value", "runs", "--status");
        refused("--status needs a value ('--pipeline' is an option; a value that starts with '-' goes as "
                + "--status=VALUE)", "runs", "--status", "--pipeline", "p");
        refused("--attempt needs a value", "logs", "x", "--attempt");
        refused("-o needs a value", "download", "x", "model", "-o");
        refused("-o needs a value, not an empty one", "download", "x", "model", "-o", "");
        refused("-p needs a value (name=value)", "submit", "p", "-p");
        refused("-p takes name=value, got 'persons'", "submit", "p", "-p", "persons");
    }

    @Test
    void nameEqualsValueIsNameValueAndASwitchTakesTrueOrFalse() {
        assertThat(server.cli("delete", "x", "--dry-run=true")).as(server.output()).isZero();
        assertThat(server.requests).extracting(Request::uri).containsExactly("/runs/x/delete?dryRun=true");
        server.requests.clear();
        refused("--dry-run is a switch: give it alone, or as --dry-run=true or --dry-run=false, not '--dry-run=yes'",
                "delete", "x", "--dry-run=yes");
        assertThat(server.cli("retention", "--keep-last", "0", "--pipeline=sweep")).as(server.output()).isZero();
        assertThat(server.requests).extracting(Request::uri).containsExactly("/retention?keepLast=0&pipeline=sweep");
        server.requests.clear();
        server.otherwise = new Answer(201, "{\"runId\":\"p\",\"status\":\"RUNNING\",\"name\":\"n\"}");
        assertThat(server.cli("submit", "x", "--run-id=p", "-p=persons=3")).as(server.output()).isZero();
        assertThat(server.requests.get(0).body()).contains("\"runId\":\"p\"", "\"persons\":3");
        server.requests.clear();
        assertThat(server.cli("schedule", "create", "n", "--pipeline=x", "--cron", "0 0 2 * * ?", "--paused=true"))
                .as(server.output()).isZero();
        assertThat(server.requests.get(0).body()).contains("\"pipeline\":\"x\"", "\"paused\":true");
    }

    @Test
    void anOptionOrAParameterGivenTwiceIsRefused() {
        refused("--pipeline is given twice ('a' and 'b'); give it once", "runs", "--pipeline", "a", "--pipeline", "b");
        refused("--dry-run is given twice; give it once", "delete", "x", "--dry-run", "--dry-run=false");
        refused("parameter 'persons' is given twice ('0' and '5'); give it once", "submit", "p", "-p", "persons=0",
                "-p", "persons=5");
        refused("parameter 'epochs' is given twice ('1' and '2'); give it once", "schedule", "create", "n",
                "--param", "epochs=1", "-p", "epochs=2");
    }

    @Test
    void anExtraArgumentIsRefusedNamingIt() {
        refused("an extra argument for delete: 'B' (it takes one argument)", "delete", "A", "B", "--dry-run");
        refused("an extra argument for run: 'extra' (it takes one argument)", "run", "X", "extra");
        refused("an extra argument for predict: 'b.jpg' (it takes one argument)", "predict", "a.jpg", "b.jpg");
        refused("extra arguments for schedule pause: 'b', 'c' (it takes one argument)", "schedule", "pause", "a", "b",
                "c");
        assertThat(server.output()).contains("\n  schedule show|pause|resume|delete NAME").doesNotContain("create");
        refused("an extra argument for runs: 'RUNNING' (it takes no arguments)", "runs", "RUNNING");
        refused("compare got 'A' twice: it needs two or more run ids, each once", "compare", "A", "B", "A");
        refused("upload takes a folder or zip, or --abandon with an upload's id; not both", "upload", "dir",
                "--abandon", "u1");
        refused("download takes -o FILE or --layout DIR, not both", "download", "x", "model", "-o", "f", "--layout",
                "d");
    }

    @Test
    void doubleDashEndsTheOptions(@TempDir Path dir) throws IOException {
        refused("extra arguments for submit: '--run-id', 'x' (it takes one argument)", "submit", "p", "--", "--run-id",
                "x");
        Path photo = Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        server.answers.put("/predict", new Answer(200, "{\"mask\":\"wear\"}"));
        assertThat(server.cli("predict", "--", photo.toString())).as(server.output()).isZero();
        assertThat(server.output()).isEqualTo("{\"mask\":\"wear\"}\n");
    }

    /** --stall bogus was read after the run had been submitted: the run started, then the usage was printed. */
    @Test
    void theFollowOptionsAreCheckedBeforeARunIsSubmitted() {
        refused("--stall must be a duration such as 30d, 12h, 90m or P30D, got 'bogus'", "submit", "p", "--follow",
                "--stall", "bogus");
        refused("--stall goes with --follow", "run", "x", "--stall", "5m");
        refused("--plain and --live say the opposite: give one of them", "run", "x", "--follow", "--plain", "--live");
    }

    /** MASKFLOW_STALL=bogus was reported as "--stall must be a duration", an option the user had not given. */
    @Test
    void aBadStallSettingIsNamedAsTheEnvironmentVariable() {
        server.env.put("MASKFLOW_STALL", "bogus");
        refused("MASKFLOW_STALL must be a duration such as 30d, 12h, 90m or P30D, got 'bogus'", "submit", "p",
                "--follow");
    }

    /** MASKFLOW_URL= (set but empty) was an error; an empty setting means the default, as an unset one does. */
    @Test
    void anEmptySettingMeansTheDefault() {
        assertThat(CliSettings.setting(Map.of("MASKFLOW_URL", ""), "MASKFLOW_URL", "http://127.0.0.1:8080"))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(CliSettings.setting(Map.of("MASKFLOW_URL", " "), "MASKFLOW_URL", "d")).isEqualTo("d");
        assertThat(CliSettings.setting(Map.of(), "MASKFLOW_URL", "d")).isEqualTo("d");
        assertThat(CliSettings.setting(Map.of("MASKFLOW_URL", "http://h:1"), "MASKFLOW_URL", "d")).isEqualTo("http://h:1");
    }

    @Test
    void helpOfACommandIsItsUsage() {
        assertThat(server.cli("help", "download")).isZero();
        assertThat(server.output()).startsWith("usage: maskflow\n  download <runId> <output> [-o FILE]")
                .doesNotContain("  upload");
        assertThat(server.cli("delete", "x", "--help")).isZero();
        assertThat(server.output()).startsWith("usage: maskflow\n  delete <runId> [--dry-run]");
        assertThat(server.requests).isEmpty();
        assertThat(server.cli("help")).isZero();
        assertThat(server.output()).contains("  upload", "  schedule list");
    }

    /** The server says what it got as Java prints it ("{a=1}"); the CLI shows what was typed. */
    @Test
    void aRefusedParameterIsShownAsTyped() {
        server.otherwise = new Answer(400, "{\"status\":400,\"error\":\"parameter 'persons' must be int, got "
                + "'{a=1}'\"}");
        assertThat(server.cli("submit", "p", "-p", "persons={\"a\":1}")).isEqualTo(1);
        assertThat(server.output()).isEqualTo("rejected: parameter 'persons' must be int, got '{\"a\":1}'\n");
        server.otherwise = new Answer(400, "{\"status\":400,\"error\":\"parameter 'synthetic' field 'persons' must be "
                + "like its default '300', got '{b=[1, 2]}'\"}");
        assertThat(server.cli("submit", "p", "-p", "synthetic={\"persons\": {\"b\": [1,2]}}")).isEqualTo(1);
        assertThat(server.output()).isEqualTo("rejected: parameter 'synthetic' field 'persons' must be like its "
                + "default '300', got '{\"b\":[1,2]}'\n");
    }

    /** /dev/null was "no such file". */
    @Test
    void predictOfADeviceSaysItIsNoRegularFile() {
        if (!Files.exists(Path.of("/dev/null"))) {
            return;
        }
        refused("a device, not a regular file: /dev/null", "predict", "/dev/null");
    }

    @Test
    void commandsThatAreRightStillRun() {
        for (List<String> command : List.of(List.of("runs", "--status", "RUNNING"), List.of("delete", "x"),
                List.of("retention", "--apply", "--max-age", "30d"), List.of("retention", "--keep-last", "-1"))) {
            assertThat(server.cli(command.toArray(String[]::new))).as(command + ": " + server.output()).isZero();
        }
        assertThat(server.requests).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /runs?status=RUNNING", "POST /runs/x/delete", "POST /retention?maxAge=30d",
                "GET /retention?keepLast=-1");
    }
}
