package io.maskflow.evaluator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.evaluator.Combination.Combined;
import io.maskflow.evaluator.EvaluateStep.EvalSet;
import io.maskflow.evaluator.EvaluateStep.Figure;
import io.maskflow.evaluator.EvaluateStep.HeldOutStyle;
import io.maskflow.evaluator.EvaluateStep.Promotion;
import io.maskflow.evaluator.EvaluateStep.Report;
import io.maskflow.evaluator.Judge.Judged;
import io.maskflow.evaluator.OutsideTheSplit.EvalFolderResult;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation's report and what goes with it: {@code report} (JSON), written once with the gate's final decision
 * (the promoter calls {@link #write} while it holds the promotion lock, as the promoted-model record names the
 * report); then the pictures ({@code confusionMatrix}, {@code f1Bars}, {@code misclassified}), the HTML page
 * ({@code reportPage}) and the step's headline metrics.
 */
final class EvaluationReport implements Promoter.ReportWriter {

    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final StepContext context;
    private final EvaluateParams params;
    private final ShardIndex index;
    private final ArtifactRef indexRef;
    private final Combined combined;
    private final Judged outOfFold;
    private final EvalFolderResult evalFolder;
    private final HeldOutStyle heldOut;
    /** The headline's spread over draws of its persons, for the report and the event. */
    private final PersonBootstrap.Interval headlineSpread;
    private Report written;

    /**
     * @param outOfFold the out-of-fold predictions of a k-fold set, else null
     * @param heldOut the leave-one-style-out figures, else null
     */
    EvaluationReport(StepContext context, EvaluateParams params, ShardIndex index, ArtifactRef indexRef,
            Combined combined, Judged outOfFold, EvalFolderResult evalFolder, HeldOutStyle heldOut) {
        this.context = context;
        this.params = params;
        this.index = index;
        this.indexRef = indexRef;
        this.combined = combined;
        this.outOfFold = outOfFold;
        this.evalFolder = evalFolder;
        this.headlineSpread = personsInterval(combined.judged());
        this.heldOut = heldOut;
    }

    /** Writes {@code report.json} with the decision. */
    @Override
    public ArtifactRef write(Promotion decision) throws IOException {
        EvaluationFigures validation = combined.validation() == null ? null : combined.validation().evaluation()
                .figures();
        written = new Report(combined.candidate().ref(), indexRef, combined.evaluatedOn(), params.tta(),
                params.multiCrop(), combined.vote(), combined.members(), combined.memberPerHead(), headline(),
                ageAnswers(), validation, figuresOf(outOfFold), evalFolder.evalSet(), evalFolder.note(), heldOut,
                sideBySide(), index.classCountsByInput(), decision, Instant.now());
        return context.writeOutput("report.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(written),
                "application/json");
    }

    /**
     * Adds the report written by {@link #write} as output {@code report}, then writes the pictures and the HTML page
     * and adds them.
     */
    void writePictures(ArtifactRef reportRef, Map<String, ArtifactRef> outputs) throws IOException {
        outputs.put("report", reportRef);
        Judged judged = combined.judged();
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        pictures.put("Confusion matrix", ReportPictures.confusion(headline()));
        pictures.put("F1 per class", ReportPictures.f1Bars(headline()));
        pictures.put("Misclassified images", ReportPictures.misclassified(judged.records(),
                judged.evaluation().predicted(), judged.evaluation().probabilities(), index.imageSize(), 24));
        outputs.put("confusionMatrix", context.writeOutput("confusion.png", pictures.get("Confusion matrix"),
                "image/png"));
        outputs.put("f1Bars", context.writeOutput("f1.png", pictures.get("F1 per class"), "image/png"));
        outputs.put("misclassified", context.writeOutput("misclassified.png", pictures.get(
                "Misclassified images"), "image/png"));
        outputs.put("reportPage", context.writeOutput("report.html", ReportPage.html(written, pictures),
                "text/html"));
    }

    /** The step's headline metrics: the figures of the report and whether the model was promoted. */
    void addMetrics(Map<String, Double> metrics, Promotion promotion) {
        EvaluationFigures figures = headline();
        double f1 = figures.macroF1();
        metrics.put("macroF1", f1);
        if (headlineSpread != null) {
            metrics.put("macroF1Low", headlineSpread.low());
            metrics.put("macroF1High", headlineSpread.high());
        }
        if (combined.evaluatedOn().equals(EvaluationSets.HOLDOUT_WORDS)) {
            metrics.put("holdoutMacroF1", f1);
        }
        if (combined.validation() != null) {
            metrics.put("valMacroF1", combined.validation().macroF1());
        }
        metrics.put("maskAccuracy", figures.heads().get("mask").accuracy());
        metrics.put("genderAccuracy", figures.heads().get("gender").accuracy());
        metrics.put("ageAccuracy", figures.heads().get("age").accuracy());
        if (outOfFold != null) {
            metrics.put("oofMacroF1", outOfFold.macroF1());
        }
        metrics.put("promoted", promotion.promoted() ? 1.0 : 0.0);
        metrics.put("images", (double) figures.count());
    }

    /** The age head's answers on the headline's photos by the persons' exact age, at the model's cut-offs. */
    private AgeAnswers ageAnswers() {
        Judged judged = combined.judged();
        return AgeAnswers.of(judged.records(), judged.evaluation().predicted(), index.personAges(),
                combined.candidate().descriptor().middleAgeFrom(), combined.candidate().descriptor().oldAgeFrom());
    }

    private EvaluationFigures headline() {
        return combined.judged().evaluation().figures();
    }

    private static EvaluationFigures figuresOf(Judged judged) {
        return judged == null ? null : judged.evaluation().figures();
    }

    /** This report's figures side by side, the headline first, each saying what it was measured on. */
    private List<Figure> sideBySide() {
        List<Figure> list = new ArrayList<>();
        String evaluatedOn = combined.evaluatedOn();
        String set = evaluatedOn.equals(EvaluationSets.HOLDOUT_WORDS) ? "holdout"
                : evaluatedOn.equals(EvaluationSets.OUT_OF_FOLD) ? "outOfFold" : "validation";
        EvaluationFigures headline = headline();
        list.add(new Figure(set, evaluatedOn, headline.macroF1(), headline.count(), true, headlineSpread));
        if (combined.validation() != null) {
            list.add(overPersons("validation", "validation fold " + Math.max(0, combined.candidate()
                    .validationFold()) + " (it chose the epoch and the recipe, so it flatters the model)",
                    combined.validation()));
        }
        if (outOfFold != null && outOfFold != combined.judged()) {
            list.add(overPersons("outOfFold", "out of fold (each training person predicted by the model that did "
                    + "not train on it)", outOfFold));
        }
        EvalSet evalSet = evalFolder.evalSet();
        if (evalSet != null) {
            list.add(new Figure("evalFolder", "the data set's eval folder" + (evalSet.macroF1() == null
                    ? " (no answers kept, so no figure)" : " (persons outside the split, against the kept answers)"),
                    evalSet.macroF1(), evalSet.count(), false, evalSet.persons90()));
        }
        if (heldOut != null) {
            list.add(new Figure("heldOutStyle", heldOut.words(), heldOut.figures().macroF1(),
                    heldOut.figures().count(), false, heldOut.persons90()));
        }
        return list;
    }

    /** A figure beside the headline over records of the split, with the spread of its persons' draws. */
    private static Figure overPersons(String set, String on, Judged judged) {
        EvaluationFigures figures = judged.evaluation().figures();
        return new Figure(set, on, figures.macroF1(), figures.count(), false, personsInterval(judged));
    }

    /** The middle 90 % of the macro F1 over draws of {@code judged}'s persons; null without records. */
    private static PersonBootstrap.Interval personsInterval(Judged judged) {
        return PersonBootstrap.ofReport(Judge.truth(judged.records()), judged.evaluation().predicted(),
                judged.records().stream().mapToInt(ShardRecord::person).toArray());
    }
}
