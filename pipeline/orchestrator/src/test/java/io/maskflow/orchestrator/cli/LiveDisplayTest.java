package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveDisplayTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private JsonNode run(long persons, String trainPhase, int epoch) throws Exception {
        String train = trainPhase.equals("RUNNING") && epoch > 0 ? """
                "progress": {"phase": "epoch", "done": %d, "total": 5, "metrics": {"loss": 0.8123,
                  "trainMacroF1": 0.61, "valMacroF1": 0.55, "maskAccuracy": 0.99, "genderAccuracy": 0.83,
                  "ageAccuracy": 0.88, "imagesPerSecond": 410.2, "etaSeconds": 161}},""".formatted(epoch) : "";
        return json.readTree("""
                {"runId": "r1", "pipeline": "train-and-serve", "status": "RUNNING", "version": %d,
                 "createdAt": "2026-12-01T10:00:00Z",
                 "steps": {
                   "generate": {"phase": "RUNNING", "attempt": 1, "startedAt": "2026-12-01T10:00:00Z",
                     "progress": {"phase": "persons", "done": %d, "total": 600, "metrics": {}}},
                   "train": {"phase": "%s", "attempt": 1, %s "startedAt": "2026-12-01T10:00:00Z"}}}
                """.formatted(persons + epoch, persons, trainPhase, train));
    }

    private String printed() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return text;
    }

    @Test
    void aTerminalGetsTheBlockRedrawnInPlaceWithBarsFiguresAndEta() throws Exception {
        LiveDisplay display = new LiveDisplay(out, true, 200, clock, Duration.ofSeconds(5));
        display.show(run(100, "WAITING", 0));
        String first = printed();
        assertThat(first).doesNotContain("\u001b[3F")
                .contains("\u001b[2K  generate    running     [###.................] 100/600 persons");
        clock.now = T0.plusSeconds(10);
        display.show(run(300, "RUNNING", 2));
        String second = printed();
        // back up the three lines drawn before, then draw them again
        assertThat(second).startsWith("\u001b[3F").contains("300/600 persons",
                "20.0 persons/s", "ETA 15 s", "[########............] 2/5 epochs  F1 val 0.550 train 0.610  "
                        + "loss 0.812  ETA 2 min 41 s  410 images/s  acc mask 0.99 gender 0.83 age 0.88",
                "run r1  train-and-serve  RUNNING  10 s");
        // three lines, then "clear below" for a block that got shorter
        assertThat(second.split("\n")).hasSize(4);
        assertThat(second).endsWith("\u001b[J");
    }

    @Test
    void aTerminalLineIsCutToTheWidthSoThatRedrawingNeverWraps() throws Exception {
        LiveDisplay display = new LiveDisplay(out, true, 60, clock, Duration.ofSeconds(5));
        display.show(run(300, "RUNNING", 2));
        for (String line : printed().split("\n")) {
            assertThat(line.replaceAll("\u001b\\[[0-9]*[A-Za-z]", "")).hasSizeLessThanOrEqualTo(60);
        }
    }

    @Test
    void plainOutputAppendsAStepLineWhenItsPhaseChangesOrEveryFewSecondsWhileItMoves() throws Exception {
        LiveDisplay display = new LiveDisplay(out, false, 80, clock, Duration.ofSeconds(5));
        display.show(run(100, "WAITING", 0));
        String first = printed();
        assertThat(first).doesNotContain("\u001b").contains("[0 s] run r1  train-and-serve  RUNNING",
                "[0 s] generate    running", "[0 s] train       waiting").hasLineCount(3);

        clock.now = T0.plusSeconds(2);
        display.show(run(150, "WAITING", 0));
        assertThat(printed()).as("moved, but within 5 s of its last line").isEmpty();

        clock.now = T0.plusSeconds(6);
        display.show(run(200, "RUNNING", 1));
        assertThat(printed()).as("generate is due; train changed phase").contains("[6 s] generate    running",
                "200/600 persons", "[6 s] train       running", "1/5 epochs").hasLineCount(2);
    }

    @Test
    void aTrialStoppedEarlySaysWhy() throws Exception {
        LiveDisplay display = new LiveDisplay(out, false, 200, clock, Duration.ofSeconds(5));
        display.show(json.readTree("""
                {"runId": "s1", "pipeline": "search", "status": "RUNNING", "version": 1,
                 "createdAt": "2026-12-01T10:00:00Z",
                 "steps": {"trial-2": {"phase": "PRUNED", "attempt": 1, "pruned": "stopped by successive halving at
                 epoch 2"}}}
                """.replace("at\n ", "at ")));
        assertThat(printed()).contains("trial-2     pruned     : stopped by successive halving at epoch 2");
    }

    @Test
    void figuresReadAsAPersonReadsThem() {
        assertThat(Figures.duration(Duration.ofSeconds(161))).isEqualTo("2 min 41 s");
        assertThat(Figures.duration(Duration.ofSeconds(4000))).isEqualTo("1 h 06 min");
        assertThat(Figures.named("images", 600.0)).isEqualTo("600");
        assertThat(Figures.named("imagesPerSecond", 40.84)).isEqualTo("40.8/s");
        assertThat(Figures.labelled("imagesPerSecond", 40.84)).isEqualTo("40.8 images/s");
        assertThat(Figures.labelled("persons", 600)).isEqualTo("persons 600");
        assertThat(Figures.named("valMacroF1", 0.51237)).isEqualTo("0.512");
        assertThat(Figures.named("trainSeconds", 163.2)).isEqualTo("2 min 43 s");
        assertThat(LiveDisplay.bar(0, 0)).isEqualTo("[                    ]");
        assertThat(LiveDisplay.bar(7, 7)).isEqualTo("[####################]");
    }
}
