package io.maskflow.orchestrator.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped definitions resolve to the DAGs in {@code src/test/resources/golden}. After a deliberate change,
 * refresh them with {@code mvn -pl pipeline/orchestrator test -Dtest=DefinitionsTest -Dgolden.update=true} and
 * review the diff.
 */
class DefinitionsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = EventCodec.instance().mapper().copy()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static List<String> shipped() {
        return PipelineCatalog.SHIPPED;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void shippedDefinitionsResolveToTheirGoldenDags(String name) throws Exception {
        PipelineDefinition definition = PipelineCatalog.load(Optional.empty()).get(name);
        RunSpec spec = DefinitionResolver.resolve(definition, Map.of(), "golden-run");
        String actual = JSON.writeValueAsString(Map.of("order", spec.topologicalOrder(), "steps", spec.steps(),
                "parameters", spec.parameters(), "outputs", definition.outputs())) + "\n";
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    @Test
    void kfoldRunsOneTrainerPerFoldAndTheEnsembleTakesThemAll() {
        PipelineDefinition kfold = PipelineCatalog.load(Optional.empty()).get("kfold-ensemble");
        RunSpec spec = DefinitionResolver.resolve(kfold, Map.of("folds", 3), "r1");
        assertThat(spec.steps()).extracting(s -> s.id())
                .containsExactly("generate", "preprocess", "train-0", "train-1", "train-2", "evaluate");
        assertThat(spec.step("train-2").parameters()).containsEntry("validationFold", 2);
        assertThat(spec.step("evaluate").inputs()).containsEntry("model-0", "train-0.model")
                .containsEntry("model-2", "train-2.model").containsEntry("shards", "preprocess.shards");
        assertThat(spec.dependenciesOf("evaluate")).containsExactlyInAnyOrder("generate", "preprocess", "train-0",
                "train-1", "train-2");
    }

    @Test
    void overridesAreTypeChecked() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-and-serve");
        assertThat(DefinitionResolver.resolve(def, Map.of("epochs", 2.0), "r").step("train").parameters())
                .containsEntry("epochs", 2);
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epochs", "two"), "r"))
                .hasMessage("parameter 'epochs' must be int, got 'two'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epocs", 2), "r"))
                .hasMessageContaining("has no parameter 'epocs'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epochs", 0), "r"))
                .hasMessageContaining("step 'train'").hasMessageContaining("epochs must be between 1");
    }

    private static final String GOOD = """
            name: t
            parameters:
              n: {type: int, default: 3}
            steps:
              - id: a
                service: datagen
                parameters:
                  persons: ${params.n}
              - id: b
                service: preprocess
                inputs:
                  dataset: a.dataset
            """;

    @Test
    void loadsAValidDefinition() {
        PipelineDefinition def = DefinitionLoader.parse(GOOD);
        assertThat(def.steps()).hasSize(2);
        assertThat(DefinitionResolver.resolve(def, Map.of("n", 9), "r").step("a").parameters())
                .containsEntry("persons", 9);
    }

    @Test
    void namesWhatIsWrongWithABadDefinition() {
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("service: datagen", "service: painter")))
                .hasMessageContaining("step 'a'").hasMessageContaining("unknown service 'painter'");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("${params.n}", "${params.m}")))
                .hasMessageContaining("'${params.m}' names no declared parameter");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("a.dataset", "z.dataset")))
                .hasMessageContaining("from step 'z', which does not exist");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("persons: ${params.n}", "persons: lots")))
                .hasMessageContaining("step 'a'").hasMessageContaining("persons");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("{type: int, default: 3}",
                "{type: int, default: three}"))).hasMessageContaining("is int but its default 'three' is not");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("service: datagen",
                "service: datagen\n    colour: red"))).hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("service: datagen",
                "service: datagen\n    timeout: soon"))).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DefinitionLoader.parse("name: t\nsteps: [")).hasMessageContaining("not valid YAML");
        String cycle = """
                name: c
                steps:
                  - id: a
                    service: train
                    inputs: {shards: b.shards}
                  - id: b
                    service: preprocess
                    inputs: {dataset: a.model}
                """;
        assertThatThrownBy(() -> DefinitionLoader.parse(cycle)).hasMessageContaining("cycle through steps [a, b]");
    }
}
