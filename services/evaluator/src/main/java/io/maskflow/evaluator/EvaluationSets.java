package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.Ensembling;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which records of the split an evaluation judges on. The headline set is the hold-out persons when the split has
 * some (never used for training, validation or early stopping); without a hold-out, the validation fold when every
 * model left out the same one; else none, and the models are judged out of fold or each on its own validation fold.
 */
final class EvaluationSets {

    /** What the report calls the hold-out persons. */
    static final String HOLDOUT_WORDS = "the hold-out persons (never used for training, validation or early stopping)";
    /** What the report calls the out-of-fold predictions. */
    static final String OUT_OF_FOLD = "out of fold";

    private final ArtifactRef indexRef;
    private final List<ShardRecord> all;
    private final boolean hasHoldout;
    private final List<ShardRecord> headline;
    private final String evaluatedOn;

    private EvaluationSets(ArtifactRef indexRef, List<ShardRecord> all, boolean hasHoldout,
            List<ShardRecord> headline, String evaluatedOn) {
        this.indexRef = indexRef;
        this.all = all;
        this.hasHoldout = hasHoldout;
        this.headline = headline;
        this.evaluatedOn = evaluatedOn;
    }

    /**
     * Chooses the headline records for the models.
     *
     * @throws StepFailure {@code empty-evaluation-set} when the chosen set has no records
     */
    static EvaluationSets plan(ArtifactRef indexRef, List<ShardRecord> all, List<Candidate> models)
            throws StepFailure {
        boolean hasHoldout = all.stream().anyMatch(r -> r.fold() == ShardFormat.HOLDOUT);
        List<ShardRecord> records = null;
        String evaluatedOn = OUT_OF_FOLD;
        if (hasHoldout) {
            records = fold(all, ShardFormat.HOLDOUT);
            evaluatedOn = HOLDOUT_WORDS;
        } else if (models.stream().map(Candidate::validationFold).distinct().count() == 1) {
            int fold = Math.max(0, models.get(0).validationFold());
            records = fold(all, fold);
            evaluatedOn = "validation fold " + fold;
        }
        if (records != null && records.isEmpty()) {
            throw new StepFailure("empty-evaluation-set", "no records of " + evaluatedOn + " in " + indexRef.uri(),
                    false);
        }
        return new EvaluationSets(indexRef, all, hasHoldout, records, evaluatedOn);
    }

    /**
     * Checks that the models can be judged together: on the headline records, or out of fold for a vote, or each on
     * its own validation fold for {@code best}.
     *
     * @throws StepFailure {@code no-common-evaluation-set} when there is no such set
     */
    void requireCommonSet(int models, boolean outOfFold, Ensembling ensembling) throws StepFailure {
        boolean perHead = ensembling == Ensembling.PER_HEAD;
        if (headline == null && (!outOfFold || perHead) && ensembling != Ensembling.BEST) {
            throw new StepFailure("no-common-evaluation-set", "the split has no hold-out, and the " + models
                    + " models were validated on different folds, so there is no set of persons none of them trained "
                    + "on" + (perHead ? " to judge a per-head ensemble on" : " nor an out-of-fold set to judge their "
                    + "vote on"), false);
        }
    }

    /** The preprocess index the records come from. */
    ArtifactRef indexRef() {
        return indexRef;
    }

    /** The records read of the split: every fold for several models, else those {@link #needed} names. */
    List<ShardRecord> all() {
        return all;
    }

    boolean hasHoldout() {
        return hasHoldout;
    }

    /** The headline records, or null when the models share none (then out of fold or each on its own fold). */
    List<ShardRecord> headline() {
        return headline;
    }

    /** What the headline records are, in the report's words. */
    String evaluatedOn() {
        return evaluatedOn;
    }

    /** The records of the fold the model was validated on (fold 0 when unknown). */
    List<ShardRecord> ownValidationFold(Candidate model) {
        return fold(Math.max(0, model.validationFold()));
    }

    List<ShardRecord> fold(int fold) {
        return fold(all, fold);
    }

    /**
     * Which records of the split an evaluation of these models reads into memory. One model is judged on the
     * hold-out and on the fold it was validated on, so the training folds, most of the split, are not kept: a
     * 96-pixel split of 4,800 persons (33,600 images, 930 MB of pixels) ran the evaluator's 1 GB heap out of memory.
     * Several models need every fold for their out-of-fold vote.
     */
    static Predicate<ShardRecord> needed(List<Candidate> models) {
        if (models.size() != 1) {
            return r -> true;
        }
        Candidate model = models.get(0);
        Set<Integer> folds = new HashSet<>(List.of(ShardFormat.HOLDOUT, Math.max(0, model.validationFold()),
                Math.max(0, model.singleValidationFold())));
        return r -> folds.contains(r.fold());
    }

    static List<ShardRecord> fold(List<ShardRecord> all, int fold) {
        return all.stream().filter(r -> r.fold() == fold).toList();
    }
}
