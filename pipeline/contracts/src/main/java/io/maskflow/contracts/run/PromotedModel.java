package io.maskflow.contracts.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.time.Instant;

/**
 * The record of the model serving runs, kept in the store at {@code models/promoted.json}
 * ({@code ArtifactKeys.promotedModel()} in the SDK). The evaluator writes it when a model passes the promotion gate
 * or an admin promotes one by hand, and reads it to decide the next promotion against it; serving reads it at start-up
 * to load the model that was promoted while it was down (after that it follows {@code maskflow.models.promoted}).
 * Both sides use this one record, so a field renamed on one side cannot silently go missing on the other.
 *
 * <p>The JSON field names are those of the records already in stores; reading ignores fields it does not know
 * (those of a newer writer) and takes a missing figure as 0.
 *
 * @param modelId the id serving shows, e.g. {@code model-1a2b3c4d5e6f} or {@code ensemble-…}
 * @param model the model zip or ensemble JSON to serve; required
 * @param report the evaluation report that justified the promotion, null for one by hand
 * @param macroF1 the macro F1 that justified it (0 for one by hand)
 * @param runId the run that promoted it ({@code manual-<millis>} by hand)
 * @param time when it was promoted
 * @param signature the promotion key's signature over model id, model and run id, null when no key is configured
 * @param promotedBy who promoted it: {@link #BY_THE_GATE}, or the admin who promoted it by hand; null in records
 *     written before 2026-12-07
 * @param reason why: the gate's decision, or the admin's words (null when none were given)
 */
public record PromotedModel(String modelId, ArtifactRef model, ArtifactRef report, double macroF1, String runId,
        Instant time, String signature, @JsonInclude(JsonInclude.Include.NON_NULL) String promotedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    /** {@link #promotedBy} of a model an evaluation's promotion gate promoted. */
    public static final String BY_THE_GATE = "promotion gate";
    /** The most characters of a reason a record keeps. */
    public static final int MAX_REASON = 1000;

    public PromotedModel {
        // a reason cut once (its end says how much was cut) is not cut again when the record is read back
        reason = reason == null || reason.length() <= MAX_REASON + 40 ? reason
                : io.maskflow.contracts.Texts.cut(reason, MAX_REASON);
    }

    /** A record without who and why, as records were written before 2026-12-07. */
    public PromotedModel(String modelId, ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            Instant time, String signature) {
        this(modelId, model, report, macroF1, runId, time, signature, null, null);
    }

    /** Where the record is kept in the store. */
    public static final String KEY = "models/promoted.json";

    private static final ObjectMapper READER = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Reads a record as stored.
     *
     * @throws IOException saying why when the bytes are not such a record or it names no model
     */
    public static PromotedModel read(byte[] json) throws IOException {
        PromotedModel record = READER.readValue(json, PromotedModel.class);
        if (record == null) {
            throw new IOException("the promoted-model record is empty (JSON null)");
        }
        if (record.model() == null) {
            throw new IOException("the promoted-model record names no model");
        }
        return record;
    }

    /** The record as JSON, as it is stored. */
    public byte[] toJson() {
        try {
            return EventCodec.instance().mapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the promoted-model record as JSON", e);
        }
    }
}
