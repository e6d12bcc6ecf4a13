package io.maskflow.contracts.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.StepType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecTest {

    private static StepSpec step(String id, StepType type, Map<String, String> inputs) {
        return new StepSpec(id, type, Map.of(), inputs, 1, Duration.ofMinutes(10), true);
    }

    @Test
    void ordersStepsAfterTheirInputs() {
        RunSpec spec = new RunSpec("kfold", "run-1", Map.of(), List.of(
                step("evaluate", StepType.EVALUATE, Map.of("a", "train-0.model", "b", "train-1.model")),
                step("train-0", StepType.TRAIN, Map.of("shards", "prep.shards")),
                step("train-1", StepType.TRAIN, Map.of("shards", "prep.shards")),
                step("prep", StepType.PREPROCESS, Map.of("data", "gen.dataset")),
                step("gen", StepType.DATAGEN, Map.of())));
        assertThat(spec.topologicalOrder()).containsExactly("gen", "prep", "train-0", "train-1", "evaluate");
        assertThat(spec.dependenciesOf("evaluate")).containsExactly("train-0", "train-1");
    }

    @Test
    void refusesACycleNamingItsSteps() {
        assertThatThrownBy(() -> new RunSpec("p", "run-1", Map.of(), List.of(
                step("gen", StepType.DATAGEN, Map.of()),
                step("a", StepType.TRAIN, Map.of("x", "b.model", "y", "gen.dataset")),
                step("b", StepType.TRAIN, Map.of("x", "a.model")))))
                .hasMessage("pipeline 'p' has a cycle through steps [a, b]");
    }

    @Test
    void refusesInputsFromMissingStepsAndDuplicateIds() {
        assertThatThrownBy(() -> new RunSpec("p", "run-1", Map.of(), List.of(
                step("train", StepType.TRAIN, Map.of("shards", "prep.shards")))))
                .hasMessageContaining("from step 'prep', which does not exist");
        assertThatThrownBy(() -> new RunSpec("p", "run-1", Map.of(), List.of(
                step("a", StepType.TRAIN, Map.of()), step("a", StepType.TRAIN, Map.of()))))
                .hasMessageContaining("two steps with id 'a'");
        assertThatThrownBy(() -> step("a", StepType.TRAIN, Map.of("x", "nodot")))
                .hasMessageContaining("<stepId>.<output>");
        assertThatThrownBy(() -> new RunSpec("p", "run-1", Map.of(), List.of()))
                .hasMessageContaining("no steps");
    }
}
