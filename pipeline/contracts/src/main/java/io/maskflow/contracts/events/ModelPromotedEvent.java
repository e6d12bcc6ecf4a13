package io.maskflow.contracts.events;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import java.time.Instant;
import java.util.Map;

/**
 * Topic {@code maskflow.models.promoted}: a model passed the promotion gate. Written by the evaluator; read by
 * every serving replica (each in its own consumer group), which loads it beside the old one and swaps.
 *
 * @param modelId a stable name of the model, shown by serving
 * @param model the model artifact
 * @param report the evaluation report that justified the promotion, may be null
 * @param metrics the figures the gate compared, e.g. {@code macroF1}
 * @param signature the evaluator's HMAC of the promotion (model id, artifact, run), which serving checks before it
 *     loads the model; null when unsigned, which serving refuses unless told not to
 */
public record ModelPromotedEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        String modelId,
        ArtifactRef model,
        ArtifactRef report,
        Map<String, Double> metrics,
        Instant time,
        String signature) implements Event {

    public ModelPromotedEvent {
        Require.id(runId, "runId");
        Require.id(stepId, "stepId");
        Require.id(modelId, "modelId");
        Require.present(model, "model");
        idempotencyKey = idempotencyKey == null ? "promote/" + modelId + "/" + model.sha256() : idempotencyKey;
        metrics = Require.copy(metrics, "metrics");
        time = time == null ? Instant.now() : time;
    }
}
