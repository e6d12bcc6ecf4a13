package io.maskflow.evaluator;

import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.evaluator.EvaluateStep.Promotion;
import io.maskflow.evaluator.Judge.Judged;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The promotion gate. A candidate is promoted only when its macro F1 reaches {@code minimumMacroF1} (so a first model
 * that learnt nothing is not served) and, when a model is promoted already, beats that model's macro F1 by the margin
 * on persons neither model trained on: the hold-out persons of the candidate's split when the promoted model was
 * trained on the same split (so they are its hold-out too), or, without a hold-out, the validation fold both models
 * left out. When no such persons are known (the promoted model was trained on other data), the promoted model's
 * recorded figure is the yardstick, and the reason says so.
 */
final class PromotionGate implements Promoter.Gate {

    /**
     * The two figures compared, what they were measured on, and the spread of their difference over paired draws
     * of the persons (null when they were not measured on the same persons).
     */
    private record Comparison(double before, double after, String basis, PersonBootstrap.Interval gain90) {

        Comparison(double before, double after, String basis) {
            this(before, after, basis, null);
        }
    }

    private final ArtifactStore store;
    private final Judge judge;
    private final Candidate candidate;
    private final EvaluationSets sets;
    private final EvaluateParams params;
    private final Judged headline;
    private final Path work;

    /**
     * @param headline the candidate's predictions behind its headline figure
     * @param work where the promoted model is downloaded to be judged
     */
    PromotionGate(ArtifactStore store, Judge judge, Candidate candidate, EvaluationSets sets, EvaluateParams params,
            Judged headline, Path work) {
        this.store = store;
        this.judge = judge;
        this.candidate = candidate;
        this.sets = sets;
        this.params = params;
        this.headline = headline;
        this.work = work;
    }

    /**
     * Decides against a promoted model's record.
     *
     * @param current the promoted model's record that {@link Promoter} read for this decision, null when none
     */
    @Override
    public Promotion decide(PromotedModel current) throws IOException {
        if (headline.macroF1() < params.minimumMacroF1()) {
            return new Promotion(false, String.format(Locale.ROOT, "candidate macro F1 %.4f is below the minimum "
                    + "%.4f (minimumMacroF1)", headline.macroF1(), params.minimumMacroF1()), null, null);
        }
        if (current == null) {
            return new Promotion(true, String.format(Locale.ROOT, "no model was promoted yet, and macro F1 %.4f "
                    + "reaches the minimum %.4f", headline.macroF1(), params.minimumMacroF1()), null, null);
        }
        if (current.model().equals(candidate.ref())) {
            return new Promotion(false, "this model is already the promoted one", current.model(), current.macroF1());
        }
        Comparison c = compare(current);
        boolean better = c.after() > c.before() + params.promotionMargin();
        String reason = String.format(Locale.ROOT, "candidate macro F1 %.4f %s promoted model's %.4f + margin %.4f "
                + "(%s)%s", c.after(), better ? ">" : "<=", c.before(), params.promotionMargin(), c.basis(),
                gainText(c));
        return new Promotion(better, reason, current.model(), c.before(), c.gain90());
    }

    /** Both models on persons neither trained on when such are known, else against the recorded figure. */
    private Comparison compare(PromotedModel current) throws IOException {
        String recorded = "its recorded figure: ";
        try {
            Candidate previous = Candidate.fetch(store, current.model(),
                    Files.createDirectories(work.resolve("promoted")), judge.size());
            List<ShardRecord> common = candidate.unseenWith(previous, sets.indexRef(), sets.all(), sets.hasHoldout());
            if (common == null) {
                return new Comparison(current.macroF1(), headline.macroF1(), recorded + "it was trained on other "
                        + "data, so no persons are known that neither model trained on");
            }
            if (common.isEmpty()) {
                return new Comparison(current.macroF1(), headline.macroF1(), recorded + "the two models left out "
                        + "no common persons");
            }
            Judged before = judge.judge(previous, common);
            // on the hold-out the candidate's predictions are the ones just made, on the same records
            Judged after = sameRecords(headline.records(), common) ? headline : judge.judge(candidate, common);
            int[] persons = common.stream().mapToInt(ShardRecord::person).toArray();
            PersonBootstrap.Interval gain = PersonBootstrap.differenceOfReport(Judge.truth(common),
                    before.evaluation().predicted(), after.evaluation().predicted(), persons);
            return new Comparison(before.macroF1(), after.macroF1(), "both on the same " + common.size()
                    + " images of " + (sets.hasHoldout() ? "hold-out persons" : "validation persons")
                    + " neither model trained on", gain);
        } catch (StepFailure e) {
            return new Comparison(current.macroF1(), headline.macroF1(), "its recorded figure (" + e.getMessage()
                    + ")");
        }
    }

    /** Whether two lists hold the very same records in the same order. */
    private static boolean sameRecords(List<ShardRecord> a, List<ShardRecord> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** "; the gain +g is low – high in 90 % of n paired draws of the p persons, ..." when known, else nothing. */
    private static String gainText(Comparison c) {
        PersonBootstrap.Interval g = c.gain90();
        return g == null ? "" : String.format(Locale.ROOT, "; the gain %+.4f is %+.4f – %+.4f in 90 %% of %d paired "
                + "draws of the %d persons%s", c.after() - c.before(), g.low(), g.high(), g.resamples(), g.persons(),
                g.low() > 0 ? ", above 0 in at least 95 % of them" : g.high() < 0 ? ", below 0 in at least 95 % of them"
                : ", so the persons cannot tell the two models apart");
    }
}
