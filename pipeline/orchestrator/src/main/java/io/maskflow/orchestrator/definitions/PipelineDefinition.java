package io.maskflow.orchestrator.definitions;

import java.util.List;
import java.util.Map;

/**
 * A pipeline as written in {@code pipeline/definitions/<name>.yaml}: parameters, steps and the run's outputs.
 *
 * @param outputs the run's named results, {@code <stepId>.<output>}, e.g. {@code model: train.model}
 */
public record PipelineDefinition(String name, String description, Map<String, ParameterDef> parameters,
        List<StepDef> steps, Map<String, String> outputs) {
}
