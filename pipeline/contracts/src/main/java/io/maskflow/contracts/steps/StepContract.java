package io.maskflow.contracts.steps;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.run.PromotedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one type of step takes and gives: its named inputs with the kinds each accepts, and its named outputs with
 * their kinds. The orchestrator checks every pipeline definition against these when it loads it and again for
 * every run (a misspelt output, an input of the wrong kind or a missing required input is refused with the step
 * and field named), and the step runtime refuses to hand on an output its step did not declare.
 *
 * @param step the step type
 * @param inputs input name to what it accepts
 * @param outputs output name to its kind
 * @param extraInputs the prefix of further inputs the step merges in (preprocess's {@code synthetic...}), with the
 *     kinds they accept; null when there are none
 * @param leaves the records the step leaves in the store outside its own outputs, by key, with their types: records
 *     other services read (evaluate's promoted-model record, which serving loads). Every step also leaves the SDK's
 *     own bookkeeping (the outputs' manifest, the command's idempotency record, its log), which no contract lists.
 */
public record StepContract(StepType step, Map<String, Input> inputs, Map<String, ArtifactKind> outputs,
        Input extraInputs, Map<String, Class<? extends Record>> leaves) {

    /**
     * One input.
     *
     * @param kinds the kinds it accepts
     * @param required whether every run of the step needs it
     * @param repeated whether several may be given as {@code <name>-<suffix>} (an input from {@code step-*})
     * @param prefix for extra inputs: the prefix their names start with; null otherwise
     */
    public record Input(Set<ArtifactKind> kinds, boolean required, boolean repeated, String prefix) {

        static Input required(ArtifactKind... kinds) {
            return new Input(Set.of(kinds), true, false, null);
        }

        static Input optional(ArtifactKind... kinds) {
            return new Input(Set.of(kinds), false, false, null);
        }
    }

    private static final Map<StepType, StepContract> CONTRACTS = Map.of(
            StepType.DATAGEN, new StepContract(StepType.DATAGEN,
                    ordered("photos", Input.optional(ArtifactKind.DATASET)),
                    ordered("dataset", ArtifactKind.DATASET, "trainCsv", ArtifactKind.CSV, "evalInfo", ArtifactKind.CSV,
                            "evalAnswers", ArtifactKind.CSV, "preview", ArtifactKind.IMAGE), null, Map.of()),
            StepType.PREPROCESS, new StepContract(StepType.PREPROCESS,
                    ordered("dataset", Input.required(ArtifactKind.DATASET)),
                    ordered("shards", ArtifactKind.SHARDS, "report", ArtifactKind.REPORT, "reportText",
                            ArtifactKind.TEXT, "split", ArtifactKind.SPLIT),
                    new Input(Set.of(ArtifactKind.DATASET, ArtifactKind.CSV), false, false, "synthetic"), Map.of()),
            StepType.TRAIN, new StepContract(StepType.TRAIN,
                    ordered("shards", Input.required(ArtifactKind.SHARDS), "init", Input.optional(ArtifactKind.MODEL),
                            "pseudoLabels", Input.optional(ArtifactKind.CSV), "unchanged",
                            Input.optional(ArtifactKind.MODEL)),
                    ordered("model", ArtifactKind.MODEL, "curve", ArtifactKind.CURVE, "curvePlot", ArtifactKind.IMAGE),
                    null, Map.of()),
            StepType.EVALUATE, new StepContract(StepType.EVALUATE,
                    ordered("model", new Input(Set.of(ArtifactKind.MODEL), true, true, null),
                            "shards", Input.required(ArtifactKind.SHARDS), "eval", Input.optional(ArtifactKind.DATASET),
                            "heldOutStyle", Input.optional(ArtifactKind.DATASET)),
                    ordered("best", ArtifactKind.MODEL, "ensemble", ArtifactKind.MODEL, "report", ArtifactKind.REPORT,
                            "confusionMatrix", ArtifactKind.IMAGE, "f1Bars", ArtifactKind.IMAGE, "misclassified",
                            ArtifactKind.IMAGE, "reportPage", ArtifactKind.PAGE, "submission", ArtifactKind.CSV,
                            "pseudoLabels", ArtifactKind.CSV),
                    null, Map.of(PromotedModel.KEY, PromotedModel.class)));

    /** The contract of a step type. */
    public static StepContract of(StepType step) {
        return CONTRACTS.get(step);
    }

    /**
     * The declaration an input name falls under: its own, that of a repeated input ({@code model-3} is a
     * {@code model}), or the extra inputs' (a name with their prefix); empty for a name the step does not take.
     */
    public Optional<Input> input(String name) {
        if (inputs.containsKey(name)) {
            return Optional.of(inputs.get(name));
        }
        for (Map.Entry<String, Input> input : inputs.entrySet()) {
            if (input.getValue().repeated() && name.startsWith(input.getKey() + "-")) {
                return Optional.of(input.getValue());
            }
        }
        return extraInputs != null && name.startsWith(extraInputs.prefix()) ? Optional.of(extraInputs)
                : Optional.empty();
    }

    /** The names of the inputs it takes, for messages. */
    public List<String> inputNames() {
        List<String> names = new java.util.ArrayList<>(inputs.keySet());
        if (extraInputs != null) {
            names.add(extraInputs.prefix() + "…");
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
