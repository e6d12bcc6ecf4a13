package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import java.util.Map;

/**
 * What a step produced.
 *
 * @param outputs artifacts by output name; later steps take them as inputs ({@code <stepId>.<output>})
 * @param metrics final figures, e.g. {@code macroF1}
 */
public record StepResult(Map<String, ArtifactRef> outputs, Map<String, Double> metrics) {

    public StepResult {
        outputs = Require.copy(outputs, "outputs");
        metrics = Require.copy(metrics, "metrics");
    }

    public static StepResult of(Map<String, ArtifactRef> outputs) {
        return new StepResult(outputs, Map.of());
    }
}
