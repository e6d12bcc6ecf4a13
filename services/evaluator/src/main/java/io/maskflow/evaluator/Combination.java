package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.Ensembling;
import io.maskflow.evaluator.EvaluateStep.Member;
import io.maskflow.evaluator.Judge.Judged;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.vision.model.Ensemble;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which model an evaluation judges and how several input models make it: one model as it is; {@code best}, the member
 * with the highest macro F1 on its own validation fold; {@code per-head}, an ensemble of the best member of each
 * head; {@code soft} or {@code hard}, an ensemble voting over all. An ensemble or a best member is written as the
 * step's output ({@code ensemble}, {@code best}) as it is chosen.
 */
final class Combination {

    /**
     * The candidate and its figures.
     *
     * @param candidate the model or ensemble the gate and the report are about
     * @param judged its predictions on the headline records (or out of fold, or on its own validation fold)
     * @param validation its predictions on the validation fold beside a hold-out headline, else null
     * @param vote {@code soft}, {@code hard} or {@code per-head} for an ensemble, else null
     * @param memberPerHead for {@code per-head}, the member that answers each head, else null
     * @param members each input model and its figure, empty for a single model
     * @param evaluatedOn what {@code judged} is on, in the report's words
     */
    record Combined(Candidate candidate, Judged judged, Judged validation, String vote,
            Map<String, ArtifactRef> memberPerHead, List<Member> members, String evaluatedOn) {
    }

    private final StepContext context;
    private final Judge judge;
    private final EvaluationSets sets;
    private final Path work;
    private final Map<String, ArtifactRef> outputs;

    /**
     * @param work where models are downloaded
     * @param outputs the step's outputs, to which {@code best} or {@code ensemble} is added
     */
    Combination(StepContext context, Judge judge, EvaluationSets sets, Path work, Map<String, ArtifactRef> outputs) {
        this.context = context;
        this.judge = judge;
        this.sets = sets;
        this.work = work;
        this.outputs = outputs;
    }

    /**
     * Makes and judges the candidate.
     *
     * @param modelRefs the input models, in the order of {@code models}
     * @param outOfFold the out-of-fold predictions of a k-fold set, else null
     */
    Combined combine(List<Candidate> models, List<ArtifactRef> modelRefs, Ensembling ensembling, Judged outOfFold)
            throws IOException, StepFailure {
        if (models.size() == 1) {
            return single(models.get(0), ensembling);
        }
        return switch (ensembling) {
            case BEST -> best(models);
            case PER_HEAD -> perHead(models);
            case SOFT, HARD -> vote(models, modelRefs, ensembling, outOfFold);
        };
    }

    private Combined single(Candidate candidate, Ensembling ensembling) throws IOException {
        if (ensembling == Ensembling.BEST) {
            outputs.put("best", candidate.ref()); // the best of one: a search's other trials all stopped early
        }
        Judged judged = judge.judge(candidate, sets.headline());
        Judged validation = sets.hasHoldout() ? judge.judge(candidate, sets.ownValidationFold(candidate)) : null;
        return new Combined(candidate, judged, validation, null, null, List.of(), sets.evaluatedOn());
    }

    /**
     * The best model is chosen on each one's own validation fold, never on the hold-out: a choice made on the
     * hold-out would make its figure flatter the winner.
     */
    private Combined best(List<Candidate> models) throws IOException {
        List<Member> members = new ArrayList<>();
        Judged best = null;
        Candidate winner = null;
        for (Candidate m : models) {
            Judged j = judge.judge(m, sets.ownValidationFold(m));
            members.add(new Member(m.ref(), j.macroF1()));
            if (best == null || j.macroF1() > best.macroF1()) {
                best = j;
                winner = m;
            }
        }
        Combined combined = sets.headline() == null
                ? new Combined(winner, best, null, null, null, members, "each model's own validation fold")
                : new Combined(winner, judge.judge(winner, sets.headline()), best, null, null, members,
                        sets.evaluatedOn());
        outputs.put("best", winner.ref());
        return combined;
    }

    private Combined perHead(List<Candidate> models) throws IOException, StepFailure {
        List<Member> members = new ArrayList<>();
        Ensemble ensemble = PerHeadChoice.ensemble(judge, models, sets, members);
        Candidate candidate = writeEnsemble(ensemble);
        Judged judged = judge.judge(candidate, sets.headline());
        Judged validation = null;
        String evaluatedOn = sets.evaluatedOn();
        if (sets.hasHoldout() && candidate.singleValidationFold() >= 0) {
            validation = judge.judge(candidate, sets.fold(candidate.singleValidationFold()));
        } else if (!sets.hasHoldout()) {
            evaluatedOn += " (it also chose the member of each head, so the figure flatters the ensemble)";
        }
        return new Combined(candidate, judged, validation, Ensemble.PER_HEAD, PerHeadChoice.memberPerHead(ensemble),
                members, evaluatedOn);
    }

    /** A soft or hard vote of every model: on the headline records, or out of fold when the models share none. */
    private Combined vote(List<Candidate> models, List<ArtifactRef> modelRefs, Ensembling ensembling,
            Judged outOfFold) throws IOException, StepFailure {
        String vote = ensembling.id();
        Candidate candidate = writeEnsemble(Ensemble.of(vote, judge.size(), modelRefs));
        List<Member> members = new ArrayList<>();
        if (sets.headline() == null) {
            models.forEach(m -> members.add(new Member(m.ref(), null)));
            return new Combined(candidate, outOfFold, null, vote, null, members, sets.evaluatedOn());
        }
        for (Candidate m : models) {
            members.add(new Member(m.ref(), judge.judge(m, sets.headline()).macroF1()));
        }
        return new Combined(candidate, judge.judge(candidate, sets.headline()), null, vote, null, members,
                sets.evaluatedOn());
    }

    /** Writes the ensemble as the output {@code ensemble} and fetches it back as the candidate. */
    private Candidate writeEnsemble(Ensemble ensemble) throws IOException, StepFailure {
        ArtifactRef ref = context.writeOutput("ensemble.json", ensemble.toJson(), "application/json");
        outputs.put("ensemble", ref);
        return Candidate.fetch(context.store(), ref, work, judge.size());
    }
}
