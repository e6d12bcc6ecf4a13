package io.maskflow.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.dev.TopicWatcher;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.vision.model.Ensemble;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** An evaluate command through the real broker: report, pictures, and the promotion gate over Kafka. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class EvaluateStepIT extends EvaluateFixtures {

    @Test
    void evaluatesWritesTheReportAndPromotesOnlyABetterModel() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        ArtifactRef model = model(root, SIZE);
        EventCodec codec = EventCodec.instance();
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS,
                Topics.MODELS_PROMOTED)) {
            // an untrained model is far below the default minimum macro F1, so this one allows any
            StepStatusEvent first = evaluate(kafka, Map.of("model", model, "shards", index), Map.of("minimumMacroF1",
                    0.0));
            assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(first.metrics()).containsKeys("macroF1", "maskAccuracy").containsEntry("promoted", 1.0)
                    .containsEntry("images", 30.0);
            String report = new String(store.read(first.outputs().get("report")), StandardCharsets.UTF_8);
            assertThat(report).contains("\"macroF1\"", "\"perClass\"", "\"confusion\"", "validation fold 0",
                    "no model was promoted yet, and macro F1", "on the validation persons reaches the minimum 0.0000");
            assertThat(ImageIO.read(new ByteArrayInputStream(store.read(first.outputs()
                    .get("confusionMatrix")))).getWidth()).isGreaterThan(500);
            ModelPromotedEvent promoted = codec.decode(kafka.await(Topics.MODELS_PROMOTED,
                    json -> json.contains(first.runId()), 1, Duration.ofSeconds(10)).get(0), ModelPromotedEvent.class);
            assertThat(promoted.model()).isEqualTo(model);
            PromotedModel record = PromotedModel.read(store.read(store.stat(ArtifactKeys.promotedModel())
                    .orElseThrow()));
            assertThat(record.promotedBy()).isEqualTo(PromotedModel.BY_THE_GATE);
            assertThat(record.reason()).startsWith("no model was promoted yet, and macro F1");

            // the same model again is not better than itself
            StepStatusEvent second = evaluate(kafka, Map.of("model", model, "shards", index), Map.of(
                    "minimumMacroF1", 0.0));
            assertThat(second.metrics()).containsEntry("promoted", 0.0);
            assertThat(new String(store.read(second.outputs().get("report")), StandardCharsets.UTF_8))
                    .contains("already the promoted one");
            // another model is judged against the promoted one on the same records
            StepStatusEvent other = evaluate(kafka, Map.of("model", model(root, SIZE, 1), "shards", index),
                    Map.of("promotionMargin", 0.99, "minimumMacroF1", 0.0));
            assertThat(other.metrics()).containsEntry("promoted", 0.0);
            assertThat(new String(store.read(other.outputs().get("report")), StandardCharsets.UTF_8))
                    .contains("promoted model's", "margin 0.9900");

            // a model for other image sizes fails, naming the cause; a missing model too
            StepStatusEvent mismatch = evaluate(kafka, Map.of("model", model(root, 32), "shards", index),
                    Map.of());
            assertThat(mismatch.status()).isEqualTo(StepStatus.FAILED);
            assertThat(mismatch.error().code()).isEqualTo("input-size-mismatch");
            StepStatusEvent missing = evaluate(kafka, Map.of("model", new ArtifactRef(model.bucket(), root
                    + "nothing.zip", 1, model.sha256()), "shards", index), Map.of());
            assertThat(missing.error().code()).isEqualTo("missing-model");
            assertThat(missing.error().message()).contains("nothing.zip");
        }
    }

    @Test
    void theHeadlineIsTheHoldOutWithTheValidationFigureBesideIt() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root, true);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared().kafkaBootstrap(), Topics.STEPS_EVENTS)) {
            StepStatusEvent done = evaluate(kafka, Map.of("model", model(root, SIZE, 1), "shards", index),
                    Map.of("promote", false));
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            // the headline is on the 18 hold-out images, the validation figure on fold 1's 30 beside it
            assertThat(done.metrics()).containsEntry("images", 18.0).containsKey("valMacroF1");
            JsonNode report = EventCodec.instance().mapper().readTree(store.read(done.outputs().get("report")));
            assertThat(report.get("evaluatedOn").asText()).startsWith("the hold-out persons (never used for "
                    + "training, validation or early stopping)");
            assertThat(report.get("validation").get("count").asInt()).isEqualTo(30);
            JsonNode figures = report.get("sideBySide");
            assertThat(figures).hasSize(2);
            assertThat(figures.get(0).get("set").asText()).isEqualTo("holdout");
            assertThat(figures.get(0).get("headline").asBoolean()).isTrue();
            assertThat(figures.get(1).get("set").asText()).isEqualTo("validation");
            assertThat(figures.get(1).get("on").asText()).startsWith("validation fold 1");
            assertThat(figures.get(1).get("macroF1").asDouble()).isEqualTo(done.metrics().get("valMacroF1"));
            // both are over persons of the split, so each has the spread of its persons' draws around it
            for (JsonNode figure : figures) {
                JsonNode persons90 = figure.get("persons90");
                assertThat(persons90.get("persons").asInt()).as(figure.get("set").asText()).isPositive();
                assertThat(persons90.get("low").asDouble()).isLessThanOrEqualTo(figure.get("macroF1").asDouble());
                assertThat(persons90.get("high").asDouble()).isGreaterThanOrEqualTo(figure.get("macroF1")
                        .asDouble());
            }
            assertThat(done.metrics()).containsEntry("macroF1Low", figures.get(0).get("persons90").get("low")
                    .asDouble()).containsKey("macroF1High");
            // the age head's answers by the persons' exact age cover every hold-out photo (persons 30..35, aged 50..55)
            JsonNode ageAnswers = report.get("ageAnswers");
            assertThat(ageAnswers.get("middleFrom").asInt()).isEqualTo(30);
            assertThat(ageAnswers.get("bands").get(0).get("from").asInt()).isEqualTo(50);
            int answered = 0;
            for (JsonNode band : ageAnswers.get("bands")) {
                answered += band.get("images").asInt();
            }
            assertThat(answered).isEqualTo(18);
            String page = new String(store.read(done.outputs().get("reportPage")), StandardCharsets.UTF_8);
            assertThat(page).contains("<b>holdout</b> (headline)", "validation fold 1", "90 % of person draws",
                    "Age answers by exact age", "answered 30 – 59");

            // "best" chooses on each model's validation fold; its members' figures are those, not the hold-out's
            Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
            inputs.put("shards", index);
            for (int fold = 0; fold < 3; fold++) {
                inputs.put("model-" + fold, model(root, SIZE, fold));
            }
            StepStatusEvent best = evaluate(kafka, inputs, Map.of("ensemble", "best", "promote", false));
            assertThat(best.status()).as(String.valueOf(best.error())).isEqualTo(StepStatus.SUCCEEDED);
            JsonNode bestReport = EventCodec.instance().mapper().readTree(store.read(best.outputs().get("report")));
            double chosen = 0;
            for (JsonNode member : bestReport.get("members")) {
                chosen = Math.max(chosen, member.get("macroF1").asDouble());
            }
            assertThat(best.metrics().get("valMacroF1")).isEqualTo(chosen);
            assertThat(best.metrics()).containsEntry("images", 18.0);
        }
    }

    @Test
    void votesOverAKFoldSetAndComputesTheOutOfFoldF1() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        inputs.put("shards", index);
        for (int fold = 0; fold < 3; fold++) {
            inputs.put("model-" + fold, model(root, SIZE, fold));
        }
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            for (String vote : List.of("soft", "hard")) {
                StepStatusEvent done = evaluate(kafka, inputs, Map.of("ensemble", vote, "promote", false));
                assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
                assertThat(done.metrics()).containsKey("oofMacroF1").containsEntry("images", 90.0);
                Ensemble ensemble = Ensemble.read(store.read(done.outputs().get("ensemble")));
                assertThat(ensemble.vote()).isEqualTo(vote);
                assertThat(ensemble.members()).containsExactly(inputs.get("model-0"), inputs.get("model-1"),
                        inputs.get("model-2"));
                String report = new String(store.read(done.outputs().get("report")), StandardCharsets.UTF_8);
                assertThat(report).contains("\"outOfFold\"", "out of fold");
                String page = new String(store.read(done.outputs().get("reportPage")), StandardCharsets.UTF_8);
                assertThat(page).contains("Out-of-fold macro F1", "data:image/png;base64,", vote + " vote of 3");
            }
            // two models validated on the same fold vote on that fold; overlapping different folds cannot vote
            ArtifactRef again = model(root + "again/", SIZE, 0);
            StepStatusEvent sameFold = evaluate(kafka, Map.of("model-0", inputs.get("model-0"), "model-1", again,
                    "shards", index), Map.of("promote", false));
            assertThat(sameFold.status()).as(String.valueOf(sameFold.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(sameFold.metrics()).doesNotContainKey("oofMacroF1").containsEntry("images", 30.0);
            StepStatusEvent mixed = evaluate(kafka, Map.of("model-0", inputs.get("model-0"), "model-1", again,
                    "model-2", inputs.get("model-1"), "shards", index), Map.of("promote", false));
            assertThat(mixed.status()).isEqualTo(StepStatus.FAILED);
            assertThat(mixed.error().code()).isEqualTo("no-common-evaluation-set");

            StepStatusEvent best = evaluate(kafka, inputs, Map.of("ensemble", "best", "promote", false));
            assertThat(best.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(List.of(inputs.get("model-0"), inputs.get("model-1"), inputs.get("model-2")))
                    .contains(best.outputs().get("best"));
        }
    }

    /**
     * A per-head ensemble: each head's member is the model with that head's highest macro F1 on its own validation
     * fold; the ensemble is written, judged on the hold-out, reported and promoted like any candidate.
     */
    @Test
    void choosesAMemberPerHeadOnTheValidationFoldsAndPromotesTheEnsemble() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root, true);
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        inputs.put("shards", index);
        for (int fold = 0; fold < 3; fold++) {
            inputs.put("model-" + fold, model(root, SIZE, fold));
        }
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS,
                Topics.MODELS_PROMOTED)) {
            // untrained models: the margin -1 lets this one replace whatever another test promoted
            StepStatusEvent done = evaluate(kafka, inputs, Map.of("ensemble", "per-head", "minimumMacroF1", 0.0,
                    "promotionMargin", -1.0));
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsEntry("images", 18.0).containsEntry("promoted", 1.0);
            ArtifactRef ensembleRef = done.outputs().get("ensemble");
            Ensemble ensemble = Ensemble.read(store.read(ensembleRef));
            assertThat(ensemble.vote()).isEqualTo("per-head");

            JsonNode report = EventCodec.instance().mapper().readTree(store.read(done.outputs().get("report")));
            assertThat(report.get("model").get("key").asText()).isEqualTo(ensembleRef.key());
            assertThat(report.get("vote").asText()).isEqualTo("per-head");
            assertThat(report.get("evaluatedOn").asText()).isEqualTo(EvaluateStep.HOLDOUT_WORDS);
            assertThat(report.get("members")).hasSize(3);
            for (String head : Ensemble.HEADS) {
                // the member of each head is the first with that head's highest figure among the three
                String best = null;
                double highest = -1;
                for (JsonNode member : report.get("members")) {
                    double figure = member.get("headMacroF1").get(head).asDouble();
                    if (figure > highest) {
                        highest = figure;
                        best = member.get("model").get("key").asText();
                    }
                }
                assertThat(report.get("memberPerHead").get(head).get("key").asText()).as(head).isEqualTo(best);
                assertThat(ensemble.memberFor(head).key()).as(head).isEqualTo(best);
            }
            assertThat(report.get("promotion").get("promoted").asBoolean()).isTrue();
            ModelPromotedEvent promoted = EventCodec.instance().decode(kafka.await(Topics.MODELS_PROMOTED,
                    json -> json.contains(done.runId()), 1, Duration.ofSeconds(10)).get(0), ModelPromotedEvent.class);
            assertThat(promoted.model()).isEqualTo(ensembleRef);
            String page = new String(store.read(done.outputs().get("reportPage")), StandardCharsets.UTF_8);
            assertThat(page).contains("per-head ensemble, chosen among 3 models: mask from", "age macro F1");
            // the other tests of this class start from no promoted model
            store.delete(List.of(ArtifactKeys.promotedModel()));

            // without a hold-out, three models validated on different folds leave no persons to judge it on
            Map<String, ArtifactRef> kFold = new LinkedHashMap<>(inputs);
            kFold.put("shards", shards(root + "no-holdout/"));
            StepStatusEvent refused = evaluate(kafka, kFold, Map.of("ensemble", "per-head", "promote", false));
            assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
            assertThat(refused.error().code()).isEqualTo("no-common-evaluation-set");
            assertThat(refused.error().message()).contains("per-head");
        }
    }

    @Test
    void writesTheSubmissionAndPseudoLabelsForAnEvalFolder() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        ArtifactRef model = model(root, SIZE);
        StringBuilder info = new StringBuilder("ImageID,ans\n");
        StringBuilder answers = new StringBuilder("ImageID,ans\n");
        for (int i = 0; i < 6; i++) {
            String id = "img" + i + ".jpg";
            info.append(id).append(",0\n");
            answers.append(id).append(',').append(i * 3).append('\n');
            store.put(root + "data/eval/images/" + id, photo(i), "image/jpeg");
        }
        store.put(root + "data/eval/info.csv", info.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put(root + "data/answers/eval-answers.csv", answers.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
        ArtifactRef dataset = store.put(root + "data/dataset.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            StepStatusEvent done = evaluate(kafka, Map.of("model", model, "shards", index, "eval", dataset),
                    Map.of("promote", false, "pseudoLabelThreshold", 0.001));
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            String submission = new String(store.read(done.outputs().get("submission")), StandardCharsets.UTF_8);
            assertThat(submission.lines().toList()).hasSize(7).first().isEqualTo("ImageID,ans");
            assertThat(submission.lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("img0.jpg",
                    "img1.jpg", "img2.jpg", "img3.jpg", "img4.jpg", "img5.jpg");
            assertThat(done.metrics()).containsKey("evalMacroF1").containsEntry("pseudoLabels", 6.0);
            // answers that do not say whose each photo is give the eval folder's figure without a spread
            JsonNode sideBySide = EventCodec.instance().mapper().readTree(store.read(done.outputs().get("report")))
                    .get("sideBySide");
            JsonNode evalRow = sideBySide.get(sideBySide.size() - 1);
            assertThat(evalRow.get("set").asText()).isEqualTo("evalFolder");
            assertThat(evalRow.path("persons90").isObject()).isFalse();
            ArtifactRef pseudo = done.outputs().get("pseudoLabels");
            assertThat(pseudo.key()).endsWith("pseudo/train/train.csv");
            List<String> rows = new String(store.read(pseudo), StandardCharsets.UTF_8).lines().toList();
            assertThat(rows).hasSize(7);
            String folder = rows.get(1).split(",")[4];
            String prefix = pseudo.key().substring(0, pseudo.key().length() - "train/train.csv".length());
            assertThat(store.list(prefix + "train/images/" + folder + "/")).hasSize(1);

            // a missing and a broken eval image keep their rows, are answered with the fallback class and reported,
            // and are never pseudo-labelled
            store.put(root + "data/eval/info.csv", (info + "lost.jpg,0\nbroken.jpg,0\n").getBytes(
                    StandardCharsets.UTF_8), "text/csv");
            store.put(root + "data/eval/images/broken.jpg", java.util.Arrays.copyOf(photo(1), 30), "image/jpeg");
            ArtifactRef changed = store.put(root + "data/dataset.json", "{\"version\":2}".getBytes(
                    StandardCharsets.UTF_8), "application/json");
            StepStatusEvent damaged = evaluate(kafka, Map.of("model", model, "shards", index, "eval", changed),
                    Map.of("promote", false, "pseudoLabelThreshold", 0.001));
            assertThat(damaged.status()).as(String.valueOf(damaged.error())).isEqualTo(StepStatus.SUCCEEDED);
            List<String> answered = new String(store.read(damaged.outputs().get("submission")),
                    StandardCharsets.UTF_8).lines().toList();
            assertThat(answered).hasSize(9);
            assertThat(answered.get(7)).startsWith("lost.jpg,");
            assertThat(answered.get(8)).startsWith("broken.jpg,");
            assertThat(damaged.metrics()).containsEntry("evalUnreadable", 2.0).containsEntry("pseudoLabels", 6.0);
            JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.read(
                    damaged.outputs().get("report")));
            assertThat(report.path("evalSet").path("unreadable").path("lost.jpg").asText())
                    .contains("is not in the data set");
            assertThat(report.path("evalSet").path("unreadable").has("broken.jpg")).isTrue();
            assertThat(answered.get(7).split(",")[1]).isEqualTo(report.path("evalSet").path("fallbackClass")
                    .asText());
        }
    }

    /** A data set of another drawing style gives the leave-one-style-out figures beside the usual ones. */
    @Test
    void reportsTheHeldOutStyleFiguresBesideTheUsualOnes() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root, true);
        ArtifactRef model = model(root, SIZE, 1);
        StringBuilder info = new StringBuilder("ImageID,ans\n");
        // the generator's kept answers also say whose each photo is: three persons of two photos here
        StringBuilder answers = new StringBuilder("ImageID,ans,person\n");
        for (int i = 0; i < 6; i++) {
            String id = "other" + i + ".jpg";
            info.append(id).append(",0\n");
            answers.append(id).append(',').append(i * 3).append(',').append(500_000 + i / 2).append('\n');
            store.put(root + "snapshot/eval/images/" + id, photo(i), "image/jpeg");
        }
        store.put(root + "snapshot/eval/info.csv", info.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        ArtifactRef unanswered = store.put(root + "snapshot/dataset.json", "{\"style\": \"snapshot\"}".getBytes(
                StandardCharsets.UTF_8), "application/json");
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            StepStatusEvent refused = evaluate(kafka, Map.of("model", model, "shards", index, "heldOutStyle",
                    unanswered), Map.of("promote", false));
            assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
            assertThat(refused.error().code()).isEqualTo("missing-answers");
            assertThat(refused.error().message()).contains("heldOutStyle", "answers/eval-answers.csv");

            store.put(root + "snapshot/answers/eval-answers.csv", answers.toString().getBytes(
                    StandardCharsets.UTF_8), "text/csv");
            // and the generator keeps the eval persons' drawing values beside them
            store.put(root + "snapshot/answers/eval-cues.csv", ("person,facial_hair,long_hair,jaw\n"
                    + "500000,1,0,0.5\n500001,0,1,0.6\n500002,0,0,0.7\n").getBytes(StandardCharsets.UTF_8), "text/csv");
            ArtifactRef other = store.put(root + "snapshot/dataset.json", "{\"style\": \"snapshot\", \"n\": 2}"
                    .getBytes(StandardCharsets.UTF_8), "application/json");
            ArtifactRef classicTraining = store.put(root + "classic/dataset.json", "{\"style\": \"classic\"}"
                    .getBytes(StandardCharsets.UTF_8), "application/json");
            StepStatusEvent done = evaluate(kafka, Map.of("model", model, "shards", index, "heldOutStyle", other,
                    "eval", classicTraining), Map.of("promote", false));
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(done.metrics()).containsEntry("images", 18.0).containsEntry("heldOutStyleImages", 6.0)
                    .containsKeys("heldOutStyleMacroF1", "heldOutStyleMaskAccuracy", "heldOutStyleGenderAccuracy",
                            "heldOutStyleAgeAccuracy", "heldOutStyleMenRecall", "heldOutStyleWomenRecall",
                            "heldOutStyleGenderAccuracyMasked", "heldOutStyleGenderAccuracyUnmasked");
            JsonNode report = EventCodec.instance().mapper().readTree(store.read(done.outputs().get("report")));
            assertThat(report.path("heldOutStyle").path("style").asText()).isEqualTo("snapshot");
            assertThat(report.path("heldOutStyle").path("figures").path("heads").has("gender")).isTrue();
            JsonNode byCue = report.path("heldOutStyle").path("genderByCue").path("rows");
            assertThat(byCue.findValuesAsText("cue")).as(byCue.toString()).contains("facial_hair", "long_hair")
                    .doesNotContain("jaw");
            int photos = 0;
            for (JsonNode row : byCue) {
                photos += "long_hair".equals(row.get("cue").asText()) ? row.get("photos").asInt() : 0;
            }
            assertThat(photos).as("every photo once per cue").isEqualTo(6);
            JsonNode figures = report.get("sideBySide");
            assertThat(figures).hasSize(3);
            assertThat(figures.get(0).get("set").asText()).isEqualTo("holdout");
            assertThat(figures.get(2).get("set").asText()).isEqualTo("heldOutStyle");
            assertThat(figures.get(2).get("on").asText()).contains("snapshot style", "leave-one-style-out");
            assertThat(report.path("heldOutStyle").path("trainedStyle").asText()).isEqualTo("classic");
            assertThat(figures.get(2).get("macroF1").asDouble()).isEqualTo(done.metrics().get("heldOutStyleMacroF1"));
            assertThat(figures.get(2).path("persons90").path("persons").asInt()).isEqualTo(3);
            assertThat(figures.get(2).path("persons90").path("low").asDouble())
                    .isLessThanOrEqualTo(figures.get(2).get("macroF1").asDouble());
            String page = new String(store.read(done.outputs().get("reportPage")), StandardCharsets.UTF_8);
            assertThat(page).contains("Gender answered right by what the generator drew on the person");
            assertThat(page).contains("Leave-one-style-out, on 6 images drawn in the snapshot style",
                    "<th>men answered men</th>", "<td>snapshot style</td>");

            // a mixed training set says which styles it mixed: without snapshot, the figure is leave-one-style-out
            ArtifactRef mixedTraining = store.put(root + "mixed/dataset.json", ("{\"style\": \"mixed\", "
                    + "\"styles\": [\"classic\", \"studio\"]}").getBytes(StandardCharsets.UTF_8),
                    "application/json");
            StepStatusEvent mixed = evaluate(kafka, Map.of("model", model, "shards", index, "heldOutStyle", other,
                    "eval", mixedTraining), Map.of("promote", false));
            assertThat(mixed.status()).as(String.valueOf(mixed.error())).isEqualTo(StepStatus.SUCCEEDED);
            JsonNode mixedReport = EventCodec.instance().mapper().readTree(store.read(mixed.outputs().get("report")));
            assertThat(mixedReport.path("heldOutStyle").path("trainedStyles").toString())
                    .isEqualTo("[\"classic\",\"studio\"]");
            assertThat(mixedReport.get("sideBySide").get(2).get("on").asText()).contains("leave-one-style-out");
        }
    }

    @Test
    void restPublishesAnEvaluationAndServesItsReports() throws Exception {
        String root = "it/" + UUID.randomUUID() + "/";
        ArtifactRef index = shards(root);
        ArtifactRef model = model(root, SIZE);
        try (TopicWatcher kafka = new TopicWatcher(LocalStack.shared(), Topics.STEPS_EVENTS)) {
            String runId = given().contentType(ContentType.JSON).body(Map.of("models", List.of(model.key()),
                    "shards", index.key(), "parameters", Map.of("promote", false))).post("/evaluations").then()
                    .statusCode(202).body("commandTopic", equalTo("maskflow.steps.evaluate")).extract().path("runId");
            StepStatusEvent done = EventCodec.instance().decode(kafka.await(Topics.STEPS_EVENTS,
                    json -> json.contains(runId) && json.contains("SUCCEEDED"), 1, Duration.ofSeconds(90)).get(0),
                    StepStatusEvent.class);
            given().queryParam("key", done.outputs().get("reportPage").key()).get("/reports").then().statusCode(200)
                    .contentType(containsString("text/html")).body(containsString("Evaluation: macro F1"))
                    .header("Content-Security-Policy", startsWith("sandbox; default-src 'none';"))
                    .header("X-Content-Type-Options", "nosniff");
            given().queryParam("key", done.outputs().get("misclassified").key()).get("/reports").then()
                    .statusCode(200).contentType("image/png");
        }
        given().contentType(ContentType.JSON).body(Map.of("shards", index.key())).post("/evaluations").then()
                .statusCode(400).body("error", containsString("give models"));
        given().contentType(ContentType.JSON).body(Map.of("models", List.of(root + "none.zip"), "shards",
                index.key())).post("/evaluations").then().statusCode(404).body("error", containsString("none.zip"));
        given().contentType(ContentType.JSON).body(Map.of("models", List.of(model.key()), "shards", index.key(),
                "parameters", Map.of("ensemble", "average"))).post("/evaluations").then().statusCode(400)
                .body("error", containsString("ensemble"));
        given().queryParam("key", "models/promoted.json").get("/reports").then().statusCode(400);
        given().queryParam("key", "steps/evaluate/nothing/report.json").get("/reports").then().statusCode(404);
        // the key of an object that is no shard index (the model itself): refused now, not a step failing later
        given().contentType(ContentType.JSON).body(Map.of("models", List.of(model.key()), "shards", model.key()))
                .post("/evaluations").then().statusCode(400).body("error", containsString("is not a shard index"));
        // and a model that is none (the shard index), an empty key, more models than a grid has: refused too
        given().contentType(ContentType.JSON).body(Map.of("models", List.of(index.key()), "shards", index.key()))
                .post("/evaluations").then().statusCode(400).body("error", containsString("is not a Maskflow"));
        given().contentType(ContentType.JSON).body(Map.of("models", List.of(model.key(), ""), "shards", index.key()))
                .post("/evaluations").then().statusCode(400).body("error", containsString("models[1] is empty"));
        given().contentType(ContentType.JSON).body(Map.of("models", java.util.Collections.nCopies(101, model.key()),
                "shards", index.key())).post("/evaluations").then().statusCode(400)
                .body("error", containsString("at most 100 models"));
    }
}
