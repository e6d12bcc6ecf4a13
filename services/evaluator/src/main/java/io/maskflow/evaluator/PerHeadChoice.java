package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.Ensemble;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@code per-head} ensemble picks its members: every model is scored on its own validation fold, head by head,
 * and each head (mask, gender, age) goes to the model with the highest score there. The hold-out persons play no
 * part, as for {@code best}: a choice made on them would make the ensemble's hold-out figure flatter it.
 *
 * <p>The score is the head's macro F1 over its own classes, not its accuracy: the competition scores macro F1 over
 * the 18 classes, where the rare 60+ group weighs as much as the others, and an age head's accuracy would favour a
 * model that hardly ever answers 60+ (about 7 % of persons). A head is scored as the ensemble will use it: from
 * the arg max of the model's marginal for that head ({@link Ensemble#factorised}), which for a single 18-way head
 * can differ from the head of its top class.
 */
final class PerHeadChoice {

    private PerHeadChoice() {
    }

    /**
     * Scores every model head by head on its own validation fold (adding each, with its figures, to
     * {@code members}) and returns the ensemble of the model chosen for each head.
     *
     * @throws StepFailure {@code members-differ} when the chosen models prepare images differently: serving feeds
     *     the members one tensor per photo and refuses such an ensemble, so the step does not write one
     */
    static Ensemble ensemble(Judge judge, List<Candidate> models, EvaluationSets sets,
            List<EvaluateStep.Member> members) throws IOException, StepFailure {
        List<Map<String, Double>> figures = new ArrayList<>();
        for (Candidate m : models) {
            List<ShardRecord> own = sets.ownValidationFold(m);
            int[] truth = Judge.truth(own);
            float[][] probabilities = judge.probabilities(m, own);
            Map<String, Double> heads = headMacroF1(truth, probabilities);
            figures.add(heads);
            members.add(new EvaluateStep.Member(m.ref(), Evaluator.Evaluation.of(truth, probabilities).figures()
                    .macroF1(), heads));
        }
        Map<String, ArtifactRef> chosen = new LinkedHashMap<>();
        winners(figures).forEach((head, m) -> chosen.put(head, models.get(m).ref()));
        Ensemble ensemble = Ensemble.perHead(judge.size(), chosen);
        Candidate first = models.get(winners(figures).get("mask"));
        for (Candidate model : models) {
            if (ensemble.members().contains(model.ref()) && !model.preparesLike(first)) {
                throw new StepFailure("members-differ", "the models chosen for the heads prepare images differently "
                        + "(input size, mean / std or crop): " + first.ref().uri() + " and " + model.ref().uri()
                        + "; a per-head ensemble needs models trained on the same preprocessing", false);
            }
        }
        return ensemble;
    }

    /** The model that answers each head, in head order, for the report. */
    static Map<String, ArtifactRef> memberPerHead(Ensemble ensemble) {
        Map<String, ArtifactRef> out = new LinkedHashMap<>();
        for (String head : Ensemble.HEADS) {
            out.put(head, ensemble.memberFor(head));
        }
        return out;
    }

    /** One model's macro F1 of each head, from its probabilities for the records of the given true classes. */
    static Map<String, Double> headMacroF1(int[] truth, float[][] probabilities) {
        EvaluationFigures figures = Evaluator.Evaluation.of(truth, Ensemble.factorised(probabilities)).figures();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String head : Ensemble.HEADS) {
            out.put(head, figures.heads().get(head).macroF1());
        }
        return out;
    }

    /**
     * For each head, the index of the model with the highest figure; a tie goes to the earlier model, so the choice
     * depends on the figures alone and the order of the inputs only breaks ties.
     */
    static Map<String, Integer> winners(List<Map<String, Double>> figures) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no models to choose from");
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (String head : Ensemble.HEADS) {
            int best = 0;
            for (int m = 1; m < figures.size(); m++) {
                if (figures.get(m).get(head) > figures.get(best).get(head)) {
                    best = m;
                }
            }
            chosen.put(head, best);
        }
        return chosen;
    }
}
