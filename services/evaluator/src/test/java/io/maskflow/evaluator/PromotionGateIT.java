package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The promotion gate through the real broker and store when the promoted model and the candidate were prepared
 * differently: another image size of the same split, or other data with a held-out set outside both.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PromotionGateIT extends EvaluateFixtures {

    @Test
    void theGateJudgesAModelOfAnotherImageSizeOnItsOwnPhotosOfTheSameHoldOutPersons() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        String split = "{\"folds\":3,\"holdout\":-1,\"persons\":{\"a\":0,\"b\":-1}}";
        ArtifactRef small = shards(root + "16/", true, SIZE, split, "people");
        ArtifactRef large = shards(root + "24/", true, 24, split, "people");
        ArtifactRef otherSplit = shards(root + "24-other/", true, 24, split.replace("\"b\":-1", "\"b\":0"),
                "people");
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            // the served model: 16 px, promoted whatever an earlier test left promoted (a margin of -1 always passes)
            StepStatusEvent first = evaluate(kafka, Map.of("model", model(root, SIZE, 0, small), "shards", small),
                    Map.of("minimumMacroF1", 0.0, "promotionMargin", -1.0));
            assertThat(first.metrics()).as(String.valueOf(first.error())).containsEntry("promoted", 1.0);

            // 24 px on a preprocess output that split the persons otherwise: only the recorded figure
            StepStatusEvent other = evaluate(kafka, Map.of("model", model(root, 24, 0, otherSplit), "shards",
                    otherSplit), Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            JsonNode otherReport = EventCodec.instance().mapper().readTree(store.read(other.outputs()
                    .get("report")));
            assertThat(otherReport.at("/promotion/reason").asText()).contains("its recorded figure: it was trained "
                    + "on other data (16 px images)");
            assertThat(otherReport.at("/promotion/gain90").isMissingNode()
                    || otherReport.at("/promotion/gain90").isNull()).isTrue();

            // a split.json that is not JSON is not the same split
            ArtifactRef unreadable = shards(root + "24-unreadable/", true, 24, "{\"folds\": 3, ", "people");
            StepStatusEvent broken = evaluate(kafka, Map.of("model", model(root, 24, 2, unreadable), "shards",
                    unreadable), Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(broken.status()).as(String.valueOf(broken.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(EventCodec.instance().mapper().readTree(store.read(broken.outputs().get("report")))
                    .at("/promotion/reason").asText()).contains("its recorded figure: it was trained on other data");

            // the same split of another data set (the same persons drawn in another style, say): other photos
            ArtifactRef redrawn = shards(root + "24-redrawn/", true, 24, split, "people-drawn-otherwise");
            StepStatusEvent restyled = evaluate(kafka, Map.of("model", model(root, 24, 2, redrawn), "shards",
                    redrawn), Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(EventCodec.instance().mapper().readTree(store.read(restyled.outputs().get("report")))
                    .at("/promotion/reason").asText()).contains("its recorded figure: it was trained on other data");

            // 24 px on the same split: each model on its own images of the same 6 hold-out persons, drawn in pairs
            StepStatusEvent same = evaluate(kafka, Map.of("model", model(root, 24, 0, large), "shards", large),
                    Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(same.status()).as(String.valueOf(same.error())).isEqualTo(StepStatus.SUCCEEDED);
            JsonNode report = EventCodec.instance().mapper().readTree(store.read(same.outputs().get("report")));
            assertThat(report.at("/promotion/reason").asText()).contains("both on the same 6 hold-out persons "
                    + "neither model trained on, each on its own preparation of their photos: 18 images of 16 px and "
                    + "18 of 24 px", "paired draws of the 6 persons");
            assertThat(report.at("/promotion/gain90/persons").asInt()).isEqualTo(6);
            assertThat(report.at("/promotion/previousMacroF1").asDouble()).isEqualTo(first.metrics()
                    .get("macroF1"));

            // the promoted model's own images cleaned up since: its recorded figure, and the reason says why
            store.delete(List.of(root + "16/shards/shard-00000.bin"));
            StepStatusEvent gone = evaluate(kafka, Map.of("model", model(root, 24, 1, large), "shards", large),
                    Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(gone.status()).as(String.valueOf(gone.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(EventCodec.instance().mapper().readTree(store.read(gone.outputs().get("report")))
                    .at("/promotion/reason").asText()).contains("its recorded figure: its own images of the persons "
                    + "are gone", "shard-00000.bin");
        }
    }

    /**
     * Two models trained on different data share no hold-out persons; with a held-out set outside both models'
     * persons the gate judges both on it, each on its own preparation of the photos, and draws the gain in pairs.
     */
    @Test
    void theGateJudgesModelsOfDifferentDataOnTheHeldOutSetOutsideBoth() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef promotedData = shards(root + "a/", true, SIZE, "{\"folds\":3,\"holdout\":-1,\"persons\":{"
                + "\"0/000001 000001_female_Asian_45\":0,\"0/000002 000002_male_Asian_25\":-1}}", "people-a");
        ArtifactRef candidateData = shards(root + "b/", true, 24, "{\"folds\":3,\"holdout\":-1,\"persons\":{"
                + "\"0/000007 000007_female_Asian_45\":0,\"0/000008 000008_male_Asian_65\":-1}}", "people-b");
        // a set that shows persons 500000 - 500002, two photos each
        ArtifactRef heldOut = heldOutSet(root + "held-out/", 500_000);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            ArtifactRef promotedModel = model(root, SIZE, 0, promotedData);
            StepStatusEvent first = evaluate(kafka, Map.of("model", promotedModel, "shards", promotedData),
                    Map.of("minimumMacroF1", 0.0, "promotionMargin", -1.0));
            assertThat(first.metrics()).as(String.valueOf(first.error())).containsEntry("promoted", 1.0);
            StepStatusEvent promotedOnTheSet = evaluate(kafka, Map.of("model", promotedModel, "shards",
                    promotedData, "heldOutStyle", heldOut), Map.of("promote", false));

            // without the set: no persons known that neither model trained on
            ArtifactRef candidate = model(root, 24, 0, candidateData);
            StepStatusEvent without = evaluate(kafka, Map.of("model", candidate, "shards", candidateData),
                    Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(EventCodec.instance().mapper().readTree(store.read(without.outputs().get("report")))
                    .at("/promotion/reason").asText()).contains("its recorded figure: it was trained on other data");

            // with it: both on its 3 persons, each model on its own 16 or 24 px preparation of the 6 photos
            StepStatusEvent with = evaluate(kafka, Map.of("model", candidate, "shards", candidateData,
                    "heldOutStyle", heldOut), Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(with.status()).as(String.valueOf(with.error())).isEqualTo(StepStatus.SUCCEEDED);
            JsonNode report = EventCodec.instance().mapper().readTree(store.read(with.outputs().get("report")));
            assertThat(report.at("/promotion/reason").asText()).contains("both on the same 3 persons of the held-out "
                    + "set", "(snapshot style), in neither model's training data, each on its own preparation of "
                    + "their photos: 6 images of 16 px and 6 of 24 px", "paired draws of the 3 persons");
            assertThat(report.at("/promotion/gain90/persons").asInt()).isEqualTo(3);
            assertThat(report.at("/promotion/previousMacroF1").asDouble())
                    .isEqualTo(promotedOnTheSet.metrics().get("heldOutStyleMacroF1"));
            assertThat(report.at("/promotion/reason").asText()).startsWith(String.format(Locale.ROOT,
                    "candidate macro F1 %.4f ", with.metrics().get("heldOutStyleMacroF1")));

            // a set whose persons the promoted model's data holds is no judge: the recorded figure again
            ArtifactRef overlapping = heldOutSet(root + "overlapping/", 1);
            StepStatusEvent seen = evaluate(kafka, Map.of("model", candidate, "shards", candidateData,
                    "heldOutStyle", overlapping), Map.of("minimumMacroF1", 0.0, "promotionMargin", 0.99));
            assertThat(EventCodec.instance().mapper().readTree(store.read(seen.outputs().get("report")))
                    .at("/promotion/reason").asText()).contains("its recorded figure: it was trained on other data");
        }
    }
}
