package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.run.PromotedModel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who promoted a served model and why is taken from the promoted-model record only when it names that promotion. */
class PromotionTest {

    private static final ArtifactRef MODEL = new ArtifactRef("b", "runs/r1/model.zip", 10, "a".repeat(64));
    private static final ArtifactRef OTHER = new ArtifactRef("b", "runs/r2/model.zip", 10, "b".repeat(64));
    private static final Instant RECORDED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant ANNOUNCED = Instant.parse("2026-12-07T10:00:01Z");

    private static ModelPromotedEvent event(ArtifactRef model, String runId) {
        return new ModelPromotedEvent(Event.SCHEMA_VERSION, runId, "evaluate", null, "model-x", model, null,
                Map.of("macroF1", 0.5), ANNOUNCED, null);
    }

    private static PromotedModel record(ArtifactRef model, String runId) {
        return new PromotedModel("model-x", model, null, 0.5, runId, RECORDED, null, "alice", "rolled back: drift");
    }

    @Test
    void theRecordOfTheSamePromotionGivesWhoWhyWhenAndTheFigure() {
        Promotion p = Promotion.of(event(MODEL, "r1"), Optional.of(record(MODEL, "r1")));

        assertThat(p).isEqualTo(new Promotion(MODEL, "r1", RECORDED, "alice", "rolled back: drift", 0.5));
    }

    @Test
    void aRecordOfAnotherModelOrRunIsNotTakenForIt() {
        for (PromotedModel other : new PromotedModel[] {record(OTHER, "r1"), record(MODEL, "r2")}) {
            Promotion p = Promotion.of(event(MODEL, "r1"), Optional.of(other));

            assertThat(p).isEqualTo(new Promotion(MODEL, "r1", ANNOUNCED, null, null, null));
        }
        assertThat(Promotion.of(event(MODEL, "r1"), Optional.empty()))
                .isEqualTo(new Promotion(MODEL, "r1", ANNOUNCED, null, null, null));
    }

    @Test
    void aRecordReadAtStartUpIsTheWholePromotion() {
        assertThat(Promotion.of(record(MODEL, "r1")))
                .isEqualTo(new Promotion(MODEL, "r1", RECORDED, "alice", "rolled back: drift", 0.5));
    }
}
