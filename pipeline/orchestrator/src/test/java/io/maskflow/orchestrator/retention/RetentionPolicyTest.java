package io.maskflow.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.engine.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static RunState run(String id, String pipeline, RunStatus status, int daysAgo) {
        RunState run = new RunState();
        run.runId = id;
        run.pipeline = pipeline;
        run.status = status;
        run.createdAt = NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(60);
        run.finishedAt = status.isFinal() ? NOW.minus(Duration.ofDays(daysAgo)) : null;
        return run;
    }

    private final List<RunState> runs = new ArrayList<>(List.of(
            run("t1", "train-and-serve", RunStatus.SUCCEEDED, 100),
            run("t2", "train-and-serve", RunStatus.FAILED, 40),
            run("t3", "train-and-serve", RunStatus.SUCCEEDED, 10),
            run("t4", "train-and-serve", RunStatus.RUNNING, 200),
            run("s1", "sweep", RunStatus.SUCCEEDED, 50),
            run("s2", "sweep", RunStatus.CANCELLED, 5),
            run("s3", "sweep", RunStatus.SUCCEEDED, 1)));

    @Test
    void withoutRulesNothingIsChosen() {
        RetentionPolicy none = new RetentionPolicy(RetentionPolicy.Rule.NONE, Map.of());
        assertThat(none.deletesAnything()).isFalse();
        assertThat(none.select(runs, NOW)).isEmpty();
    }

    @Test
    void maxAgeChoosesFinishedRunsThatEndedLongerAgoAndNeverAnUnfinishedOne() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionPolicy.Rule(Optional.of(Duration.ofDays(30)),
                OptionalInt.empty()), Map.of());
        assertThat(policy.select(runs, NOW)).containsOnlyKeys("t1", "t2", "s1");
        assertThat(policy.select(runs, NOW).get("t1")).startsWith("finished 2026-08-23").endsWith("ago");
    }

    @Test
    void keepLastCountsTheFinishedRunsOfEachPipelineNewestFirst() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionPolicy.Rule(Optional.empty(), OptionalInt.of(1)),
                Map.of());
        assertThat(policy.select(runs, NOW).keySet()).containsExactly("t1", "s1", "t2", "s2");
        assertThat(policy.select(runs, NOW).get("s2")).isEqualTo("not among the newest 1 finished run(s) of sweep");
    }

    @Test
    void aPipelinesOwnRuleReplacesTheDefaultFieldByField() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionPolicy.Rule(Optional.of(Duration.ofDays(30)),
                OptionalInt.empty()), RetentionPolicy.pipelineRules("{\"sweep\": {\"keepLast\": 2}}"));
        // sweep: keep the newest 2 and still nothing older than 30 days; train-and-serve: 30 days only
        assertThat(policy.select(runs, NOW)).containsOnlyKeys("t1", "t2", "s1");
        policy = new RetentionPolicy(RetentionPolicy.Rule.NONE,
                RetentionPolicy.pipelineRules("{\"sweep\": {\"maxAge\": \"3d\"}}"));
        assertThat(policy.select(runs, NOW)).containsOnlyKeys("s1", "s2");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RetentionPolicy.pipelineRules("{\"sweep\": {\"keep\": 2}}"))
                .hasMessageContaining("maskflow.retention.pipelines.sweep has an unknown field 'keep'");
        assertThatThrownBy(() -> RetentionPolicy.pipelineRules("{\"sweep\": {\"keepLast\": \"2\"}}"))
                .hasMessageContaining("keepLast must be a whole number");
        assertThatThrownBy(() -> RetentionPolicy.pipelineRules("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RetentionPolicy.pipelineRules("{oops")).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> RetentionPolicy.duration("a month", "maskflow.retention.max-age"))
                .hasMessageContaining("maskflow.retention.max-age must be a duration");
        assertThatThrownBy(() -> new RetentionPolicy.Rule(Optional.empty(), OptionalInt.of(-1)))
                .hasMessageContaining("keepLast must be 0 or more");
        assertThat(RetentionPolicy.duration("30d", "x")).isEqualTo(Duration.ofDays(30));
        assertThat(RetentionPolicy.duration("P2DT3H", "x")).isEqualTo(Duration.ofHours(51));
    }

    @Test
    void aMaxAgeBeyondAHundredYearsIsRefusedNamingTheValueNotOverflowed() {
        for (String huge : List.of("999999999999999d", "9223372036854775807s", "99999999999999999999d",
                "36526d", "P36526D")) {
            assertThatThrownBy(() -> RetentionPolicy.duration(huge, "maxAge")).as(huge)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxAge must be at most 100 years").hasMessageContaining(huge);
        }
        assertThatThrownBy(() -> new RetentionPolicy.Rule(Optional.of(Duration.ofSeconds(Long.MAX_VALUE)),
                OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 years");
        RetentionPolicy longest = new RetentionPolicy(new RetentionPolicy.Rule(Optional.of(RetentionPolicy.duration(
                "36525d", "maxAge")), OptionalInt.empty()), Map.of());
        assertThat(longest.select(runs, NOW)).isEmpty();
    }

    @Test
    void aRunOwnsWholePrefixesOfTheLayoutAndNothingElse() {
        assertThat(RunReferences.prefixOf("steps/train/abc/model.zip")).contains("steps/train/abc/");
        assertThat(RunReferences.prefixOf("steps/train/abc/attempt-2/epoch-3.zip")).contains("steps/train/abc/");
        assertThat(RunReferences.prefixOf("datasets/d1/maskflow-dataset.json")).contains("datasets/d1/");
        assertThat(RunReferences.prefixOf("datasets/imported/c1/maskflow-dataset.json"))
                .contains("datasets/imported/c1/");
        assertThat(RunReferences.prefixOf("blobs/sha256/ab/abcd/dataset/x.jpg")).contains("blobs/sha256/ab/abcd/");
        assertThat(RunReferences.prefixOf("steps/train/model.zip")).isEmpty();
        assertThat(RunReferences.prefixOf("models/promoted.json")).isEmpty();
        assertThat(RunReferences.prefixOf("fake/run/train")).isEmpty();
        assertThat(RunReferences.prefixOf("steps//x/y")).isEmpty();
    }
}
