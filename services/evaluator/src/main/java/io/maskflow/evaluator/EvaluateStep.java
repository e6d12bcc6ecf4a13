package io.maskflow.evaluator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.sdk.store.ShardSets;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code evaluate} step. Inputs: {@code model} (a model artifact or an ensemble), or several
 * {@code model-<n>} (the k models of a k-fold run, or different architectures); {@code shards} (the preprocess
 * index they were trained on); optionally {@code eval}, a data set with a competition-style {@code eval/} folder.
 *
 * <p>It evaluates on the hold-out persons — or, without a hold-out, on the single model's validation fold or out
 * of fold — with flip TTA (and multi-crop on request). Several models combine by {@code ensemble}: {@code soft}
 * or {@code hard} vote (output {@code ensemble}, an {@code ensemble.json} that serving loads like a model) or
 * {@code best} (output {@code best}, the member with the highest macro F1). For a k-fold set of models it also
 * computes the out-of-fold macro F1. It writes {@code report} (JSON), {@code reportPage} (HTML),
 * {@code confusionMatrix}, {@code f1Bars} and {@code misclassified} (PNG); for an {@code eval} input the
 * {@code submission} CSV and, when {@code pseudoLabelThreshold} is above 0, {@code pseudoLabels} (a data set in the
 * competition layout). With input {@code heldOutStyle}, a generated data set drawn in another style than the
 * training data (its eval folder and kept answers), it also gives the leave-one-style-out figures: macro F1 and
 * per-head accuracies on persons drawn in a style the model never trained on. Then the promotion gate: the
 * candidate is promoted when no model is, or when its macro F1 on the same records beats the promoted one's by the
 * margin — and {@code maskflow.models.promoted} tells serving.
 */
@ApplicationScoped
public class EvaluateStep implements StepHandler {

    /**
     * Part of the cache key. 2: the report gives hold-out, validation and eval-folder figures side by side, and
     * {@code best} chooses on the validation folds. 3: the report has the leave-one-style-out figures
     * ({@code heldOutStyle}).
     */
    static final String VERSION = "4";

    /** What the gate decided and why. */
    public record Promotion(boolean promoted, String reason, ArtifactRef previousModel, Double previousMacroF1) {
    }

    /**
     * One member of a multi-model evaluation and its macro F1 (null when not run): on the evaluation records for a
     * vote, on the model's own validation fold for {@code best} and {@code per-head}; for {@code per-head} also each
     * head's macro F1 there, which chose the member of each head ({@link PerHeadChoice}).
     */
    public record Member(ArtifactRef model, Double macroF1, Map<String, Double> headMacroF1) {

        public Member(ArtifactRef model, Double macroF1) {
            this(model, macroF1, null);
        }
    }

    /**
     * Predictions on an eval folder: how many, the macro F1 against the kept answers when there are some, and the
     * images that could not be read (image id to reason; each still has its row, answered with the fallback class).
     */
    public record EvalSet(int count, Double macroF1, ArtifactRef submission, Map<String, String> unreadable,
            Integer fallbackClass) {
    }

    /**
     * Leave-one-style-out: the candidate on a data set drawn in a style it did not train on.
     *
     * @param style the style its manifest records ({@code classic} when it records none)
     * @param data the data set
     * @param figures macro F1, per-class and per-head figures on its eval folder, against its kept answers
     * @param unreadable images that could not be read (answered with the training data's most frequent class)
     */
    public record HeldOutStyle(String style, ArtifactRef data, EvaluationFigures figures, int unreadable) {
    }

    /** The input that asks for the leave-one-style-out figures. */
    static final String HELD_OUT_STYLE = "heldOutStyle";

    /**
     * One of the figures the report gives side by side.
     *
     * @param set {@code holdout}, {@code validation}, {@code outOfFold}, {@code evalFolder} or {@code heldOutStyle}
     * @param on what the records are, in words
     * @param macroF1 macro F1 over the 18 classes (null for an eval folder without answers)
     * @param images how many images the figure is over
     * @param headline whether this is the report's headline figure ({@code figures})
     */
    public record Figure(String set, String on, Double macroF1, int images, boolean headline) {
    }

    /**
     * The report artifact. {@code figures} are the headline: the hold-out persons when the split has some (never
     * used for training, validation or early stopping), else the validation fold or out of fold, as
     * {@code evaluatedOn} says; {@code validation} is the validation fold's (it chose the epoch and the recipe, so
     * it flatters the model); {@code sideBySide} lists every figure with what it was measured on;
     * {@code memberPerHead}, for a {@code per-head} ensemble, the model that answers each head.
     */
    public record Report(ArtifactRef model, ArtifactRef data, String evaluatedOn, boolean tta, boolean multiCrop,
            String vote, List<Member> members, Map<String, ArtifactRef> memberPerHead, EvaluationFigures figures,
            EvaluationFigures validation, EvaluationFigures outOfFold, EvalSet evalSet, String evalNote,
            HeldOutStyle heldOutStyle, List<Figure> sideBySide, Map<String, int[]> trainingImages, Promotion promotion,
            Instant time) {
    }

    /** The record of the promoted model in the store. */
    public record Promoted(String modelId, ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            Instant time, String signature) {
    }

    /** The records a figure came from, with their predictions, for the pictures. */
    private record Judged(List<ShardRecord> records, Evaluator.Evaluation evaluation) {
    }

    @Inject
    Promoter promoter;

    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public StepType type() {
        return StepType.EVALUATE;
    }

    @Override
    public String codeVersion() {
        return VERSION;
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

    /** The model inputs: {@code model}, or {@code model-<n>} in the order of n. */
    static List<ArtifactRef> modelInputs(Map<String, ArtifactRef> inputs) {
        List<Map.Entry<String, ArtifactRef>> models = new ArrayList<>();
        for (Map.Entry<String, ArtifactRef> e : inputs.entrySet()) {
            if (e.getKey().equals("model") || e.getKey().matches("model-\\d+")) {
                models.add(e);
            }
        }
        models.sort(Comparator.comparingInt(e -> e.getKey().equals("model") ? -1
                : Integer.parseInt(e.getKey().substring("model-".length()))));
        return models.stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        EvaluateParams params = context.parameters(EvaluateParams.DEFAULTS);
        List<ArtifactRef> modelRefs = modelInputs(context.command().inputs());
        if (modelRefs.isEmpty()) {
            throw new StepFailure("missing-input", "step " + context.command().stepId() + " needs input 'model' (or "
                    + "'model-0', 'model-1', ...); it got " + context.command().inputs().keySet(), false);
        }
        ArtifactRef indexRef = context.input("shards");
        ArtifactRef evalRef = context.command().inputs().get("eval");
        if (params.pseudoLabelThreshold() > 0 && evalRef == null) {
            throw new StepFailure("missing-input", "pseudoLabelThreshold " + params.pseudoLabelThreshold()
                    + " needs input 'eval' (a data set with an eval/ folder)", false);
        }
        ArtifactStore store = context.store();
        ShardIndex index = ShardSets.index(store, indexRef);
        int size = index.imageSize();
        Path work = Files.createTempDirectory("evaluate-");
        try {
            List<Candidate> models = new ArrayList<>();
            for (ArtifactRef ref : modelRefs) {
                models.add(Candidate.fetch(store, ref, work, size));
            }
            List<ShardRecord> all = ShardSets.records(store, index);
            Evaluator evaluator = new Evaluator(context::checkStop);
            boolean hasHoldout = all.stream().anyMatch(r -> r.fold() == ShardFormat.HOLDOUT);
            List<ShardRecord> records = null;
            String evaluatedOn = "out of fold";
            if (hasHoldout) {
                records = fold(all, ShardFormat.HOLDOUT);
                evaluatedOn = HOLDOUT_WORDS;
            } else if (models.stream().map(Candidate::validationFold).distinct().count() == 1) {
                int fold = Math.max(0, models.get(0).validationFold());
                records = fold(all, fold);
                evaluatedOn = "validation fold " + fold;
            }
            if (records != null && records.isEmpty()) {
                throw new StepFailure("empty-evaluation-set", "no records of " + evaluatedOn + " in "
                        + indexRef.uri(), false);
            }
            Judged oof = models.size() > 1 ? outOfFold(evaluator, models, all, size, params) : null;
            boolean perHead = params.ensemble().equals(Ensemble.PER_HEAD);
            if (records == null && (oof == null || perHead) && !params.ensemble().equals("best")) {
                throw new StepFailure("no-common-evaluation-set", "the split has no hold-out, and the "
                        + models.size() + " models were validated on different folds, so there is no set of persons "
                        + "none of them trained on" + (perHead ? " to judge a per-head ensemble on" : " nor an "
                        + "out-of-fold set to judge their vote on"), false);
            }

            Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
            List<Member> members = new ArrayList<>();
            Candidate candidate;
            Judged judged;
            Judged validation = null;
            String vote = null;
            Map<String, ArtifactRef> memberPerHead = null;
            if (models.size() == 1) {
                candidate = models.get(0);
                if (params.ensemble().equals("best")) {
                    outputs.put("best", candidate.ref()); // the best of one: a search's other trials all stopped
                }
                judged = judge(evaluator, candidate, records, size, params);
                if (hasHoldout) {
                    validation = judge(evaluator, candidate, fold(all, Math.max(0, candidate.validationFold())),
                            size, params);
                }
            } else if (params.ensemble().equals("best")) {
                // the best model is chosen on each one's own validation fold, never on the hold-out: a choice made
                // on the hold-out would make its figure flatter the winner
                Judged best = null;
                Candidate winner = null;
                for (Candidate m : models) {
                    Judged j = judge(evaluator, m, fold(all, Math.max(0, m.validationFold())), size, params);
                    members.add(new Member(m.ref(), j.evaluation().figures().macroF1()));
                    if (best == null || j.evaluation().figures().macroF1() > best.evaluation().figures().macroF1()) {
                        best = j;
                        winner = m;
                    }
                }
                candidate = winner;
                if (records == null) {
                    judged = best;
                    evaluatedOn = "each model's own validation fold";
                } else {
                    judged = judge(evaluator, winner, records, size, params);
                    validation = best;
                }
                outputs.put("best", winner.ref());
            } else if (perHead) {
                vote = Ensemble.PER_HEAD;
                Ensemble ensemble = PerHeadChoice.ensemble(evaluator, models, all, size, params, members);
                memberPerHead = PerHeadChoice.memberPerHead(ensemble);
                ArtifactRef ensembleRef = context.writeOutput("ensemble.json", ensemble.toJson(), "application/json");
                outputs.put("ensemble", ensembleRef);
                candidate = Candidate.fetch(store, ensembleRef, work, size);
                judged = judge(evaluator, candidate, records, size, params);
                if (hasHoldout && candidate.singleValidationFold() >= 0) {
                    validation = judge(evaluator, candidate, fold(all, candidate.singleValidationFold()), size,
                            params);
                } else if (!hasHoldout) {
                    evaluatedOn += " (it also chose the member of each head, so the figure flatters the ensemble)";
                }
            } else {
                vote = params.ensemble();
                Ensemble ensemble = Ensemble.of(vote, size, modelRefs);
                ArtifactRef ensembleRef = context.writeOutput("ensemble.json", ensemble.toJson(), "application/json");
                outputs.put("ensemble", ensembleRef);
                candidate = Candidate.fetch(store, ensembleRef, work, size);
                if (records != null) {
                    for (Candidate m : models) {
                        members.add(new Member(m.ref(), judge(evaluator, m, records, size, params).evaluation()
                                .figures().macroF1()));
                    }
                    judged = judge(evaluator, candidate, records, size, params);
                } else {
                    models.forEach(m -> members.add(new Member(m.ref(), null)));
                    judged = oof;
                }
            }
            double f1 = judged.evaluation().figures().macroF1();

            EvalSet evalSet = null;
            String evalNote = null;
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (evalRef != null) {
                DatasetFiles evalFiles = DatasetFiles.open(store, evalRef);
                if (EvalFolder.present(evalFiles)) {
                    evalSet = predictEvalFolder(context, evalFiles, candidate, evaluator, index, params, outputs,
                            metrics);
                } else if (params.pseudoLabelThreshold() > 0) {
                    throw new StepFailure("missing-eval-set", "pseudo-labels need an eval/info.csv, and "
                            + evalFiles.name() + " has none", false);
                } else {
                    evalNote = "the data set " + evalFiles.name() + " has no eval/info.csv, so no submission was "
                            + "written";
                }
            }

            ArtifactRef otherStyle = context.command().inputs().get(HELD_OUT_STYLE);
            HeldOutStyle heldOut = otherStyle == null ? null : heldOutStyle(DatasetFiles.open(store, otherStyle),
                    otherStyle, candidate, evaluator, index, params, metrics);

            EvaluationFigures figures = judged.evaluation().figures();
            EvaluationFigures validationFigures = validation == null ? null : validation.evaluation().figures();
            EvaluationFigures oofFigures = oof == null ? null : oof.evaluation().figures();
            List<Figure> figuresSideBySide = sideBySide(evaluatedOn, figures, validationFigures,
                    candidate.validationFold(), oof == judged ? null : oofFigures, evalSet);
            if (heldOut != null) {
                figuresSideBySide.add(new Figure("heldOutStyle", "persons drawn in the " + heldOut.style()
                        + " style, which the model did not train on (leave-one-style-out)",
                        heldOut.figures().macroF1(), heldOut.figures().count(), false));
            }
            String on = evaluatedOn;
            String voted = vote;
            Map<String, ArtifactRef> headMembers = memberPerHead;
            Candidate chosen = candidate;
            EvalSet predicted = evalSet;
            String note = evalNote;
            Report[] written = new Report[1];
            Promoter.ReportWriter reports = decision -> {
                written[0] = new Report(chosen.ref(), indexRef, on, params.tta(), params.multiCrop(), voted, members,
                        headMembers, figures, validationFigures, oofFigures, predicted, note, heldOut,
                        figuresSideBySide, index.classCountsByInput(), decision, Instant.now());
                return context.writeOutput("report.json", json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(written[0]), "application/json");
            };
            ArtifactRef reportRef;
            Promotion promotion;
            if (params.promote()) {
                // the gate decides against the promoted model of the moment; the promoter writes only when that is
                // still the promoted one, else the gate decides again against the new one
                boolean holdout = hasHoldout;
                List<ShardRecord> judgedOn = records;
                context.checkStop();
                Promoter.Outcome outcome = promoter.promoteIfBetter(candidate.ref(), f1, context.command().runId(),
                        context.command().stepId(), current -> gate(store, evaluator, chosen, indexRef, all, holdout,
                                judgedOn, size, params, f1, work, current), reports);
                promotion = outcome.promotion();
                reportRef = outcome.report();
                metrics.put("promotionRacesLost", (double) outcome.racesLost());
            } else {
                promotion = new Promotion(false, "promotion not asked for", null, null);
                reportRef = reports.write(promotion);
            }
            Report report = written[0];
            outputs.put("report", reportRef);
            Map<String, byte[]> pictures = new LinkedHashMap<>();
            pictures.put("Confusion matrix", ReportPictures.confusion(figures));
            pictures.put("F1 per class", ReportPictures.f1Bars(figures));
            pictures.put("Misclassified images", ReportPictures.misclassified(judged.records(),
                    judged.evaluation().predicted(), judged.evaluation().probabilities(), size, 24));
            outputs.put("confusionMatrix", context.writeOutput("confusion.png", pictures.get("Confusion matrix"),
                    "image/png"));
            outputs.put("f1Bars", context.writeOutput("f1.png", pictures.get("F1 per class"), "image/png"));
            outputs.put("misclassified", context.writeOutput("misclassified.png", pictures.get(
                    "Misclassified images"), "image/png"));
            outputs.put("reportPage", context.writeOutput("report.html", ReportPage.html(report, pictures),
                    "text/html"));
            metrics.put("macroF1", f1);
            if (evaluatedOn.equals(HOLDOUT_WORDS)) {
                metrics.put("holdoutMacroF1", f1);
            }
            if (validationFigures != null) {
                metrics.put("valMacroF1", validationFigures.macroF1());
            }
            metrics.put("maskAccuracy", figures.heads().get("mask").accuracy());
            metrics.put("genderAccuracy", figures.heads().get("gender").accuracy());
            metrics.put("ageAccuracy", figures.heads().get("age").accuracy());
            if (oof != null) {
                metrics.put("oofMacroF1", oof.evaluation().figures().macroF1());
            }
            metrics.put("promoted", promotion.promoted() ? 1.0 : 0.0);
            metrics.put("images", (double) figures.count());
            return new StepResult(outputs, metrics);
        } finally {
            ModelArtifact.deleteTree(work);
        }
    }

    /** Predicts every image of the eval folder, writes the submission (and pseudo-labels when asked for). */
    private EvalSet predictEvalFolder(StepContext context, DatasetFiles evalFiles, Candidate candidate,
            Evaluator evaluator, ShardIndex index, EvaluateParams params, Map<String, ArtifactRef> outputs,
            Map<String, Double> metrics) throws IOException, StepFailure {
        int size = index.imageSize();
        EvalFolder.Prepared prepared = EvalFolder.prepare(evalFiles, candidate.descriptor());
        float[][] probabilities = candidate.probabilities(evaluator, prepared.records(), size, params.tta(),
                params.multiCrop());
        int fallback = mostFrequent(index.classCounts());
        EvalFolder.answerUnreadable(prepared, probabilities, fallback);
        Evaluator.Evaluation onEval = Evaluator.Evaluation.of(prepared.answered() ? prepared.truth()
                : new int[prepared.records().size()], probabilities);
        ArtifactRef submission = context.writeOutput("submission.csv", EvalFolder.submission(prepared.imageIds(),
                onEval.predicted()), "text/csv");
        outputs.put("submission", submission);
        Map<String, String> unreadable = new LinkedHashMap<>();
        prepared.unreadable().forEach((row, reason) -> unreadable.put(prepared.imageIds().get(row), reason));
        if (prepared.answered()) {
            metrics.put("evalMacroF1", onEval.figures().macroF1());
        }
        metrics.put("evalImages", (double) prepared.records().size());
        metrics.put("evalUnreadable", (double) unreadable.size());
        if ("face".equals(candidate.descriptor().preprocessing().get("crop"))) {
            metrics.put("evalFaceFallbacks", (double) prepared.faceFallbacks());
        }
        if (params.pseudoLabelThreshold() > 0) {
            PseudoLabels.Written pseudo = PseudoLabels.write(context.store(), context.outputPrefix() + "pseudo/",
                    evalFiles, prepared.imageIds(), probabilities, prepared.unreadable().keySet(),
                    params.pseudoLabelThreshold(), candidate.descriptor());
            outputs.put("pseudoLabels", pseudo.trainCsv());
            metrics.put("pseudoLabels", (double) pseudo.kept());
        }
        return new EvalSet(prepared.records().size(), prepared.answered() ? onEval.figures().macroF1() : null,
                submission, unreadable, unreadable.isEmpty() ? null : fallback);
    }

    /**
     * The candidate on the eval folder of a data set in another drawing style, against its kept answers; its style
     * is the one its manifest ({@code dataset.json}) records.
     */
    private HeldOutStyle heldOutStyle(DatasetFiles files, ArtifactRef ref, Candidate candidate, Evaluator evaluator,
            ShardIndex index, EvaluateParams params, Map<String, Double> metrics) throws IOException, StepFailure {
        if (!EvalFolder.present(files)) {
            throw new StepFailure("missing-eval-set", "input '" + HELD_OUT_STYLE + "' (" + files.name() + ") has no "
                    + "eval/info.csv: it must be a generated data set in another drawing style", false);
        }
        EvalFolder.Prepared prepared = EvalFolder.prepare(files, candidate.descriptor());
        if (!prepared.answered() || prepared.records().isEmpty()) {
            throw new StepFailure("missing-answers", "input '" + HELD_OUT_STYLE + "' (" + files.name() + ") has no "
                    + "true answers for every eval image (" + EvalFolder.ANSWERS + "), so it cannot be scored", false);
        }
        float[][] probabilities = candidate.probabilities(evaluator, prepared.records(), index.imageSize(),
                params.tta(), params.multiCrop());
        EvalFolder.answerUnreadable(prepared, probabilities, mostFrequent(index.classCounts()));
        EvaluationFigures figures = Evaluator.Evaluation.of(prepared.truth(), probabilities).figures();
        metrics.put("heldOutStyleMacroF1", figures.macroF1());
        metrics.put("heldOutStyleMaskAccuracy", figures.heads().get("mask").accuracy());
        metrics.put("heldOutStyleGenderAccuracy", figures.heads().get("gender").accuracy());
        metrics.put("heldOutStyleAgeAccuracy", figures.heads().get("age").accuracy());
        metrics.put("heldOutStyleImages", (double) figures.count());
        return new HeldOutStyle(styleOf(files), ref, figures, prepared.unreadable().size());
    }

    /** The drawing style a generated data set's manifest records; {@code classic} for manifests from before styles. */
    static String styleOf(DatasetFiles files) throws IOException {
        if (!files.exists("dataset.json")) {
            return "unknown";
        }
        com.fasterxml.jackson.databind.JsonNode manifest = EventCodec.instance().mapper().readTree(
                files.read("dataset.json"));
        return manifest.path("style").asText("classic");
    }

    /** What the report calls the hold-out persons. */
    static final String HOLDOUT_WORDS = "the hold-out persons (never used for training, validation or early stopping)";

    /** The report's figures side by side, the headline first, each saying what it was measured on. */
    static List<Figure> sideBySide(String evaluatedOn, EvaluationFigures headline, EvaluationFigures validation,
            int validationFold, EvaluationFigures outOfFold, EvalSet evalSet) {
        List<Figure> list = new ArrayList<>();
        String set = evaluatedOn.equals(HOLDOUT_WORDS) ? "holdout" : evaluatedOn.equals("out of fold") ? "outOfFold"
                : "validation";
        list.add(new Figure(set, evaluatedOn, headline.macroF1(), headline.count(), true));
        if (validation != null) {
            list.add(new Figure("validation", "validation fold " + Math.max(0, validationFold) + " (it chose the "
                    + "epoch and the recipe, so it flatters the model)", validation.macroF1(), validation.count(),
                    false));
        }
        if (outOfFold != null) {
            list.add(new Figure("outOfFold", "out of fold (each training person predicted by the model that did not "
                    + "train on it)", outOfFold.macroF1(), outOfFold.count(), false));
        }
        if (evalSet != null) {
            list.add(new Figure("evalFolder", "the data set's eval folder" + (evalSet.macroF1() == null
                    ? " (no answers kept, so no figure)" : " (persons outside the split, against the kept answers)"),
                    evalSet.macroF1(), evalSet.count(), false));
        }
        return list;
    }

    private static int mostFrequent(int[] counts) {
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        return best;
    }

    private static List<ShardRecord> fold(List<ShardRecord> all, int fold) {
        return all.stream().filter(r -> r.fold() == fold).toList();
    }

    private static Judged judge(Evaluator evaluator, Candidate candidate, List<ShardRecord> records, int size,
            EvaluateParams params) throws IOException {
        int[] truth = records.stream().mapToInt(ShardRecord::label).toArray();
        return new Judged(records, Evaluator.Evaluation.of(truth, candidate.probabilities(evaluator, records, size,
                params.tta(), params.multiCrop())));
    }

    /**
     * Out-of-fold predictions: every training person predicted by the model that held its fold out. Only when the
     * models' validation folds are distinct (a k-fold set); null otherwise.
     */
    private static Judged outOfFold(Evaluator evaluator, List<Candidate> models, List<ShardRecord> all, int size,
            EvaluateParams params) throws IOException {
        Set<Integer> folds = new HashSet<>();
        for (Candidate m : models) {
            if (m.validationFold() < 0 || !folds.add(m.validationFold())) {
                return null;
            }
        }
        List<ShardRecord> records = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        for (Candidate m : models) {
            List<ShardRecord> own = fold(all, m.validationFold());
            records.addAll(own);
            probabilities.addAll(Arrays.asList(m.probabilities(evaluator, own, size, params.tta(),
                    params.multiCrop())));
        }
        if (records.isEmpty()) {
            return null;
        }
        int[] truth = records.stream().mapToInt(ShardRecord::label).toArray();
        return new Judged(records, Evaluator.Evaluation.of(truth, probabilities.toArray(float[][]::new)));
    }

    /**
     * The promotion gate. A candidate is promoted only when its macro F1 reaches {@code minimumMacroF1} (so a
     * first model that learnt nothing is not served) and, when a model is promoted already, beats that model's
     * macro F1 by the margin on persons neither model trained on: the hold-out persons of the candidate's split
     * when the promoted model was trained on the same split (so they are its hold-out too), or, without a
     * hold-out, the validation fold both models left out. When no such persons are known (the promoted model was
     * trained on other data), the promoted model's recorded figure is the yardstick, and the reason says so.
     *
     * @param current the promoted model's record that {@link Promoter} read for this decision, null when none
     */
    private Promotion gate(ArtifactStore store, Evaluator evaluator, Candidate candidate, ArtifactRef indexRef,
            List<ShardRecord> all, boolean hasHoldout, List<ShardRecord> records, int size, EvaluateParams params,
            double f1, Path work, Promoted current) throws IOException {
        if (f1 < params.minimumMacroF1()) {
            return new Promotion(false, String.format(Locale.ROOT, "candidate macro F1 %.4f is below the minimum "
                    + "%.4f (minimumMacroF1)", f1, params.minimumMacroF1()), null, null);
        }
        if (current == null) {
            return new Promotion(true, String.format(Locale.ROOT, "no model was promoted yet, and macro F1 %.4f "
                    + "reaches the minimum %.4f", f1, params.minimumMacroF1()), null, null);
        }
        if (current.model().equals(candidate.ref())) {
            return new Promotion(false, "this model is already the promoted one", current.model(), current.macroF1());
        }
        double before = current.macroF1();
        double after = f1;
        String basis = "its recorded figure: no persons are known that neither model trained on";
        try {
            Candidate previous = Candidate.fetch(store, current.model(), Files.createDirectories(
                    work.resolve("promoted")), size);
            List<ShardRecord> common = candidate.unseenWith(previous, indexRef, all, hasHoldout);
            if (common == null) {
                basis = "its recorded figure: it was trained on other data, so no persons are known that neither "
                        + "model trained on";
            } else if (common.isEmpty()) {
                basis = "its recorded figure: the two models left out no common persons";
            } else {
                int[] truth = common.stream().mapToInt(ShardRecord::label).toArray();
                before = Evaluator.Evaluation.of(truth, previous.probabilities(evaluator, common, size, params.tta(),
                        params.multiCrop())).figures().macroF1();
                // on the hold-out the candidate's figure is the one just measured, on the same records
                boolean measured = hasHoldout && records != null && common.size() == records.size();
                after = measured ? f1 : Evaluator.Evaluation.of(truth, candidate.probabilities(evaluator, common, size,
                        params.tta(), params.multiCrop())).figures().macroF1();
                basis = "both on the same " + common.size() + " images of " + (hasHoldout ? "hold-out persons"
                        : "validation persons") + " neither model trained on";
            }
        } catch (StepFailure e) {
            basis = "its recorded figure (" + e.getMessage() + ")";
        }
        boolean better = after > before + params.promotionMargin();
        String reason = String.format(Locale.ROOT, "candidate macro F1 %.4f %s promoted model's %.4f + margin %.4f "
                + "(%s)", after, better ? ">" : "<=", before, params.promotionMargin(), basis);
        return new Promotion(better, reason, current.model(), before);
    }
}
