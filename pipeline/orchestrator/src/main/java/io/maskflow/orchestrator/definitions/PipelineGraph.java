package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.run.RunSpec;
import io.maskflow.contracts.steps.ArtifactKind;
import io.maskflow.contracts.steps.StepContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pipeline definition as a typed graph, as {@code GET /pipelines/{name}} shows it: each step with its type, every
 * input with where it comes from and the kind of artifact that source gives, and every output with its kind, all
 * from the steps' {@link StepContract}s. It is drawn from the definition as written (a repeated step once, with its
 * id pattern), so it needs no parameters.
 *
 * @param steps the steps in the definition's order
 */
public record PipelineGraph(List<Node> steps) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]+}");

    /**
     * One step.
     *
     * @param id its id; a repeated step's holds its {@code ${var}}
     * @param step its type (datagen, preprocess, train, evaluate)
     * @param repeated how it repeats: {@code forEach <var>}, {@code search <var>}, or null when it runs once
     * @param inputs what it takes, in the contract's order, the ones the definition gives first
     * @param outputs what it gives: output name to kind
     * @param leaves the records it leaves in the store for other services, by key, with their types
     */
    public record Node(String id, String step, String repeated, List<Input> inputs, Map<String, String> outputs,
            Map<String, String> leaves) {
    }

    /**
     * One input of a step.
     *
     * @param name the input's name
     * @param accepts the kinds the step accepts there
     * @param required whether every run of the step needs it
     * @param from its sources in the order they are tried, each with the kind it gives; empty when the definition
     *     gives none
     */
    public record Input(String name, List<String> accepts, boolean required, List<Source> from) {
    }

    /**
     * One source of an input.
     *
     * @param ref {@code <stepId>.<output>} or {@code params.<name>}
     * @param kind the kind that source gives, or null when it cannot be told (an unknown step or parameter)
     */
    public record Source(String ref, String kind) {
    }

    /** The graph of a definition. */
    public static PipelineGraph of(PipelineDefinition definition) {
        List<Node> nodes = new ArrayList<>();
        for (StepDef step : definition.steps()) {
            StepContract contract = StepContract.of(step.service());
            List<Input> inputs = new ArrayList<>();
            step.inputs().forEach((name, sources) -> {
                Optional<StepContract.Input> declared = contract.input(name);
                inputs.add(new Input(name, declared.map(d -> names(d.kinds())).orElse(List.of()),
                        declared.map(StepContract.Input::required).orElse(false),
                        sources.stream().map(s -> new Source(s, kindOf(s, definition))).toList()));
            });
            contract.inputs().forEach((name, declared) -> {
                boolean given = step.inputs().keySet().stream()
                        .anyMatch(n -> n.equals(name) || declared.repeated() && n.startsWith(name + "-"));
                if (!given) {
                    inputs.add(new Input(name, names(declared.kinds()), declared.required(), List.of()));
                }
            });
            Map<String, String> outputs = new LinkedHashMap<>();
            contract.outputs().forEach((name, kind) -> outputs.put(name, name(kind)));
            String repeated = step.forEachVar() == null ? null
                    : (step.search() != null ? "search " : "forEach ") + step.forEachVar();
            Map<String, String> leaves = new LinkedHashMap<>();
            contract.leaves().forEach((key, type) -> leaves.put(key, type.getSimpleName()));
            nodes.add(new Node(step.id(), step.service().id(), repeated, List.copyOf(inputs), outputs, leaves));
        }
        return new PipelineGraph(List.copyOf(nodes));
    }

    /** The kind a source gives: a data set parameter's, or the output's of the step (or repeated step) it names. */
    private static String kindOf(String source, PipelineDefinition definition) {
        int dot = source.lastIndexOf('.');
        String stepId = source.substring(0, Math.max(dot, 0));
        String output = source.substring(dot + 1);
        if (stepId.equals(RunSpec.PARAMS)) {
            ParameterDef parameter = definition.parameters().get(output);
            return parameter != null && parameter.isDataset() ? name(ArtifactKind.DATASET) : null;
        }
        for (StepDef step : definition.steps()) {
            if (names(step.id(), stepId)) {
                ArtifactKind kind = StepContract.of(step.service()).outputs().get(output);
                return kind == null ? null : name(kind);
            }
        }
        return null;
    }

    /**
     * Whether a source's step id ({@code train}, {@code train-*}, {@code train-2}) names the step whose id is
     * {@code id} ({@code train-${fold}} for a repeated one).
     */
    private static boolean names(String id, String sourceId) {
        String pattern = REFERENCE.matcher(id).replaceAll("*");
        if (pattern.equals(sourceId)) {
            return true;
        }
        String regex = Pattern.quote(pattern).replace("*", "\\E.+\\Q");
        return !pattern.equals(id) && sourceId.matches(regex);
    }

    private static List<String> names(java.util.Set<ArtifactKind> kinds) {
        return kinds.stream().map(PipelineGraph::name).sorted().toList();
    }

    private static String name(ArtifactKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
