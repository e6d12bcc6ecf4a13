package io.maskflow.contracts.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.maskflow.contracts.Require;
import io.maskflow.contracts.StepType;
import java.time.Duration;
import java.util.Map;

/**
 * One step of a resolved pipeline run.
 *
 * @param id unique within the run, e.g. {@code train} or {@code train-fold-2}
 * @param step which service runs it
 * @param parameters resolved parameter values (no {@code ${params.x}} left)
 * @param inputs input name to {@code <stepId>.<output>} of an earlier step
 * @param retries how many times a failed attempt is tried again
 * @param timeout how long one attempt may take
 * @param cache whether an earlier identical step's outputs may be reused
 * @param halving when the step is one trial of a search: how the orchestrator stops it early; null otherwise
 */
public record StepSpec(
        String id,
        StepType step,
        Map<String, Object> parameters,
        Map<String, String> inputs,
        int retries,
        Duration timeout,
        boolean cache,
        @JsonInclude(JsonInclude.Include.NON_NULL) Halving halving) {

    /** A step that is not a search's trial. */
    public StepSpec(String id, StepType step, Map<String, Object> parameters, Map<String, String> inputs, int retries,
            Duration timeout, boolean cache) {
        this(id, step, parameters, inputs, retries, timeout, cache, null);
    }

    public StepSpec {
        Require.id(id, "step id");
        Require.present(step, "step type of '" + id + "'");
        parameters = Require.copy(parameters, "parameters");
        inputs = Require.copy(inputs, "inputs");
        if (retries < 0) {
            throw new IllegalArgumentException("retries of step '" + id + "' must not be negative");
        }
        Require.present(timeout, "timeout of step '" + id + "'");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout of step '" + id + "' must be positive");
        }
        inputs.forEach((name, source) -> OutputRef.parse(source));
    }
}
