package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.evaluator.Combination.Combined;
import io.maskflow.evaluator.Judge.Judged;
import io.maskflow.evaluator.OutsideTheSplit.EvalFolderResult;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ShardSets;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.metrics.PersonBootstrap;
import io.maskflow.vision.model.ModelArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluate} step. Inputs: {@code model} (a model artifact or an ensemble), or several
 * {@code model-<n>} (the k models of a k-fold run, or different architectures); {@code shards} (the preprocess
 * index they were trained on); optionally {@code eval}, a data set with a competition-style {@code eval/} folder.
 *
 * <p>It evaluates on the hold-out persons — or, without a hold-out, on the single model's validation fold or out
 * of fold — with flip TTA (and multi-crop on request). Several models combine by {@code ensemble}: {@code soft}
 * or {@code hard} vote or {@code per-head} (output {@code ensemble}, an {@code ensemble.json} that serving loads
 * like a model) or {@code best} (output {@code best}, the member with the highest macro F1). For a k-fold set of
 * models it also computes the out-of-fold macro F1. It writes {@code report} (JSON), {@code reportPage} (HTML),
 * {@code confusionMatrix}, {@code f1Bars} and {@code misclassified} (PNG); for an {@code eval} input the
 * {@code submission} CSV and, when {@code pseudoLabelThreshold} is above 0, {@code pseudoLabels} (a data set in the
 * competition layout). With input {@code heldOutStyle}, a generated data set drawn in another style than the
 * training data (its eval folder and kept answers), it also gives the leave-one-style-out figures: macro F1 and
 * per-head accuracies on persons drawn in a style the model never trained on. Then the promotion gate: the
 * candidate is promoted when no model is, or when its macro F1 on the same records beats the promoted one's by the
 * margin — and {@code maskflow.models.promoted} tells serving.
 *
 * <p>The step reads as its parts: {@link EvaluationSets} chooses the records to judge on, {@link Combination} the
 * members and how they combine, {@link Judge} predicts and scores alike for every figure, {@link OutsideTheSplit}
 * predicts the eval folder and the held-out style, {@link PromotionGate} decides, and {@link EvaluationReport}
 * writes the report, its page and pictures and the step's metrics.
 */
@ApplicationScoped
public class EvaluateStep implements StepHandler {

    /**
     * Part of the cache key. 2: the report gives hold-out, validation and eval-folder figures side by side, and
     * {@code best} chooses on the validation folds. 3: the report has the leave-one-style-out figures
     * ({@code heldOutStyle}). 5: they say whether the training set had that style too. 6: the figures over persons
     * of the split have the spread of their persons' draws ({@code persons90}). 7: eval photos more than twice the
     * expected size are predicted, and JPEGs with an EXIF orientation upright. 8: PNGs with one too. 9: not when
     * the PNG's {@code eXIf} chunk fails its CRC. 10: the report has the age head's answers by exact age
     * ({@code ageAnswers}). 11: eval photos that are not 3:4 get a centre crop that keeps its aspect, and a PNG's
     * colour profile is applied.
     */
    static final String VERSION = "11";

    /**
     * What the gate decided and why.
     *
     * @param gain90 when both models were judged on the same persons, the middle 90 % of the candidate's macro F1
     *     minus the promoted model's over {@link PersonBootstrap#RESAMPLES} paired draws of those persons (above 0:
     *     the candidate is better beyond what other persons of the same kind would change); else null
     */
    public record Promotion(boolean promoted, String reason, ArtifactRef previousModel, Double previousMacroF1,
            PersonBootstrap.Interval gain90) {

        public Promotion(boolean promoted, String reason, ArtifactRef previousModel, Double previousMacroF1) {
            this(promoted, reason, previousModel, previousMacroF1, null);
        }
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
     * images that could not be read (image id to reason; each still has its row, answered with the fallback class),
     * and the spread of the macro F1 over draws of its persons when the kept answers say whose each image is.
     */
    public record EvalSet(int count, Double macroF1, ArtifactRef submission, Map<String, String> unreadable,
            Integer fallbackClass, PersonBootstrap.Interval persons90) {
    }

    /**
     * The candidate on persons drawn in another style, outside the split: leave-one-style-out when the training set
     * has none of this style's persons.
     *
     * @param style the style its manifest records ({@code classic} when it records none)
     * @param styles the single styles its persons are drawn in (a {@code mixed} set's mix)
     * @param trainedStyle the style the training data set's manifest records; null when it records none (a user's
     *     own photos)
     * @param trainedStyles the single styles of the training set's persons; null with {@code trainedStyle}
     * @param data the data set
     * @param figures macro F1, per-class and per-head figures on its eval folder, against its kept answers
     * @param unreadable images that could not be read (answered with the training data's most frequent class)
     * @param persons90 the spread of the macro F1 over draws of its persons; null when its kept answers do not say
     *     whose each image is (a data set generated before they did)
     * @param genderByCue the gender head's answers by the persons' drawn cues; null when the set keeps no drawing
     *     values
     */
    public record HeldOutStyle(String style, List<String> styles, String trainedStyle, List<String> trainedStyles,
            ArtifactRef data, EvaluationFigures figures, int unreadable, PersonBootstrap.Interval persons90,
            GenderByCue genderByCue) {

        /** True when the model trained on none of this style's persons: a leave-one-style-out figure. */
        public boolean leftOut() {
            return trainedStyles != null && Collections.disjoint(styles, trainedStyles);
        }

        /** What the figure was measured on, in the report's words. */
        public String words() {
            if (leftOut()) {
                return "persons drawn in the " + style + " style, which the model did not train on "
                        + "(leave-one-style-out)";
            }
            if (trainedStyle == null) {
                return "persons drawn in the " + style + " style by the generator, outside the training data";
            }
            return "persons drawn in the " + named(style, styles) + " style, outside the split (the training set, "
                    + "drawn " + named(trainedStyle, trainedStyles) + ", has persons of this style too: no "
                    + "leave-one-style-out figure)";
        }

        /** A style's name, with the styles it mixes when it is a mix: "mixed (classic and snapshot)". */
        private static String named(String style, List<String> styles) {
            return styles.size() < 2 ? style : style + " (" + String.join(", ", styles.subList(0, styles.size() - 1))
                    + " and " + styles.get(styles.size() - 1) + ")";
        }
    }

    /** What the report calls the hold-out persons. */
    static final String HOLDOUT_WORDS = EvaluationSets.HOLDOUT_WORDS;

    /**
     * One of the figures the report gives side by side.
     *
     * @param set {@code holdout}, {@code validation}, {@code outOfFold}, {@code evalFolder} or {@code heldOutStyle}
     * @param on what the records are, in words
     * @param macroF1 macro F1 over the 18 classes (null for an eval folder without answers)
     * @param images how many images the figure is over
     * @param headline whether this is the report's headline figure ({@code figures})
     * @param persons90 the middle 90 % of the macro F1 over {@link PersonBootstrap#RESAMPLES} draws of the figure's
     *     persons with replacement (how much other persons of the same kind could move it); null where the
     *     persons of the images are not known (an eval folder whose kept answers do not say whose each image is)
     */
    public record Figure(String set, String on, Double macroF1, int images, boolean headline,
            PersonBootstrap.Interval persons90) {
    }

    /**
     * The report artifact. {@code figures} are the headline: the hold-out persons when the split has some (never
     * used for training, validation or early stopping), else the validation fold or out of fold, as
     * {@code evaluatedOn} says; {@code validation} is the validation fold's (it chose the epoch and the recipe, so
     * it flatters the model); {@code sideBySide} lists every figure with what it was measured on;
     * {@code memberPerHead}, for a {@code per-head} ensemble, the model that answers each head; {@code ageAnswers}
     * how the age head answered the headline's photos by the persons' exact age (null when the shards do not carry
     * the ages).
     */
    public record Report(ArtifactRef model, ArtifactRef data, String evaluatedOn, boolean tta, boolean multiCrop,
            String vote, List<Member> members, Map<String, ArtifactRef> memberPerHead, EvaluationFigures figures,
            AgeAnswers ageAnswers, EvaluationFigures validation, EvaluationFigures outOfFold,
            EvalSet evalSet, String evalNote, HeldOutStyle heldOutStyle, List<Figure> sideBySide,
            Map<String, int[]> trainingImages, Promotion promotion, Instant time) {
    }

    @Inject
    Promoter promoter;

    @Override
    public StepType type() {
        return StepType.EVALUATE;
    }

    @Override
    public String codeVersion() {
        return VERSION;
    }

    /**
     * With promotion on, the result depends on the promoted model of the moment, so it is never cached. Parameters
     * that do not bind are not cacheable either: the runtime asks this before it can report a failure, so nothing
     * may be thrown here; the command goes on to {@link #run}, which fails it with their reason.
     */
    @Override
    public boolean cacheable(StepCommand command) {
        try {
            return !StepParameters.bind(command.parameters(), EvaluateParams.DEFAULTS).promote();
        } catch (RuntimeException e) {
            // InvalidParametersException, or whatever else binding met: run() binds them again and says why
            return false;
        }
    }

    /**
     * The model inputs: {@code model}, then every {@code model-<suffix>}, those whose suffix is a whole number in
     * the order of that number (of any size: {@code model-99999999999} too), then the others by name (a definition's
     * {@code forEach} over names, {@code train-${arch}}, gives {@code model-cnn} and {@code model-vit}).
     */
    static List<ArtifactRef> modelInputs(Map<String, ArtifactRef> inputs) {
        return inputs.entrySet().stream()
                .filter(e -> e.getKey().equals("model") || e.getKey().startsWith("model-"))
                .sorted(Comparator.comparing((Map.Entry<String, ArtifactRef> e) -> e.getKey(), EvaluateStep::byModel))
                .map(Map.Entry::getValue).toList();
    }

    /** {@code model} first, then numbered inputs by their number, then named ones by name. */
    private static int byModel(String a, String b) {
        String x = a.equals("model") ? "" : a.substring("model-".length());
        String y = b.equals("model") ? "" : b.substring("model-".length());
        boolean xNumber = x.matches("[0-9]+");
        boolean yNumber = y.matches("[0-9]+");
        if (x.isEmpty() || y.isEmpty() || xNumber != yNumber) {
            return x.isEmpty() != y.isEmpty() ? (x.isEmpty() ? -1 : 1) : Boolean.compare(yNumber, xNumber);
        }
        if (xNumber) {
            String u = x.replaceFirst("^0+(?=.)", "");
            String v = y.replaceFirst("^0+(?=.)", "");
            int byLength = Integer.compare(u.length(), v.length());
            return byLength != 0 ? byLength : u.compareTo(v) != 0 ? u.compareTo(v) : x.compareTo(y);
        }
        return x.compareTo(y);
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
        ShardIndex index = ShardSets.index(context.store(), indexRef);
        Path work = Files.createTempDirectory("evaluate-");
        try {
            return evaluate(context, params, modelRefs, indexRef, index, work);
        } finally {
            ModelArtifact.deleteTree(work);
        }
    }

    /**
     * Judges the candidate on the chosen records, predicts the data beyond the split, puts it through the gate and
     * writes the report.
     */
    private StepResult evaluate(StepContext context, EvaluateParams params, List<ArtifactRef> modelRefs,
            ArtifactRef indexRef, ShardIndex index, Path work) throws IOException, StepFailure {
        List<Candidate> models = new ArrayList<>();
        for (ArtifactRef ref : modelRefs) {
            models.add(Candidate.fetch(context.store(), ref, work, index.imageSize()));
        }
        EvaluationSets sets = EvaluationSets.plan(indexRef,
                ShardSets.records(context.store(), index, EvaluationSets.needed(models)), models);
        Judge judge = new Judge(new Evaluator(context::checkStop), index.imageSize(), params);
        Judged outOfFold = models.size() > 1 ? judge.outOfFold(models, sets.all()) : null;
        sets.requireCommonSet(models.size(), outOfFold != null, params.ensemble());

        Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
        Combined combined = new Combination(context, judge, sets, work, outputs).combine(models, modelRefs,
                params.ensemble(), outOfFold);
        Map<String, Double> metrics = new LinkedHashMap<>();
        OutsideTheSplit outside = new OutsideTheSplit(context, combined.candidate(), judge, index, params, outputs,
                metrics);
        EvalFolderResult evalFolder = outside.evalFolder(context.command().inputs().get("eval"));
        HeldOutStyle heldOut = outside.heldOutStyle(context.command().inputs().get(OutsideTheSplit.HELD_OUT_STYLE),
                context.command().inputs().get("eval"));

        EvaluationReport report = new EvaluationReport(context, params, index, indexRef, combined, outOfFold,
                evalFolder, heldOut);
        PromotionGate gate = new PromotionGate(context.store(), judge, combined.candidate(), sets, params,
                combined.judged(), outside.heldOutSet(), work);
        Decided decided = promote(context, params, combined, gate, report, metrics);
        report.writePictures(decided.report(), outputs);
        report.addMetrics(metrics, decided.promotion());
        return new StepResult(outputs, metrics);
    }

    /** The gate's decision and the report written with it. */
    private record Decided(Promotion promotion, ArtifactRef report) {
    }

    /**
     * With {@code promote}, the gate decides against the promoted model of the moment; the promoter writes only when
     * that is still the promoted one, else the gate decides again against the new one. The report is written with
     * the final decision.
     */
    private Decided promote(StepContext context, EvaluateParams params, Combined combined, PromotionGate gate,
            EvaluationReport report, Map<String, Double> metrics) throws IOException {
        if (!params.promote()) {
            Promotion none = new Promotion(false, "promotion not asked for", null, null);
            return new Decided(none, report.write(none));
        }
        context.checkStop();
        Promoter.Outcome outcome = promoter.promoteIfBetter(combined.candidate().ref(), combined.judged().macroF1(),
                context.command().runId(), context.command().stepId(), gate, report);
        metrics.put("promotionRacesLost", (double) outcome.racesLost());
        return new Decided(outcome.promotion(), outcome.report());
    }
}
