package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.labels.Label;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleTest {

    private static final ArtifactRef A = new ArtifactRef("b", "m/a.zip", 1, "a".repeat(64));
    private static final ArtifactRef B = new ArtifactRef("b", "m/b.zip", 1, "b".repeat(64));
    private static final ArtifactRef C = new ArtifactRef("b", "m/c.zip", 1, "c".repeat(64));

    /** One image's 18 probabilities from independent heads: P(m) · P(g) · P(a). */
    private static float[][] heads(float[] mask, float[] gender, float[] age) {
        float[][] out = new float[1][Label.CLASSES];
        for (int c = 0; c < Label.CLASSES; c++) {
            out[0][c] = mask[c / 6] * gender[(c / 3) % 2] * age[c % 3];
        }
        return out;
    }

    /** One image's 18 probabilities from a single 18-way head: no independence between the heads. */
    private static float[][] joint(long seed) {
        Random random = new Random(seed);
        float[][] out = new float[1][Label.CLASSES];
        float sum = 0;
        for (int c = 0; c < Label.CLASSES; c++) {
            out[0][c] = random.nextFloat();
            sum += out[0][c];
        }
        for (int c = 0; c < Label.CLASSES; c++) {
            out[0][c] /= sum;
        }
        return out;
    }

    @Test
    void aPerHeadEnsembleMultipliesEachHeadOfItsOwnMember() {
        // a is sure of the mask (1 = incorrect), b of the gender (1 = female), c of the age (2 = old); each is unsure
        // of the rest, so only the per-head product gets all three right
        float[][] a = heads(new float[] {0.1f, 0.8f, 0.1f}, new float[] {0.6f, 0.4f}, new float[] {0.5f, 0.3f, 0.2f});
        float[][] b = heads(new float[] {0.5f, 0.2f, 0.3f}, new float[] {0.1f, 0.9f}, new float[] {0.4f, 0.4f, 0.2f});
        float[][] c = heads(new float[] {0.6f, 0.2f, 0.2f}, new float[] {0.7f, 0.3f}, new float[] {0.1f, 0.2f, 0.7f});
        Ensemble ensemble = Ensemble.perHead(64, Map.of("mask", A, "gender", B, "age", C));
        float[][] p = ensemble.combine(List.of(a, b, c));

        int incorrectFemaleOld = 6 * 1 + 3 * 1 + 2;
        assertThat(Votes.argMax(p[0])).isEqualTo(incorrectFemaleOld);
        assertThat(p[0][incorrectFemaleOld]).isCloseTo(0.8f * 0.9f * 0.7f, within(1e-5f));
        assertThat(p[0][0]).isCloseTo(0.1f * 0.1f * 0.1f, within(1e-5f));
        float sum = 0;
        for (float v : p[0]) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
        assertThat(Votes.argMax(Votes.soft(List.of(a, b, c))[0])).as("a soft vote of the same three")
                .isNotEqualTo(incorrectFemaleOld);
    }

    @Test
    void marginalsAreSumsOfTheEighteenProbabilitiesForSingleAndThreeHeadMembers() {
        float[][] three = heads(new float[] {0.2f, 0.3f, 0.5f}, new float[] {0.25f, 0.75f},
                new float[] {0.6f, 0.1f, 0.3f});
        assertThat(Ensemble.marginals(three, 0)[0]).containsExactly(new float[] {0.2f, 0.3f, 0.5f}, within(1e-6f));
        assertThat(Ensemble.marginals(three, 1)[0]).containsExactly(new float[] {0.25f, 0.75f}, within(1e-6f));
        assertThat(Ensemble.marginals(three, 2)[0]).containsExactly(new float[] {0.6f, 0.1f, 0.3f}, within(1e-6f));
        // a three-head member is its own factorisation
        assertThat(Ensemble.factorised(three)[0]).containsExactly(three[0], within(1e-6f));

        float[][] single = joint(3);
        float female = 0;
        for (int c = 0; c < Label.CLASSES; c++) {
            female += (c / 3) % 2 == 1 ? single[0][c] : 0;
        }
        assertThat(Ensemble.marginals(single, 1)[0][1]).isCloseTo(female, within(1e-6f));
        float young = 0;
        for (int c = 0; c < Label.CLASSES; c += 3) {
            young += single[0][c];
        }
        assertThat(Ensemble.marginals(single, 2)[0][0]).isCloseTo(young, within(1e-6f));
        // one member for every head: its factorisation
        Ensemble alone = Ensemble.perHead(64, Map.of("mask", A, "gender", A, "age", A));
        assertThat(alone.members()).containsExactly(A);
        assertThat(alone.combine(List.<float[][]>of(single))[0]).containsExactly(Ensemble.factorised(single)[0],
                within(1e-6f));
    }

    @Test
    void aModelChosenForSeveralHeadsIsOneMemberAndTheChoiceSurvivesTheFile() throws Exception {
        Ensemble ensemble = Ensemble.perHead(48, Map.of("mask", B, "gender", A, "age", B));
        assertThat(ensemble.members()).containsExactly(B, A);
        assertThat(ensemble.heads()).containsExactly(Map.entry("mask", 0), Map.entry("gender", 1),
                Map.entry("age", 0));
        Ensemble read = Ensemble.read(ensemble.toJson());
        assertThat(read).isEqualTo(ensemble);
        assertThat(read.memberFor("gender")).isEqualTo(A);
        assertThat(read.memberFor("age")).isEqualTo(B);
    }

    @Test
    void aFileFromBeforePerHeadEnsemblesStillLoadsAndVotesAreWrittenAsBefore() throws Exception {
        String old = """
                {
                  "format" : "maskflow-ensemble/1",
                  "vote" : "soft",
                  "imageSize" : 64,
                  "members" : [ {"bucket" : "b", "key" : "m/a.zip", "size" : 1, "sha256" : "%s"},
                    {"bucket" : "b", "key" : "m/b.zip", "size" : 1, "sha256" : "%s"} ]
                }""".formatted("a".repeat(64), "b".repeat(64));
        Ensemble read = Ensemble.read(old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.vote()).isEqualTo("soft");
        assertThat(read.members()).containsExactly(A, B);
        assertThat(read.heads()).isNull();
        assertThat(new String(Ensemble.of("hard", 64, List.of(A, B)).toJson(), StandardCharsets.UTF_8))
                .doesNotContain("heads");
        float[][] a = joint(1);
        float[][] b = joint(2);
        assertThat(read.combine(List.of(a, b))[0]).containsExactly(Votes.soft(List.of(a, b))[0], within(0f));
    }

    @Test
    void refusesAPerHeadEnsembleThatDoesNotNameAMemberForEveryHead() {
        assertThatThrownBy(() -> new Ensemble(Ensemble.FORMAT, "per-head", 64, List.of(A, B), null))
                .hasMessageContaining("names a member for each of [mask, gender, age]");
        assertThatThrownBy(() -> new Ensemble(Ensemble.FORMAT, "per-head", 64, List.of(A, B), Map.of("mask", 0,
                "gender", 1, "age", 2))).hasMessageContaining("names member 2");
        assertThatThrownBy(() -> new Ensemble(Ensemble.FORMAT, "per-head", 64, List.of(A, B, C), Map.of("mask", 0,
                "gender", 1, "age", 1))).hasMessageContaining("every member");
        assertThatThrownBy(() -> new Ensemble(Ensemble.FORMAT, "soft", 64, List.of(A, B), Map.of("mask", 0,
                "gender", 1, "age", 1))).hasMessageContaining("only a per-head");
        assertThatThrownBy(() -> Ensemble.of("soft", 64, List.of(A))).hasMessageContaining("at least two");
        assertThatThrownBy(() -> Ensemble.of("average", 64, List.of(A, B))).hasMessageContaining("per-head");
        assertThatThrownBy(() -> Ensemble.perHead(64, Map.of("mask", A, "gender", B)))
                .hasMessageContaining("age head");
    }
}
