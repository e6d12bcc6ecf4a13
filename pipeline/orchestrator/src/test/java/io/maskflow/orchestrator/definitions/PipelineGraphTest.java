package io.maskflow.orchestrator.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.orchestrator.api.PipelinesResource.PipelineView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineGraphTest {

    private final PipelineCatalog catalog = PipelineCatalog.load(Optional.empty());

    @Test
    void everyInputShowsItsSourcesWithTheKindEachGives() {
        PipelineGraph graph = PipelineGraph.of(catalog.get("kfold-ensemble"));

        PipelineGraph.Node evaluate = node(graph, "evaluate");
        assertThat(evaluate.step()).isEqualTo("evaluate");
        assertThat(input(evaluate, "model").from()).containsExactly(new PipelineGraph.Source("train-*.model", "model"));
        assertThat(input(evaluate, "model").accepts()).containsExactly("model");
        assertThat(input(evaluate, "eval").from()).containsExactly(
                new PipelineGraph.Source("params.dataset", "dataset"),
                new PipelineGraph.Source("generate.dataset", "dataset"));
        assertThat(input(evaluate, "heldOutStyle").from()).isEmpty();
        assertThat(input(evaluate, "heldOutStyle").required()).isFalse();
        assertThat(evaluate.outputs()).containsEntry("ensemble", "model").containsEntry("report", "report");
        assertThat(evaluate.leaves()).containsEntry("models/promoted.json", "PromotedModel");

        PipelineGraph.Node train = node(graph, "train-${fold}");
        assertThat(train.repeated()).isEqualTo("forEach fold");
        assertThat(input(train, "shards").from()).containsExactly(
                new PipelineGraph.Source("preprocess.shards", "shards"));
        assertThat(input(train, "shards").required()).isTrue();
    }

    @Test
    void aSearchsTrialsAreOneRepeatedNodeAndEveryShippedPipelineHasAGraphWithKnownKinds() {
        assertThat(node(PipelineGraph.of(catalog.get("search")), "trial-${t.index}").repeated())
                .isEqualTo("search t");
        for (String name : PipelineCatalog.SHIPPED) {
            for (PipelineGraph.Node node : PipelineGraph.of(catalog.get(name)).steps()) {
                for (PipelineGraph.Input input : node.inputs()) {
                    assertThat(input.from()).as(name + ": " + node.id() + "." + input.name())
                            .allSatisfy(source -> assertThat(source.kind()).isIn(input.accepts()));
                }
            }
        }
    }

    @Test
    void inputsGivenAsNumberedRepeatsCountAsTheRepeatedInput() {
        PipelineDefinition definition = DefinitionLoader.parse("""
                name: two-models
                steps:
                  - {id: generate, service: datagen}
                  - {id: preprocess, service: preprocess, inputs: {dataset: generate.dataset}}
                  - {id: a, service: train, inputs: {shards: preprocess.shards}}
                  - {id: b, service: train, inputs: {shards: preprocess.shards}}
                  - id: evaluate
                    service: evaluate
                    inputs: {model-0: a.model, model-1: b.model, shards: preprocess.shards}
                """);

        PipelineGraph.Node evaluate = node(PipelineGraph.of(definition), "evaluate");

        assertThat(evaluate.inputs()).extracting(PipelineGraph.Input::name)
                .containsExactly("model-0", "model-1", "shards", "eval", "heldOutStyle");
        assertThat(input(evaluate, "model-1").from()).containsExactly(new PipelineGraph.Source("b.model", "model"));
    }

    @Test
    void theRestViewKeepsTheDefinitionsFieldsAndAddsTheGraph() {
        PipelineDefinition definition = catalog.get("kfold-ensemble");
        JsonNode json = EventCodec.instance().mapper().valueToTree(
                new PipelineView(definition, PipelineGraph.of(definition)));

        assertThat(json.path("name").asText()).isEqualTo("kfold-ensemble");
        assertThat(json.path("parameters").path("folds").path("type").asText()).isEqualTo("int");
        assertThat(json.path("graph").path("steps").get(3).path("inputs").get(0).path("from").get(0)
                .path("kind").asText()).isEqualTo("model");
    }

    private static PipelineGraph.Node node(PipelineGraph graph, String id) {
        List<PipelineGraph.Node> found = graph.steps().stream().filter(n -> n.id().equals(id)).toList();
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static PipelineGraph.Input input(PipelineGraph.Node node, String name) {
        return node.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
