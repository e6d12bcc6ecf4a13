package io.maskflow.evaluator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ShardSets;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.ModelArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code evaluate} step: inputs {@code model} (a model artifact) and {@code shards} (the preprocess index it
 * was trained on). It evaluates on the hold-out persons, or on the model's validation fold when there is no
 * hold-out, with flip TTA; writes {@code report} (JSON), {@code confusionMatrix} and {@code f1Bars} (PNG); and runs
 * the promotion gate: the candidate is promoted when no model is, or when its macro F1 on the same records beats
 * the promoted model's by the margin — then {@code maskflow.models.promoted} tells serving.
 */
@ApplicationScoped
public class EvaluateStep implements StepHandler {

    /** What the gate decided and why. */
    public record Promotion(boolean promoted, String reason, ArtifactRef previousModel, Double previousMacroF1) {
    }

    /** The report artifact. */
    public record Report(ArtifactRef model, ArtifactRef data, String evaluatedOn, boolean tta,
            EvaluationFigures figures, Promotion promotion, Instant time) {
    }

    /** The record of the promoted model in the store. */
    public record Promoted(String modelId, ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            Instant time) {
    }

    @Inject
    EventSink events;

    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public StepType type() {
        return StepType.EVALUATE;
    }

    /** With promotion on, the result depends on the promoted model of the moment, so it is never cached. */
    @Override
    public boolean cacheable(StepCommand command) {
        try {
            return !StepParameters.bind(command.parameters(), EvaluateParams.DEFAULTS).promote();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        EvaluateParams params = context.parameters(EvaluateParams.DEFAULTS);
        ArtifactRef modelRef = context.input("model");
        ArtifactRef indexRef = context.input("shards");
        ArtifactStore store = context.store();
        ShardIndex index = ShardSets.index(store, indexRef);
        Path work = Files.createTempDirectory("evaluate-");
        try {
            Path candidate = work.resolve("candidate.zip");
            store.download(modelRef, candidate);
            Object fold = ModelArtifact.describe(candidate).parameters().get("validationFold");
            List<ShardRecord> all = ShardSets.records(store, index);
            boolean hasHoldout = all.stream().anyMatch(r -> r.fold() == ShardFormat.HOLDOUT);
            int evalFold = hasHoldout ? ShardFormat.HOLDOUT : fold instanceof Number n ? n.intValue() : 0;
            List<ShardRecord> records = all.stream().filter(r -> r.fold() == evalFold).toList();
            if (records.isEmpty()) {
                throw new StepFailure("empty-evaluation-set", "no records of " + describe(evalFold) + " in "
                        + indexRef.uri(), false);
            }
            Evaluator evaluator = new Evaluator();
            Evaluator.Evaluation result;
            try {
                result = evaluator.evaluate(candidate, records, index.imageSize(), params.tta());
            } catch (IllegalArgumentException e) {
                throw new StepFailure("input-size-mismatch", e.getMessage(), false, e);
            }
            double f1 = result.figures().macroF1();
            Promotion promotion = params.promote() ? gate(store, evaluator, records, index.imageSize(), params, f1,
                    work) : new Promotion(false, "promotion not asked for", null, null);

            Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
            ArtifactRef report = context.writeOutput("report.json", json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Report(modelRef, indexRef, describe(evalFold), params.tta(),
                            result.figures(), promotion, Instant.now())), "application/json");
            outputs.put("report", report);
            outputs.put("confusionMatrix", context.writeOutput("confusion.png",
                    ReportPictures.confusion(result.figures()), "image/png"));
            outputs.put("f1Bars", context.writeOutput("f1.png", ReportPictures.f1Bars(result.figures()),
                    "image/png"));
            if (promotion.promoted()) {
                promote(context, modelRef, report, f1);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("macroF1", f1);
            metrics.put("maskAccuracy", result.figures().heads().get("mask").accuracy());
            metrics.put("genderAccuracy", result.figures().heads().get("gender").accuracy());
            metrics.put("ageAccuracy", result.figures().heads().get("age").accuracy());
            metrics.put("promoted", promotion.promoted() ? 1.0 : 0.0);
            metrics.put("images", (double) records.size());
            return new StepResult(outputs, metrics);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Promotion gate(ArtifactStore store, Evaluator evaluator, List<ShardRecord> records, int imageSize,
            EvaluateParams params, double f1, Path work) throws IOException {
        Optional<ArtifactRef> record = store.stat(ArtifactKeys.promotedModel());
        if (record.isEmpty()) {
            return new Promotion(true, "no model was promoted yet", null, null);
        }
        Promoted current = json.readValue(store.read(record.get()), Promoted.class);
        Path previous = work.resolve("promoted.zip");
        store.download(current.model(), previous);
        double before;
        try {
            before = evaluator.evaluate(previous, records, imageSize, params.tta()).figures().macroF1();
        } catch (IllegalArgumentException e) {
            before = current.macroF1();
        }
        boolean better = f1 > before + params.promotionMargin();
        String reason = String.format("candidate macro F1 %.4f %s promoted model's %.4f + margin %.4f", f1,
                better ? ">" : "<=", before, params.promotionMargin());
        return new Promotion(better, reason, current.model(), before);
    }

    private void promote(StepContext context, ArtifactRef model, ArtifactRef report, double f1) throws IOException {
        String modelId = "model-" + model.sha256().substring(0, 12);
        Promoted promoted = new Promoted(modelId, model, report, f1, context.command().runId(), Instant.now());
        context.store().put(ArtifactKeys.promotedModel(), json.writeValueAsBytes(promoted), "application/json");
        events.publish(Topics.MODELS_PROMOTED, new ModelPromotedEvent(Event.SCHEMA_VERSION,
                context.command().runId(), context.command().stepId(), null, modelId, model, report,
                Map.of("macroF1", f1), null));
    }

    private static String describe(int fold) {
        return fold == ShardFormat.HOLDOUT ? "the hold-out persons" : "validation fold " + fold;
    }
}
