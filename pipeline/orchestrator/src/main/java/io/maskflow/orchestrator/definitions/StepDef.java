package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.StepType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A step of a pipeline definition, before parameters are filled in.
 *
 * @param id the step id; contains {@code ${<var>}} or {@code ${<var>.index}} when repeated by {@code forEach}
 * @param service which service runs it: datagen, preprocess, train or evaluate
 * @param parameters literals or {@code ${params.x}} / {@code ${<var>}} references
 * @param inputs input name to its sources, tried in order: {@code <stepId>.<output>} (a {@code *} in the step id
 *     takes every repeated step) or {@code params.<name>} (a data set parameter); the first source that exists in
 *     the run — a step that is not skipped, a parameter that is set — is taken, and an input with none is left out
 * @param retries extra attempts after a retryable failure
 * @param timeout how long one attempt may take
 * @param cache whether an earlier identical execution may be reused
 * @param forEachVar the loop variable of a repeated step, or null
 * @param forEachIn what it loops over: an int n (0..n-1) or a list, usually {@code ${params.x}}; null for a search
 * @param search when the step repeats once per trial of a search ({@code forEach: {var, search, method, trials,
 *     seed}}): those four values, unresolved; null otherwise. Each trial's fields become the step's parameters.
 * @param halving {@code {metric, minEpochs, eta}}, unresolved, when the search's trials are stopped early by
 *     successive halving; null otherwise
 * @param when {@code params.<name>} (run the step only when that parameter is set: a non-empty text, list or map,
 *     true, or a number other than 0; {@code params.<object>.<field>} for a field) or {@code !params.<name>} (only
 *     when it is not); null to always run
 */
public record StepDef(String id, StepType service, Map<String, Object> parameters, Map<String, List<String>> inputs,
        int retries, Duration timeout, boolean cache, String forEachVar, Object forEachIn, String when,
        Map<String, Object> search, Map<String, Object> halving) {
}
