package io.maskflow.serving;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.run.PromotedModel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The promotion that put a model in service, as {@code GET /models} shows it: the run that promoted it, when, who
 * (an admin's name, or {@link PromotedModel#BY_THE_GATE}) and why (the admin's words or the gate's decision), and the
 * figure the gate promoted it on (0 for a promotion by hand). Who and why are not in the signed fields: they are
 * shown as the promoted-model record gives them, and only when the record names the very model and run the signed
 * promotion named.
 *
 * @param model the promoted artifact (not shown: {@code GET /models} gives it as {@code model})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promotion(@JsonIgnore ArtifactRef model, String runId, Instant promotedAt, String promotedBy,
        String reason, Double macroF1) {

    /** The promotion a record read at start-up describes. */
    public static Promotion of(PromotedModel record) {
        return new Promotion(record.model(), record.runId(), record.time(), record.promotedBy(), record.reason(),
                record.macroF1());
    }

    /**
     * The promotion an event announced, with who, why, when and on what figure taken from the record when it
     * describes the same promotion (the evaluator writes the record before it publishes the event); with the event's
     * time alone when it does not (a later promotion has replaced the record, or it could not be read).
     */
    public static Promotion of(ModelPromotedEvent event, Optional<PromotedModel> record) {
        Optional<PromotedModel> same = record.filter(r -> event.model().equals(r.model())
                && Objects.equals(event.runId(), r.runId()));
        return new Promotion(event.model(), event.runId(), same.map(PromotedModel::time).orElse(event.time()),
                same.map(PromotedModel::promotedBy).orElse(null), same.map(PromotedModel::reason).orElse(null),
                same.map(PromotedModel::macroF1).orElse(null));
    }
}
