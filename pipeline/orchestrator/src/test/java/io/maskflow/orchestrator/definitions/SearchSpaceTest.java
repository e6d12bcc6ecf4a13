package io.maskflow.orchestrator.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.params.TrainParams;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    @Test
    void aGridTakesEveryCombinationWithTheFirstFieldVaryingSlowest() {
        List<Map<String, Object>> trials = SearchSpace.trials(Map.of("architecture", List.of("a", "b"),
                "learningRate", List.of(0.1, 0.2, 0.3), "loss", "focal"), "grid", null, 1);
        assertThat(trials).hasSize(6);
        assertThat(trials.get(0)).containsEntry("learningRate", 0.1).containsEntry("loss", "focal");
        assertThat(trials).extracting(t -> t.get("architecture") + "/" + t.get("learningRate"))
                .containsExactlyInAnyOrder("a/0.1", "a/0.2", "a/0.3", "b/0.1", "b/0.2", "b/0.3");
    }

    @Test
    void randomTrialsComeFromTheRangesAndTheSameSeedDrawsTheSameTrials() {
        Map<String, Object> space = new java.util.LinkedHashMap<>();
        space.put("architecture", List.of("compact-cnn", "convnext-nano"));
        space.put("learningRate", Map.of("logUniform", List.of(0.0001, 0.01)));
        space.put("colorJitter", Map.of("uniform", List.of(0.1, 0.3)));
        List<Map<String, Object>> trials = SearchSpace.trials(space, "random", 40, 7);
        assertThat(trials).hasSize(40);
        assertThat(trials).allSatisfy(t -> {
            assertThat((Double) t.get("learningRate")).isBetween(0.0001, 0.01);
            assertThat((Double) t.get("colorJitter")).isBetween(0.1, 0.3);
            assertThat(t.get("architecture")).isIn("compact-cnn", "convnext-nano");
        });
        // log-uniform: about as many draws below 0.001 (the geometric middle) as above it
        long low = trials.stream().filter(t -> (Double) t.get("learningRate") < 0.001).count();
        assertThat(low).isBetween(10L, 30L);
        assertThat(trials.stream().map(t -> t.get("architecture")).distinct()).hasSize(2);
        assertThat(SearchSpace.trials(space, "random", 40, 7)).isEqualTo(trials);
        assertThat(SearchSpace.trials(space, "random", 40, 8)).isNotEqualTo(trials);
    }

    @Test
    void aRangeOverAWholeNumberParameterDrawsWholeNumbersTheStepTakes() {
        List<Map<String, Object>> trials = SearchSpace.trials(Map.of("batchSize", Map.of("uniform", List.of(16, 64))),
                "random", 20, 7);
        assertThat(trials).allSatisfy(t -> {
            assertThat(t.get("batchSize")).isInstanceOf(Long.class);
            assertThat((Long) t.get("batchSize")).isBetween(16L, 64L);
            // a fraction would be refused: "batchSize must be a whole number"
            assertThat(StepParameters.bind(t, TrainParams.DEFAULTS).batchSize()).isEqualTo(((Long) t.get("batchSize"))
                    .intValue());
        });
    }

    @Test
    void aSmallSpaceOfChoicesIsNotDrawnTwiceWhileItHasCombinationsLeft() {
        List<Map<String, Object>> trials = SearchSpace.trials(Map.of("a", List.of(1, 2), "b", List.of(3, 4)),
                "random", 4, 1);
        assertThat(trials).doesNotHaveDuplicates();
    }

    @Test
    void namesWhatIsWrongWithASpace() {
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("learningRate", Map.of("uniform", List.of(0.1, 0.2))),
                "grid", null, 1)).hasMessageContaining("grid search needs a list of values for 'learningRate'");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("a", List.of(1)), "bayes", 3, 1))
                .hasMessageContaining("method must be grid or random, got 'bayes'");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("a", List.of(1)), "random", 0, 1))
                .hasMessageContaining("trials from 1 to 100");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("a", List.of()), "random", 3, 1))
                .hasMessageContaining("no values for 'a'");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("lr", Map.of("normal", List.of(0.1, 0.2))), "random", 3,
                1)).hasMessageContaining("must be uniform or logUniform, got 'normal'");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("lr", Map.of("logUniform", List.of(0, 0.2))), "random",
                3, 1)).hasMessageContaining("must be above 0");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("lr", Map.of("uniform", List.of(0.3, 0.2))), "random",
                3, 1)).hasMessageContaining("low ≤ high");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of(), "random", 3, 1)).hasMessageContaining("needs a space");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("a", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                "b", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), "grid", null, 1)).hasMessageContaining("more than 100");
    }

    @Test
    void aHugeGridIsRefusedBeforeAnyCombinationIsBuilt() {
        // 3,000,000 epochs values used to become 3,000,000 maps (~500 MB) before the count was checked
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> SearchSpace.trials(Map.of("epochs", Collections.nCopies(Integer.MAX_VALUE, 1)),
                    "grid", null, 1)).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("the grid has 2147483647 combinations, more than 100");
            Map<String, Object> overflowing = new java.util.LinkedHashMap<>();
            for (String name : List.of("a", "b", "c")) {
                overflowing.put(name, Collections.nCopies(Integer.MAX_VALUE, 1));
            }
            assertThatThrownBy(() -> SearchSpace.trials(overflowing, "grid", null, 1))
                    .hasMessageContaining("over 9223372036854775807 combinations");
        });
        assertThat(SearchSpace.trials(Map.of("a", Collections.nCopies(100, 1)), "grid", null, 1)).hasSize(100);
    }

    @Test
    void aRangeMustHaveFiniteBounds() {
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("learningRate", Map.of("uniform", List.of(-1e308, 1e308))),
                "random", 3, 1)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("the range of 'learningRate' needs finite bounds");
        assertThatThrownBy(() -> SearchSpace.trials(Map.of("lr", Map.of("uniform",
                List.of(0, Double.POSITIVE_INFINITY))), "random", 3, 1))
                .hasMessageContaining("'lr' needs finite bounds");
    }
}
