package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's web page in a real headless Chromium (Debian's {@code chromium}, which .ci/run installs), driven
 * over the DevTools protocol while the page stays open: it follows a run's steps as they finish, draws a training's
 * curves point by point as epoch events arrive, shows the evaluation's confusion matrix and per-class F1, a failed
 * step's error with the end of its log, and compares finished runs. The step services are played by the test
 * (events on the real broker); screenshots go to target/ (or {@code -Drunpage.screenshots=DIR}).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RunPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of(System.getProperty("runpage.screenshots", "target"));
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What a failed await prints: the text of the page's detail pane. */
    private static final String DETAIL = "document.getElementById('detail').innerText.slice(0, 3000)";

    @TestHTTPResource
    URL url;
    @Inject
    ArtifactStore store;

    private final EventCodec codec = EventCodec.instance();

    @Test
    void showsARunWithItsStepsAndFollowsAStepThatFinishes() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared());
                ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = start("kfold-ensemble", Map.of("folds", 2));
            awaitPhase(steps, runId, "generate", "SUCCEEDED");

            page.open(url + "#run=" + runId);
            page.await("document.querySelector('[data-step=\"preprocess\"][data-phase=\"DISPATCHED\"]')", WAIT, DETAIL);
            String dag = page.evaluate("document.querySelector('svg.dag').outerHTML").asText();
            assertThat(dag).contains("data-step=\"generate\" data-phase=\"SUCCEEDED\"",
                    "data-step=\"train-1\" data-phase=\"WAITING\"", "data-step=\"evaluate\"");
            assertThat(page.evaluate("document.querySelector('#run-rows tr[data-run=\"" + runId + "\"]') !== null")
                    .asBoolean()).isTrue();

            // the page follows the run without being reloaded
            awaitPhase(steps, runId, "preprocess", "SUCCEEDED");
            page.await("document.querySelector('[data-step=\"preprocess\"][data-phase=\"SUCCEEDED\"]')"
                    + " && document.querySelector('[data-step=\"train-0\"][data-phase=\"DISPATCHED\"]')"
                    + " && document.querySelector('[data-step=\"train-1\"][data-phase=\"DISPATCHED\"]')", WAIT, DETAIL);
            assertFitsTheWindow(page);
        }
    }

    @Test
    void showsTheLogOfAStepAndTheEndOfAFailedStepsLog() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared());
                ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = start("train-and-serve", Map.of("epochs", 1));
            awaitPhase(steps, runId, "generate", "SUCCEEDED");
            // what a step service built on the SDK writes for an attempt (StepLog)
            store.put(ArtifactKeys.stepLog(runId, "generate", 1), ("2026-12-01 03:00:00,000 INFO  [DatasetGenerator] "
                    + "(worker) generated 7 persons <in 1.2 s>\n").getBytes(StandardCharsets.UTF_8), "text/plain");

            page.open(url + "#run=" + runId + "&log=generate");
            page.await("document.getElementById('log-view').textContent.includes('generated 7 persons <in 1.2 s>')",
                    WAIT, DETAIL);
            assertThat(page.evaluate("document.getElementById('log-title').textContent").asText())
                    .isEqualTo("Log of generate");
            assertThat(page.evaluate("document.getElementById('log-view').textContent").asText())
                    .contains("=== generate, attempt 1 ===");

            // preprocess fails for good: its error and the last lines of its log, with a link to all of it
            StepCommand preprocess = awaitCommand(steps, runId, "preprocess");
            StringBuilder log = new StringBuilder();
            for (int line = 1; line <= 30; line++) {
                log.append("2026-12-01 03:00:").append(line).append(" INFO  [Preprocess] shard line ").append(line)
                        .append('\n');
            }
            store.put(ArtifactKeys.stepLog(runId, "preprocess", 1), log.toString().getBytes(StandardCharsets.UTF_8),
                    "text/plain");
            send(kafka, StepStatusEvent.started(preprocess, "fake"));
            send(kafka, StepStatusEvent.failed(preprocess, new StepError("unreadable-image",
                    "image 17 of person 3 is not a JPEG", false), "fake"));
            page.await("document.querySelector('.problem[data-step=\"preprocess\"] pre.tail')", WAIT, DETAIL);
            String problem = page.evaluate("document.querySelector('.problem[data-step=\"preprocess\"]').innerText")
                    .asText();
            assertThat(problem).contains("unreadable-image", "image 17 of person 3 is not a JPEG", "shard line 30",
                    "shard line 16", "the whole log (31 lines)").doesNotContain("shard line 15");
            page.evaluate("document.querySelector('.problem a[data-log=\"preprocess\"]').click()");
            page.await("document.getElementById('log-title').textContent === 'Log of preprocess'"
                    + " && document.getElementById('log-view').textContent.includes('shard line 1\\n')", WAIT, DETAIL);
        }
    }

    @Test
    void drawsTheCurvesOfARunningTrainingAsEpochsFinishThenItsEvaluation() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared());
                ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            StepPlayer steps = new StepPlayer(kafka);
            int epochs = 5;
            String runId = start("train-and-serve", Map.of("epochs", epochs));
            generate(kafka, awaitCommand(steps, runId, "generate"));
            awaitPhase(steps, runId, "preprocess", "SUCCEEDED");
            StepCommand train = awaitCommand(steps, runId, "train");
            send(kafka, StepStatusEvent.started(train, "fake"));
            StringBuilder log = new StringBuilder();
            for (int line = 1; line <= 12; line++) {
                log.append(String.format("2026-12-01 03:01:%02d INFO  [TrainingRunner] batch %d of 240%n", line * 4,
                        line * 20));
            }
            store.put(ArtifactKeys.stepLog(runId, "train", 1), log.toString().getBytes(StandardCharsets.UTF_8),
                    "text/plain");

            page.open(url + "#run=" + runId);
            page.await("document.querySelector('[data-step=\"train\"][data-phase=\"RUNNING\"]')", WAIT, DETAIL);
            String validationPoints = "document.querySelectorAll('svg[data-chart=\"f1\"] circle.point"
                    + "[data-metric=\"valMacroF1\"]').length";
            String lossPoints = "document.querySelectorAll('svg[data-chart=\"loss\"] circle.point').length";
            assertThat(page.evaluate(validationPoints).asInt()).isZero();
            // the running step's last log lines
            page.await("document.querySelector('.running-log[data-step=\"train\"]')", WAIT, DETAIL);
            assertThat(page.evaluate("document.querySelector('.running-log[data-step=\"train\"]').innerText")
                    .asText()).contains("batch 240 of 240", "batch 100 of 240", "the whole log (13 lines)")
                    .doesNotContain("batch 80 of 240");
            for (int epoch = 1; epoch <= epochs; epoch++) {
                send(kafka, StepStatusEvent.progress(train, epochProgress(epoch, epochs, 0.7), "fake"));
                // the open page gains the epoch's point on the F1 chart and its two points on the loss chart
                page.await(validationPoints + " === " + epoch, WAIT, DETAIL);
                assertThat(page.evaluate(lossPoints).asInt()).isEqualTo(2 * epoch);
                String progress = page.evaluate("document.querySelector('tr[data-step=\"train\"]').innerText")
                        .asText();
                assertThat(progress).contains("epoch " + epoch + " of " + epochs, "images/s", "left");
                if (epoch == 3) {
                    page.screenshot(SHOTS.resolve("run-page-training.png"));
                }
            }
            assertFitsTheWindow(page);
            // the epochs came over the run's event stream: the page never had to ask for the run again
            assertThat(page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.endsWith('/runs/"
                    + runId + "')).length").asInt()).isZero();

            send(kafka, StepStatusEvent.succeeded(train, Map.of("model", fakeRef(runId, "train")), Map.of(
                    "valMacroF1", 0.6412, "imagesPerSecond", 40.84, "seconds", 161.2, "epochs", (double) epochs),
                    false, "fake"));
            evaluate(kafka, awaitCommand(steps, runId, "evaluate"), 0.7);
            page.await("document.querySelectorAll('table.confusion tbody tr').length === 18"
                    + " && document.querySelectorAll('table.per-class tbody tr').length === 18", WAIT, DETAIL);
            String detail = page.evaluate(DETAIL.replace(".slice(0, 3000)", "")).asText();
            // numbers as a person reads them
            assertThat(detail).contains("40.8 images/s", "2 min 41 s", "4,480", "0.641", "hold-out macro F1")
                    .doesNotContain("4480.0", "600.0", "40.84");
            // the headline's spread over draws of its persons, beside the figure, and not again as two loose chips
            assertThat(page.evaluate("document.querySelector('tr[data-step=\"evaluate\"] .headline').innerText")
                    .asText()).matches("hold-out macro F1 0\\.\\d{3} \\(0\\.\\d{3} – 0\\.\\d{3}\\).*");
            assertThat(page.evaluate("document.querySelectorAll('[data-figure=\"macroF1Low\"]').length").asInt())
                    .isZero();
            assertThat(page.evaluate("document.querySelector('table.side tbody tr td:nth-child(3)').innerText")
                    .asText()).matches("0\\.\\d{3} – 0\\.\\d{3}");
            page.screenshot(SHOTS.resolve("run-page.png"));
        }
    }

    @Test
    void showsARunOnADataSetOfTheUsersOwn() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        // a step whose input is a run parameter (train-on-dataset's preprocess reads params.dataset) has no step
        // before it: the page drew nothing of such a run but its title
        store.put("it/run-page-own/train/train.csv", ("id,gender,race,age,path\n"
                + "000001,female,Asian,25,000001_female_Asian_25\n").getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put("it/run-page-own/train/images/000001_female_Asian_25/mask1.jpg",
                new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg");
        try (ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            String runId = start("train-on-dataset", Map.of("dataset", "s3://maskflow/it/run-page-own/",
                    "promote", false));
            page.open(url + "#run=" + runId);
            page.await("document.querySelector('svg.dag [data-step=\"preprocess\"]')"
                    + " && document.querySelector('#run-steps tr')", WAIT, DETAIL);
            String dag = page.evaluate("document.querySelector('svg.dag').outerHTML").asText();
            assertThat(dag).contains("data-step=\"preprocess\"", "data-step=\"train\"", "data-step=\"evaluate\"");
            given().delete("/runs/" + runId).then().statusCode(200);
        }
    }

    @Test
    void thePageRunsOnlyItsOwnScriptsAndIsNotFramedByAnotherSite() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache");
        given().get("/app.js").then().statusCode(200).header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff");
        // an artifact served back runs nothing, whatever it holds; the API's answers carry no page policy
        given().get("/runs/nosuchrun/artifacts/evaluate/reportPage").then().statusCode(404)
                .header("Content-Security-Policy", startsWith("sandbox;"));
        given().get("/runs").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void aLinkReplacesTheKeptTokenOnlyWhenTheUserSaysSo() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            String kept = "localStorage.getItem('maskflow.token')";
            page.open(url + "#token=mf_mine");
            page.await(kept + " === 'mf_mine' && !location.hash.includes('token')", WAIT, DETAIL);
            // a link with another token: the user is asked, and saying no keeps the browser's own
            page.dialogs(false);
            page.open("about:blank");
            page.open(url + "#token=mf_someone-else&run=nosuchrun");
            page.await("location.hash === '#run=nosuchrun'", WAIT, DETAIL);
            assertThat(page.dialogMessages()).singleElement().asString().contains("other than the one this browser "
                    + "keeps");
            assertThat(page.evaluate(kept).asText()).isEqualTo("mf_mine");
            // the same token again asks nothing; saying yes takes the link's
            page.open("about:blank");
            page.open(url + "#token=mf_mine");
            page.await("!location.hash.includes('token')", WAIT, DETAIL);
            assertThat(page.dialogMessages()).hasSize(1);
            page.dialogs(true);
            page.open("about:blank");
            page.open(url + "#token=mf_someone-else");
            page.await(kept + " === 'mf_someone-else'", WAIT, DETAIL);
            assertThat(page.dialogMessages()).hasSize(2);
            // an address whose escapes do not decode leaves the page working
            page.open("about:blank");
            page.open(url + "#run=%E0%A4%A");
            page.await("document.querySelector('#run-rows')", WAIT, DETAIL);
        }
    }

    @Test
    void showsWhatPreprocessingFoundWrongWithTheDataSet() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared());
                ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            StepPlayer steps = new StepPlayer(kafka);
            String runId = start("train-and-serve", Map.of("epochs", 1));
            generate(kafka, awaitCommand(steps, runId, "generate"));
            String injected = "train/images/000003_female_Asian_60/<img src=x onerror=alert(1)>.jpg";
            List<Map<String, String>> issues = new ArrayList<>(List.of(
                    issue("BAD_CSV_ROW", "train.csv line 13", "For input string: \"old\" & <b>more</b>"),
                    issue("FOLDER_DISAGREES_WITH_CSV", "train/images/000004_male_Asian_30",
                            "the folder says male, 30; its train.csv row says female, 30 (the row's are used)"),
                    issue("EXTRA_FILE", "train/images/000002_male_Asian_45/photo\u202egpj.exe",
                            "'photo\u202egpj.exe' is not a .jpg, .jpeg or .png image"),
                    issue("EXTRA_FILE", "train/images/000002_male_Asian_45/mask1.png", "a second mask1 image"),
                    issue("UNREADABLE_IMAGE", injected, "gif image, not JPEG or PNG")));
            for (int person = 10; person < 22; person++) {
                issues.add(issue("UNREADABLE_IMAGE", "train/images/0000" + person + "_male_Asian_40/mask2.jpg",
                        "truncated or corrupt: Truncated File - Missing EOI marker"));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("sources", List.of("s3://maskflow/datasets/5c0e9a/"));
            report.put("csvRows", 25);
            report.put("persons", 9);
            report.put("images", 58);
            report.put("excludedImages", 16);
            // in the order of Issue.Kind, as preprocess writes its EnumMap
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("BAD_CSV_ROW", 1);
            counts.put("FOLDER_DISAGREES_WITH_CSV", 1);
            counts.put("EXTRA_FILE", 2);
            counts.put("UNREADABLE_IMAGE", 13);
            report.put("counts", counts);
            report.put("issues", issues);
            report.put("crop", "centre");
            report.put("faceFallbacks", 0);
            report.put("fallbackImages", List.of());
            preprocess(kafka, awaitCommand(steps, runId, "preprocess"), report);

            page.open(url + "#run=" + runId);
            String section = "document.querySelector('.data-checks[data-step=\"preprocess\"]')";
            page.await(section + " && " + section + ".querySelectorAll('tr.issue').length > 0", WAIT, DETAIL);
            String text = page.evaluate(section + ".innerText").asText();
            assertThat(text).contains("Data set checks (preprocess)", "persons used 9", "images used 58",
                    "images excluded 16", "problems 17", "train.csv rows 25");
            // one group a kind, in the report's order, with how many; the first 10 of a kind, then how many more
            assertThat(page.evaluate("[..." + section + ".querySelectorAll('tbody[data-kind]')].map(b => b.dataset.kind"
                    + " + ' ' + b.querySelector('.kind').innerText + ': ' + b.querySelector('.count').innerText"
                    + " + ' / ' + b.querySelectorAll('tr.issue').length).join('|')").asText()).isEqualTo(
                    "BAD_CSV_ROW bad csv row: 1 / 1|FOLDER_DISAGREES_WITH_CSV folder disagrees with csv: 1 / 1"
                    + "|EXTRA_FILE extra file: 2 / 2|UNREADABLE_IMAGE unreadable image: 13 / 10");
            assertThat(page.evaluate(section + ".querySelector('tbody[data-kind=\"UNREADABLE_IMAGE\"] tr.more')"
                    + ".innerText").asText()).isEqualTo("and 3 more");
            assertThat(text).contains("and 3 more not listed here: see report.txt (or report.json for every one).",
                    "Data set: s3://maskflow/datasets/5c0e9a/.");
            // a user's file name and a reason are shown as text: no element made of them (a path's only elements
            // are the page's own <wbr> after each '/')
            assertThat(text).contains(injected + "\tgif image, not JPEG or PNG",
                    "train.csv line 13\tFor input string: \"old\" & <b>more</b>");
            // a bidi override in a file name is shown as its code: it cannot make "photo.exe" read as "photo.jpg"
            assertThat(text).contains("photo\\u202egpj.exe\t'photo\\u202egpj.exe' is not a .jpg, .jpeg or .png image")
                    .doesNotContain("\u202e");
            assertThat(page.evaluate(section + ".querySelectorAll('img, td.item :not(wbr), td.detail *').length")
                    .asInt()).isZero();
            assertThat(page.evaluate("[..." + section + ".querySelectorAll('td.item')].find(c => c.textContent"
                    + ".includes('onerror')).textContent").asText()).isEqualTo(injected);
            assertThat(page.evaluate(section + ".querySelector('a[data-artifact$=\"/preprocess/reportText\"]')"
                    + ".textContent").asText()).isEqualTo("report.txt");
            assertFitsTheWindow(page);
            page.evaluate(section + ".scrollIntoView()");
            page.screenshot(SHOTS.resolve("run-page-checks.png"));

            // an older report without counts, excluded images or crop, and no problems: one line says so
            String clean = start("train-and-serve", Map.of("epochs", 1));
            generate(kafka, awaitCommand(steps, clean, "generate"));
            preprocess(kafka, awaitCommand(steps, clean, "preprocess"), Map.of("csvRows", 600, "persons", 600,
                    "images", 4200, "issues", List.of()));
            page.open(url + "#run=" + clean);
            page.await("document.querySelector('#run-title') && document.querySelector('#run-title').textContent"
                    + ".includes('" + clean + "') && " + section + " && " + section + ".querySelector('.no-problems')",
                    WAIT, DETAIL);
            assertThat(page.evaluate(section + ".innerText").asText()).contains("persons used 600",
                    "images used 4,200", "images excluded 3", "problems 0", "The data set had no problems")
                    .doesNotContain("undefined", "NaN");
            assertThat(page.evaluate(section + ".querySelectorAll('tr.issue').length").asInt()).isZero();
        }
    }

    @Test
    void comparesFinishedRunsWithTheDifferingParameterHighlighted() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        try (TopicWatcher kafka = StepPlayer.watch(LocalStack.shared());
                ChromiumPage page = ChromiumPage.start(CHROMIUM, 1280, 900)) {
            StepPlayer steps = new StepPlayer(kafka);
            String slow = start("train-and-serve", Map.of("epochs", 5, "learningRate", 0.001));
            String fast = start("train-and-serve", Map.of("epochs", 5, "learningRate", 0.003));
            finish(kafka, steps, slow, 5, 0.45);
            finish(kafka, steps, fast, 5, 0.75);

            // tick the two runs in the list and press Compare
            page.open(url + "#");
            page.await("document.querySelector('input[data-pick=\"" + slow + "\"]')"
                    + " && document.querySelector('input[data-pick=\"" + fast + "\"]')", WAIT, DETAIL);
            page.evaluate("document.querySelector('input[data-pick=\"" + slow + "\"]').click();"
                    + "document.querySelector('input[data-pick=\"" + fast + "\"]').click();"
                    + "document.getElementById('compare').click()");
            page.await("document.querySelectorAll('table.per-class-compare tbody tr').length === 18", WAIT, DETAIL);
            assertThat(page.evaluate("location.hash").asText()).isEqualTo("#compare=" + slow + "," + fast);

            assertThat(page.evaluate("document.querySelector('tr[data-param=\"learningRate\"]').className").asText())
                    .isEqualTo("differs");
            assertThat(page.evaluate("document.querySelector('tr[data-param=\"learningRate\"]').innerText").asText())
                    .contains("0.001", "0.003");
            assertThat(page.evaluate("[...document.querySelectorAll('tr.differs')].map(r => r.dataset.param)"
                    + ".join()").asText()).isEqualTo("learningRate");
            assertThat(page.evaluate("document.querySelector('tr[data-param=\"epochs\"]').className").asText())
                    .isEmpty();
            // the better run's figures are the bold ones; both runs' curves are on one chart with a legend
            assertThat(page.evaluate("document.querySelector('tr[data-figure=\"macroF1\"] td.best').cellIndex")
                    .asInt()).isEqualTo(2);
            // each headline's spread over its persons, right under it
            assertThat(page.evaluate("[...document.querySelectorAll('tr[data-figure=\"macroF1Spread\"] td')]"
                    + ".map(c => c.innerText).join('|')").asText()).matches("0\\.\\d{3} – 0\\.\\d{3}\\|"
                    + "0\\.\\d{3} – 0\\.\\d{3}");
            assertThat(page.evaluate("document.querySelector('svg[data-chart=\"f1\"]').closest('figure')"
                    + ".querySelector('.legend').innerText").asText()).contains(slow, fast);
            // every epoch of each finished run, from the step's history
            for (String run : new String[] {slow, fast}) {
                assertThat(page.evaluate("document.querySelectorAll('svg[data-chart=\"f1\"] circle.point"
                        + "[data-series=\"" + run + "/train/valMacroF1\"]').length").asInt()).isEqualTo(5);
            }
            assertFitsTheWindow(page);
            page.screenshot(SHOTS.resolve("compare-runs.png"));
        }
    }

    /** Neither the page nor the run list nor the run pane has a horizontal scroll bar (in a 1280 px window). */
    private static void assertFitsTheWindow(ChromiumPage page) throws IOException {
        String parts = "['html', '#runs', '#detail'].map(s => document.querySelector(s))";
        assertThat(page.evaluate(parts + ".every(e => e.scrollWidth <= e.clientWidth)").asBoolean())
                .as("content / shown width of the page, the run list and the run: %s", page.evaluate(parts
                        + ".map(e => e.scrollWidth + '/' + e.clientWidth).join(', ')").asText()).isTrue();
    }

    // ---- playing the step services ----

    private String start(String pipeline, Map<String, Object> parameters) {
        return given().contentType("application/json").body(Map.of("pipeline", pipeline, "parameters", parameters))
                .post("/runs").then().log().ifValidationFails().statusCode(201).extract().path("runId");
    }

    /** Plays a whole train-and-serve run: generation, preprocessing, a training epoch by epoch, the evaluation. */
    private void finish(TopicWatcher kafka, StepPlayer steps, String runId, int epochs, double quality)
            throws Exception {
        generate(kafka, awaitCommand(steps, runId, "generate"));
        awaitPhase(steps, runId, "preprocess", "SUCCEEDED");
        StepCommand train = awaitCommand(steps, runId, "train");
        send(kafka, StepStatusEvent.started(train, "fake"));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            send(kafka, StepStatusEvent.progress(train, epochProgress(epoch, epochs, quality), "fake"));
        }
        send(kafka, StepStatusEvent.succeeded(train, Map.of("model", fakeRef(runId, "train")), Map.of("valMacroF1",
                quality * 0.9, "seconds", 95.0), false, "fake"));
        evaluate(kafka, awaitCommand(steps, runId, "evaluate"), quality);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"SUCCEEDED".equals(given().get("/runs/" + runId).then().extract().path("status"))) {
            assertThat(System.nanoTime()).as("run %s never succeeded", runId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void generate(TopicWatcher kafka, StepCommand c) {
        send(kafka, StepStatusEvent.started(c, "fake"));
        send(kafka, StepStatusEvent.succeeded(c, Map.of("dataset", fakeRef(c.runId(), "generate")), Map.of(
                "persons", 600.0, "evalPersons", 40.0, "images", 4480.0, "seconds", 12.3, "imagesPerSecond", 364.2),
                false, "fake"));
    }

    /** Preprocessing that stores its report (report.json and report.txt) and succeeds with it. */
    private void preprocess(TopicWatcher kafka, StepCommand c, Map<String, Object> report) throws Exception {
        String prefix = "fake/" + c.runId() + "/preprocess/";
        ArtifactRef json = store.put(prefix + "report.json", codec.mapper().writeValueAsBytes(report),
                "application/json");
        ArtifactRef text = store.put(prefix + "report.txt", "the report as text\n".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        send(kafka, StepStatusEvent.started(c, "fake"));
        send(kafka, StepStatusEvent.succeeded(c, Map.of("shards", fakeRef(c.runId(), "preprocess"), "report", json,
                "reportText", text), Map.of("persons", ((Number) report.get("persons")).doubleValue(), "images",
                ((Number) report.get("images")).doubleValue(), "excludedImages", report.containsKey("excludedImages")
                ? ((Number) report.get("excludedImages")).doubleValue() : 3.0, "problems",
                (double) ((List<?>) report.get("issues")).size(), "seconds", 4.2), false, "fake"));
    }

    private static Map<String, String> issue(String kind, String item, String detail) {
        return Map.of("kind", kind, "item", item, "detail", detail);
    }

    private void evaluate(TopicWatcher kafka, StepCommand c, double quality) throws Exception {
        FakeReport report = FakeReport.of(quality);
        ArtifactRef stored = store.put("fake/" + c.runId() + "/evaluate/report.json",
                codec.mapper().writeValueAsBytes(report.json()), "application/json");
        send(kafka, StepStatusEvent.started(c, "fake"));
        send(kafka, StepStatusEvent.succeeded(c, Map.of("report", stored), report.metrics(), false, "fake"));
    }

    /** The figures of one epoch, as the trainer sends them: better with each epoch, and with the quality. */
    private static Progress epochProgress(int epoch, int epochs, double quality) {
        double learnt = 1 - Math.exp(-epoch / 2.0);
        Map<String, Double> m = Map.of("loss", 2.4 - 1.6 * learnt * quality, "valLoss", 2.5 - 1.3 * learnt * quality,
                "trainMacroF1", 0.1 + 0.85 * learnt * quality, "valMacroF1", 0.08 + 0.75 * learnt * quality,
                "maskAccuracy", 0.5 + 0.45 * learnt, "genderAccuracy", 0.6 + 0.3 * learnt, "ageAccuracy",
                0.4 + 0.3 * learnt, "imagesPerSecond", 40.84, "learningRate", 0.003, "etaSeconds",
                (epochs - epoch) * 26.5);
        return new Progress("epoch", epoch, epochs, "epoch " + epoch, m);
    }

    private static ArtifactRef fakeRef(String runId, String stepId) {
        return new ArtifactRef("maskflow", "fake/" + runId + "/" + stepId, 1, "b".repeat(64));
    }

    private void send(TopicWatcher kafka, StepStatusEvent event) {
        kafka.send(Topics.STEPS_EVENTS, event.runId(), codec.encode(event));
    }

    private StepCommand awaitCommand(StepPlayer steps, String runId, String stepId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (StepCommand c : steps.commandsOf(runId)) {
                if (c.stepId().equals(stepId)) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no command for step " + stepId + " of " + runId);
    }

    /** Answers commands of {@code stepId} until the run shows it in {@code phase}. */
    private void awaitPhase(StepPlayer steps, String runId, String stepId, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            steps.answer(c -> c.runId().equals(runId) && c.stepId().equals(stepId));
            String now = given().get("/runs/" + runId).then().extract().path("steps." + stepId + ".phase");
            if (phase.equals(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("step " + stepId + " of " + runId + " never became " + phase);
    }
}
