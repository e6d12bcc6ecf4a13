package io.maskflow.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.evaluator.EvaluateStep.EvalSet;
import io.maskflow.evaluator.EvaluateStep.HeldOutStyle;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the candidate predicts beyond the split's records: the eval folder of the {@code eval} input (the submission
 * and, when asked for, pseudo-labels) and the data set of the {@code heldOutStyle} input, drawn in a style the model
 * did not train on. Images that cannot be read are answered with the training data's most frequent class. Outputs
 * and metrics are added to the step's as they are written.
 */
final class OutsideTheSplit {

    /** The input that asks for the leave-one-style-out figures. */
    static final String HELD_OUT_STYLE = "heldOutStyle";

    /** The eval folder's predictions, or, for an {@code eval} input without one, the note that says so. */
    record EvalFolderResult(EvalSet evalSet, String note) {
    }

    private final StepContext context;
    private final Candidate candidate;
    private final Judge judge;
    private final ShardIndex index;
    private final EvaluateParams params;
    private final Map<String, ArtifactRef> outputs;
    private final Map<String, Double> metrics;
    private HeldOutSet heldOutSet;

    OutsideTheSplit(StepContext context, Candidate candidate, Judge judge, ShardIndex index, EvaluateParams params,
            Map<String, ArtifactRef> outputs, Map<String, Double> metrics) {
        this.context = context;
        this.candidate = candidate;
        this.judge = judge;
        this.index = index;
        this.params = params;
        this.outputs = outputs;
        this.metrics = metrics;
    }

    /**
     * Predicts the eval folder of the {@code eval} input; nothing when there is no such input.
     *
     * @throws StepFailure {@code missing-eval-set} when pseudo-labels are asked for and the data set has no eval folder
     */
    EvalFolderResult evalFolder(ArtifactRef evalRef) throws IOException, StepFailure {
        if (evalRef == null) {
            return new EvalFolderResult(null, null);
        }
        DatasetFiles evalFiles = DatasetFiles.open(context.store(), evalRef);
        if (EvalFolder.present(evalFiles)) {
            return new EvalFolderResult(predictEvalFolder(evalFiles), null);
        }
        if (params.pseudoLabelThreshold() > 0) {
            throw new StepFailure("missing-eval-set", "pseudo-labels need an eval/info.csv, and " + evalFiles.name()
                    + " has none", false);
        }
        return new EvalFolderResult(null, "the data set " + evalFiles.name() + " has no eval/info.csv, so no "
                + "submission was written");
    }

    /** Predicts every image of the eval folder, writes the submission (and pseudo-labels when asked for). */
    private EvalSet predictEvalFolder(DatasetFiles evalFiles) throws IOException, StepFailure {
        EvalFolder.Prepared prepared = EvalFolder.prepare(evalFiles, candidate.descriptor());
        float[][] probabilities = judge.probabilities(candidate, prepared.records());
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
            pseudoLabels(evalFiles, prepared, probabilities);
        }
        return new EvalSet(prepared.records().size(), prepared.answered() ? onEval.figures().macroF1() : null,
                submission, unreadable, unreadable.isEmpty() ? null : fallback, prepared.answered()
                ? PersonBootstrap.ofReport(prepared.truth(), onEval.predicted(), prepared.persons()) : null);
    }

    private void pseudoLabels(DatasetFiles evalFiles, EvalFolder.Prepared prepared, float[][] probabilities)
            throws IOException {
        PseudoLabels.Written pseudo = PseudoLabels.write(context.store(), context.outputPrefix() + "pseudo/",
                evalFiles, prepared.imageIds(), probabilities, prepared.unreadable().keySet(),
                params.pseudoLabelThreshold(), candidate.descriptor());
        outputs.put("pseudoLabels", pseudo.trainCsv());
        metrics.put("pseudoLabels", (double) pseudo.kept());
    }

    /**
     * The candidate on the eval folder of the {@code heldOutStyle} input, a data set in another drawing style,
     * against its kept answers; its style is the one its manifest ({@code dataset.json}) records, and the training
     * style the one the {@code eval} input's (the training data set's) records. Null without that input.
     */
    HeldOutStyle heldOutStyle(ArtifactRef ref, ArtifactRef trainingRef) throws IOException, StepFailure {
        if (ref == null) {
            return null;
        }
        DatasetFiles files = DatasetFiles.open(context.store(), ref);
        if (!EvalFolder.present(files)) {
            throw new StepFailure("missing-eval-set", "input '" + HELD_OUT_STYLE + "' (" + files.name() + ") has no "
                    + "eval/info.csv: it must be a generated data set in another drawing style", false);
        }
        String style = styleOf(files);
        HeldOutSet set = HeldOutSet.judgeCandidate(files, style, mostFrequent(index.classCounts()), candidate, judge);
        heldOutSet = set.personsKnown() ? set : null;
        EvalFolder.Prepared prepared = set.candidate().prepared();
        Evaluator.Evaluation evaluation = set.candidate().evaluation();
        EvaluationFigures figures = evaluation.figures();
        metrics.put("heldOutStyleMacroF1", figures.macroF1());
        metrics.put("heldOutStyleMaskAccuracy", figures.heads().get("mask").accuracy());
        metrics.put("heldOutStyleGenderAccuracy", figures.heads().get("gender").accuracy());
        metrics.put("heldOutStyleAgeAccuracy", figures.heads().get("age").accuracy());
        metrics.put("heldOutStyleImages", (double) figures.count());
        putKnown("heldOutStyleMenRecall", figures.recall(Label.GENDER_HEAD, 0));
        putKnown("heldOutStyleWomenRecall", figures.recall(Label.GENDER_HEAD, 1));
        putKnown("heldOutStyleGenderAccuracyMasked", figures.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, 0));
        putKnown("heldOutStyleGenderAccuracyUnmasked", figures.accuracyWhere(Label.GENDER_HEAD, Label.MASK_HEAD, 2));
        DatasetFiles training = trainingRef == null ? null : DatasetFiles.open(context.store(), trainingRef);
        String trainedStyle = training == null ? null : recordedStyle(training);
        return new HeldOutStyle(style, stylesOf(files, style), trainedStyle,
                trainedStyle == null ? null : stylesOf(training, trainedStyle), ref, figures,
                prepared.unreadable().size(), PersonBootstrap.ofReport(prepared.truth(), evaluation.predicted(),
                prepared.persons()), GenderByCue.of(files, prepared.persons(), prepared.truth(),
                evaluation.predicted()));
    }

    /** A figure as a step metric, left out when the set has no sample to compute it on (NaN). */
    private void putKnown(String name, double value) {
        if (!Double.isNaN(value)) {
            metrics.put(name, value);
        }
    }

    /**
     * The {@code heldOutStyle} set with the candidate's predictions on it, after {@link #heldOutStyle}, when there is
     * one and its kept answers say whose each photo is (the promotion gate needs the persons); null otherwise.
     */
    HeldOutSet heldOutSet() {
        return heldOutSet;
    }

    /**
     * The single styles a generated data set's persons are drawn in: its manifest's {@code styles}; for manifests
     * from before it, {@code mixed} mixed classic and snapshot and any other style is itself.
     */
    static List<String> stylesOf(DatasetFiles files, String style) throws IOException {
        JsonNode recorded = files.exists("dataset.json")
                ? EventCodec.instance().mapper().readTree(files.read("dataset.json")).path("styles") : null;
        if (recorded != null && recorded.isArray() && !recorded.isEmpty()) {
            List<String> styles = new ArrayList<>();
            recorded.forEach(s -> styles.add(s.asText()));
            return styles;
        }
        return "mixed".equals(style) ? List.of("classic", "snapshot") : List.of(style);
    }

    /** The drawing style a data set's manifest records; null when it records none (a user's own photos). */
    static String recordedStyle(DatasetFiles files) throws IOException {
        if (!files.exists("dataset.json")) {
            return null;
        }
        JsonNode style = EventCodec.instance().mapper().readTree(files.read("dataset.json")).path("style");
        return style.isTextual() ? style.asText() : null;
    }

    /** The drawing style a generated data set's manifest records; {@code classic} for manifests from before styles. */
    static String styleOf(DatasetFiles files) throws IOException {
        if (!files.exists("dataset.json")) {
            return "unknown";
        }
        String style = recordedStyle(files);
        return style == null ? "classic" : style;
    }

    private static int mostFrequent(int[] counts) {
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        return best;
    }
}
