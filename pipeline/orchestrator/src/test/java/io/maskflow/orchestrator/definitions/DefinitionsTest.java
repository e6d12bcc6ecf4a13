package io.maskflow.orchestrator.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.Halving;
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
        Map<String, Object> given = name.equals("train-on-dataset") ? Map.of("dataset", "datasets/golden/")
                : name.equals("mask-faces") ? Map.of("faces", "datasets/faces/") : Map.of();
        RunSpec spec = DefinitionResolver.resolve(definition, given, "golden-run", DATASETS);
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
        // a map was shown as Java prints it: got '{a=1}'
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epochs", Map.of("a", List.of(1, "x"))), "r"))
                .hasMessage("parameter 'epochs' must be int, got '{\"a\":[1,\"x\"]}'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epocs", 2), "r"))
                .hasMessageContaining("has no parameter 'epocs'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("epochs", 0), "r"))
                .hasMessageContaining("step 'train'").hasMessageContaining("epochs must be between 1");
    }

    /**
     * A list a step repeats over that is empty or too long is named in the reason; an empty one was reported as a
     * later step's input matching no step, and a long one named the step by its unfilled template.
     */
    @Test
    void anEmptyOrTooLongListToRepeatOverIsNamed() {
        PipelineCatalog catalog = PipelineCatalog.load(Optional.empty());
        assertThatThrownBy(() -> DefinitionResolver.resolve(catalog.get("sweep"), Map.of("learningRates",
                java.util.List.of()), "r")).hasMessageContaining("${params.learningRates}, which is an empty list");
        assertThatThrownBy(() -> DefinitionResolver.resolve(catalog.get("per-head"), Map.of("architectures",
                java.util.List.of()), "r")).hasMessageContaining("which is an empty list");
        java.util.List<Double> many = java.util.Collections.nCopies(101, 0.001);
        assertThatThrownBy(() -> DefinitionResolver.resolve(catalog.get("sweep"), Map.of("learningRates", many),
                "r")).hasMessageContaining("repeats for each of ${params.learningRates}")
                .hasMessageContaining("got a list of 101 values");
    }

    /** Finds every data set, as a manifest beside the given key. */
    private static final DatasetLocator DATASETS = (value, kind) -> new ArtifactRef("maskflow", value
            + "maskflow-dataset.json", 10, "a".repeat(64));

    @Test
    void everyShippedPipelineTakesADataSetInsteadOfGeneratingOne() {
        PipelineCatalog catalog = PipelineCatalog.load(Optional.empty());
        for (String name : PipelineCatalog.SHIPPED.stream().filter(n -> !n.equals("mask-faces")).toList()) {
            RunSpec spec = DefinitionResolver.resolve(catalog.get(name), Map.of("dataset", "s3://mine/real/"), "r",
                    DATASETS);
            assertThat(spec.steps()).as(name).noneMatch(s -> s.step() == io.maskflow.contracts.StepType.DATAGEN);
            assertThat(spec.step("preprocess").inputs()).as(name).containsEntry("dataset", "params.dataset");
            assertThat(spec.artifacts().get("dataset").key()).isEqualTo("s3://mine/real/maskflow-dataset.json");
            assertThat(spec.dependenciesOf("preprocess")).as(name).isEmpty();
        }
        RunSpec generated = DefinitionResolver.resolve(catalog.get("train-and-serve"), Map.of(), "r", DATASETS);
        assertThat(generated.step("preprocess").inputs()).containsEntry("dataset", "generate.dataset");
        assertThat(generated.step("evaluate").inputs()).containsEntry("eval", "generate.dataset");
    }

    @Test
    void trainAndServeScoresPersonsOfAnotherStyleOnlyWhenAsked() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-and-serve");
        RunSpec plain = DefinitionResolver.resolve(def, Map.of(), "r", DATASETS);
        assertThat(plain.steps()).noneMatch(s -> s.id().equals("generate-held-out-style"));
        assertThat(plain.step("evaluate").inputs()).doesNotContainKey("heldOutStyle");
        RunSpec spec = DefinitionResolver.resolve(def, Map.of("style", "classic", "heldOutStyle", "snapshot"), "r",
                DATASETS);
        assertThat(spec.step("generate-held-out-style").parameters()).containsEntry("style", "snapshot")
                .containsEntry("firstPerson", 500000);
        assertThat(spec.step("generate").parameters()).containsEntry("style", "classic");
        assertThat(spec.step("evaluate").inputs()).containsEntry("heldOutStyle", "generate-held-out-style.dataset");
        // more persons like the training set's: drawn from the same styles, not the generator's own default mix
        RunSpec mixed = DefinitionResolver.resolve(def, Map.of("heldOutStyle", "mixed"), "r", DATASETS);
        assertThat(mixed.step("generate-held-out-style").parameters()).containsEntry("style", "mixed")
                .containsEntry("mixStyles", mixed.step("generate").parameters().get("mixStyles"))
                .containsEntry("mixStyles", "classic,snapshot,studio,sculpted,inked");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("heldOutStyle", "oil"), "r", DATASETS))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("style must be one of");
    }

    /**
     * A whole number given as a floating value beyond the long range (1e20, 1e400 read as infinity) was clamped to
     * 9223372036854775807, while the literal 9223372036854775808 was refused; it is refused the same way now, as is
     * a fraction or NaN, and a whole 4.0 still becomes 4.
     */
    @Test
    void anIntGivenAsAFloatingValueOutsideTheLongRangeIsRefusedNotClamped() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-and-serve");
        for (double huge : new double[] {1e20, -1e20, 0x1p63, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NaN, 2.5}) {
            assertThatThrownBy(() -> DefinitionResolver.parameters(def, Map.of("seed", huge))).as("%s", huge)
                    .isInstanceOf(DefinitionException.class)
                    .hasMessage("parameter 'seed' must be int, got '" + huge + "'");
        }
        assertThatThrownBy(() -> DefinitionResolver.parameters(def, Map.of("seed",
                new java.math.BigInteger("9223372036854775808")))).isInstanceOf(DefinitionException.class)
                .hasMessage("parameter 'seed' must be int, got '9223372036854775808'");
        assertThat(DefinitionResolver.parameters(def, Map.of("seed", 4.0))).containsEntry("seed", 4);
        assertThat(DefinitionResolver.parameters(def, Map.of("seed", 1e15)))
                .containsEntry("seed", 1_000_000_000_000_000L);
        assertThat(DefinitionResolver.parameters(def, Map.of("seed", -0x1p63))).containsEntry("seed", Long.MIN_VALUE);
        assertThat(DefinitionResolver.parameters(def, Map.of("seed", Long.MAX_VALUE)))
                .containsEntry("seed", Long.MAX_VALUE);
    }

    @Test
    void trainAndServeTrainsWithItsOwnSeedSoARecipeCanBeRunAgainOnTheSamePersons() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-and-serve");
        RunSpec again = DefinitionResolver.resolve(def, Map.of("trainSeed", 43), "r", DATASETS);
        assertThat(again.step("generate").parameters()).containsEntry("seed", 42);
        assertThat(again.step("preprocess").parameters()).containsEntry("seed", 42);
        assertThat(again.step("train").parameters()).containsEntry("seed", 43);
        RunSpec otherData = DefinitionResolver.resolve(def, Map.of("seed", 7), "r", DATASETS);
        assertThat(otherData.step("generate").parameters()).containsEntry("seed", 7);
        assertThat(otherData.step("preprocess").parameters()).containsEntry("seed", 7);
        assertThat(otherData.step("train").parameters()).containsEntry("seed", 42);
    }

    @Test
    void trainOnDatasetNeedsADataSetAndAddsSyntheticPeopleOnlyWhenAsked() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-on-dataset");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of(), "r", DATASETS))
                .isInstanceOf(DefinitionException.MissingParameter.class)
                .hasMessageContaining("parameter 'dataset' is required");
        RunSpec plain = DefinitionResolver.resolve(def, Map.of("dataset", "d/"), "r", DATASETS);
        assertThat(plain.steps()).extracting(s -> s.id()).containsExactly("preprocess", "train", "evaluate");
        assertThat(plain.step("preprocess").inputs()).containsOnlyKeys("dataset");
        assertThat(plain.step("preprocess").parameters()).containsEntry("holdoutFraction", 0.1);
        assertThat(plain.step("evaluate").inputs()).containsEntry("eval", "params.dataset");

        RunSpec helped = DefinitionResolver.resolve(def, Map.of("dataset", "d/", "synthetic",
                Map.of("persons", 300, "minAge", 58)), "r", DATASETS);
        assertThat(helped.steps()).extracting(s -> s.id()).containsExactly("synthetic", "preprocess", "train",
                "evaluate");
        assertThat(helped.step("synthetic").parameters()).containsEntry("persons", 300).containsEntry("minAge", 58)
                .containsEntry("maxAge", 60).containsEntry("evalPersons", 0);
        assertThat(helped.step("preprocess").inputs()).containsEntry("synthetic", "synthetic.dataset");

        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("dataset", "d/", "synthetic",
                Map.of("people", 300)), "r", DATASETS)).hasMessageContaining("parameter 'synthetic' has no field "
                + "'people'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("dataset", "d/", "synthetic",
                Map.of("persons", "many")), "r", DATASETS)).hasMessageContaining("field 'persons' must be like");
        assertThatThrownBy(() -> DefinitionResolver.resolve(def, Map.of("dataset", "d/"), "r", (value, kind) -> {
            throw new DefinitionException("there is no data set at s3://maskflow/d/");
        })).hasMessage("parameter 'dataset': there is no data set at s3://maskflow/d/");
    }

    @Test
    void maskedFacesJoinTheTrainingFoldsOfTrainOnDataset() {
        PipelineDefinition def = PipelineCatalog.load(Optional.empty()).get("train-on-dataset");
        java.util.List<DatasetLocator.Kind> kinds = new java.util.ArrayList<>();
        RunSpec spec = DefinitionResolver.resolve(def, Map.of("dataset", "d/", "faces", "f/"), "r", (value, kind) -> {
            kinds.add(kind);
            return DATASETS.locate(value, kind);
        });
        assertThat(kinds).containsExactly(DatasetLocator.Kind.COMPETITION, DatasetLocator.Kind.FACES);
        assertThat(spec.step("mask-faces").inputs()).containsEntry("photos", "params.faces");
        assertThat(spec.step("preprocess").inputs()).containsEntry("synthetic-faces", "mask-faces.dataset");
        assertThatThrownBy(() -> DefinitionResolver.resolve(PipelineCatalog.load(Optional.empty()).get("mask-faces"),
                Map.of(), "r", DATASETS)).hasMessageContaining("parameter 'faces' is required");
    }

    @Test
    void refusesAWhenOrAnInputThatNamesNoDataSetParameter() {
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("service: datagen",
                "service: datagen\n    when: params.x"))).hasMessageContaining("when names no declared parameter 'x'");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("service: datagen",
                "service: datagen\n    when: n > 3"))).hasMessageContaining("when must be params.<name>");
        assertThatThrownBy(() -> DefinitionLoader.parse(GOOD.replace("a.dataset", "params.n")))
                .hasMessageContaining("'n' is not a parameter of type dataset or faces");
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
    void aSearchRepeatsTheTrainingOncePerTrialWithTheTrialsParameters() {
        PipelineDefinition search = PipelineCatalog.load(Optional.empty()).get("search");
        RunSpec spec = DefinitionResolver.resolve(search, Map.of("trials", 5, "epochs", 6), "r");
        assertThat(spec.steps()).extracting(s -> s.id()).containsExactly("generate", "preprocess", "trial-0",
                "trial-1", "trial-2", "trial-3", "trial-4", "evaluate");
        assertThat(spec.step("trial-3").parameters()).containsEntry("epochs", 6).containsKeys("architecture",
                "learningRate", "weightDecay", "loss", "colorJitter", "labelSmoothing");
        assertThat(spec.step("trial-3").halving()).as("by default synchronous, judged first at epoch 3")
                .isEqualTo(new Halving("trial-${t.index}", "valMacroF1", "max", 3, 3, Halving.SYNC));
        assertThat(spec.step("evaluate").inputs()).containsEntry("model-4", "trial-4.model");
        assertThat(spec.step("evaluate").halving()).isNull();
        RunSpec byLoss = DefinitionResolver.resolve(search, Map.of("halvingMetric", "valLoss", "halvingMode", "min"),
                "r");
        assertThat(byLoss.step("trial-0").halving()).isEqualTo(new Halving("trial-${t.index}", "valLoss", "min", 3,
                3, Halving.SYNC));
        RunSpec async = DefinitionResolver.resolve(search, Map.of("halvingSchedule", "async", "halvingMinEpochs", 2),
                "r");
        assertThat(async.step("trial-0").halving()).isEqualTo(new Halving("trial-${t.index}", "valMacroF1", "max", 2,
                3, Halving.ASYNC));
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("halvingSchedule", "synch"), "r"))
                .hasMessageContaining("halving schedule must be async or sync")
                .hasMessageContaining("'synch'");

        Map<String, Object> grid = Map.of("method", "grid", "halvingEta", 0, "space", Map.of("architecture",
                List.of("compact-cnn", "vit-tiny"), "learningRate", List.of(0.001, 0.003)));
        RunSpec full = DefinitionResolver.resolve(search, grid, "r");
        assertThat(full.steps()).filteredOn(s -> s.id().startsWith("trial-")).hasSize(4)
                .allSatisfy(s -> assertThat(s.halving()).isNull())
                .extracting(s -> s.parameters().get("architecture") + "@" + s.parameters().get("learningRate"))
                .containsExactlyInAnyOrder("compact-cnn@0.001", "compact-cnn@0.003", "vit-tiny@0.001",
                        "vit-tiny@0.003");
    }

    @Test
    void aSearchNamesWhatIsWrongWithItsSpace() {
        PipelineDefinition search = PipelineCatalog.load(Optional.empty()).get("search");
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("space", Map.of("learningRat",
                List.of(0.1))), "r")).hasMessageContaining("step 'trial-0'").hasMessageContaining("learningRat");
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("method", "grid"), "r"))
                .hasMessageContaining("grid search needs a list of values for 'learningRate'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("space", List.of(1)), "r"))
                .hasMessageContaining("parameter 'space' must be space");
        String halvingWithoutSearch = GOOD.replace("service: datagen", "service: datagen\n    halving: "
                + "{metric: valMacroF1, minEpochs: 1, eta: 3}");
        assertThatThrownBy(() -> DefinitionLoader.parse(halvingWithoutSearch))
                .hasMessageContaining("halving needs a search");
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("halvingMetric", "valLos"), "r"))
                .hasMessageContaining("halving metric must be one of")
                .hasMessageContaining("valLos'");
        assertThatThrownBy(() -> DefinitionResolver.resolve(search, Map.of("halvingMode", "lowest"), "r"))
                .hasMessageContaining("halving mode must be max or min, got 'lowest'");
    }

    private static final String CHAIN = """
            name: chain
            steps:
              - id: g
                service: datagen
              - id: p
                service: preprocess
                inputs: {dataset: g.dataset}
              - id: t
                service: train
                inputs: {shards: p.shards}
              - id: e
                service: evaluate
                inputs: {model: t.model, shards: p.shards}
            outputs: {model: e.best}
            """;

    @Test
    void aDefinitionIsCheckedAgainstWhatEachStepTakesAndGives() {
        assertThat(DefinitionLoader.parse(CHAIN).steps()).hasSize(4);
        assertThatThrownBy(() -> DefinitionLoader.parse(CHAIN.replace("t.model", "t.modle")))
                .hasMessageContaining("step 'e': input 'model' takes 't.modle', but step 't' (train) gives no "
                        + "output 'modle'; it gives [model, curve, curvePlot]");
        assertThatThrownBy(() -> DefinitionLoader.parse(CHAIN.replace("{model: t.model", "{model: t.curve")))
                .hasMessageContaining("step 'e': input 'model' takes 't.curve', a CURVE, but it accepts [MODEL]");
        assertThatThrownBy(() -> DefinitionLoader.parse(CHAIN.replace("inputs: {shards: p.shards}", "inputs: {}")))
                .hasMessageContaining("step 't': a train step needs input 'shards' ([SHARDS])");
        assertThatThrownBy(() -> DefinitionLoader.parse(CHAIN.replace("{dataset: g.dataset}",
                "{dataset: g.dataset, extra: g.trainCsv}"))).hasMessageContaining("step 'p': a preprocess step "
                        + "takes no input 'extra'; it takes [dataset, synthetic…]");
        assertThat(DefinitionLoader.parse(CHAIN.replace("{dataset: g.dataset}",
                "{dataset: g.dataset, synthetic-csv: g.trainCsv}")).steps()).hasSize(4);
        assertThatThrownBy(() -> DefinitionLoader.parse(CHAIN.replace("e.best", "e.bset")))
                .hasMessageContaining("output 'model' comes from 'e.bset', but step 'e' (evaluate) gives no output "
                        + "'bset'");
    }

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
                    inputs: {shards: p.shards, init: b.best}
                  - id: b
                    service: evaluate
                    inputs: {model: a.model, shards: p.shards}
                  - id: p
                    service: preprocess
                    inputs: {dataset: g.dataset}
                  - id: g
                    service: datagen
                """;
        assertThatThrownBy(() -> DefinitionLoader.parse(cycle)).hasMessageContaining("cycle through steps [a, b]");
    }
}
