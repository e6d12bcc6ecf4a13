package io.maskflow.evaluator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Ensemble;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Makes a model the served one: writes the promoted-model record to the store and publishes the promotion, both
 * signed with the promotion key so serving loads it (docs/security.md). Used by the gate of an evaluation and by
 * an admin's promotion by hand.
 */
@ApplicationScoped
public class Promoter {

    /**
     * The recorded figure of a model promoted by hand: none, so the next gate that cannot evaluate the promoted model
     * on its own records lets any candidate replace it.
     */
    public static final double BY_HAND = 0.0;

    private final ObjectMapper json = EventCodec.instance().mapper();

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    PromotionSigner signer;

    /** The id serving shows for a model: its kind and the start of its SHA-256. */
    public static String modelId(ArtifactRef model) {
        return (Ensemble.isEnsemble(model) ? "ensemble-" : "model-") + model.sha256().substring(0, 12);
    }

    /**
     * Promotes a model.
     *
     * @param report the evaluation report that justified it, or null
     * @param macroF1 the figure that justified it, or {@link #BY_HAND}
     */
    public EvaluateStep.Promoted promote(ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            String stepId) throws IOException {
        String modelId = modelId(model);
        String signature = signer.sign(modelId, model, runId).orElse(null);
        EvaluateStep.Promoted promoted = new EvaluateStep.Promoted(modelId, model, report, macroF1, runId,
                Instant.now(), signature);
        store.put(ArtifactKeys.promotedModel(), json.writeValueAsBytes(promoted), "application/json");
        Map<String, Double> metrics = report == null && macroF1 == BY_HAND ? Map.of() : Map.of("macroF1", macroF1);
        events.publish(Topics.MODELS_PROMOTED, new ModelPromotedEvent(Event.SCHEMA_VERSION, runId, stepId, null,
                modelId, model, report, metrics, null, signature));
        return promoted;
    }
}
