package io.maskflow.evaluator;

import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code heldOutStyle} data set: generated persons outside every split, whose photos any model can be judged on,
 * each model on its own preparation of them (its image size and crop). The candidate is judged once, for the
 * report's figures; the promotion gate judges the promoted model on the same photos, so two models trained on
 * different data can still be compared on the same persons.
 */
final class HeldOutSet {

    /** A model's preparation of the set's photos and its predictions on them. */
    record Scored(EvalFolder.Prepared prepared, Evaluator.Evaluation evaluation) {

        PersonBootstrap.Photos photos() {
            return new PersonBootstrap.Photos(prepared.truth(), evaluation.predicted(), prepared.persons());
        }

        double macroF1() {
            return evaluation.figures().macroF1();
        }

        int images() {
            return prepared.records().size();
        }
    }

    private final DatasetFiles files;
    private final String style;
    private final int fallback;
    private final Scored candidate;
    private final int candidateSize;

    private HeldOutSet(DatasetFiles files, String style, int fallback, Scored candidate, int candidateSize) {
        this.files = files;
        this.style = style;
        this.fallback = fallback;
        this.candidate = candidate;
        this.candidateSize = candidateSize;
    }

    /**
     * The set with the candidate judged on it.
     *
     * @param fallback the class unreadable photos are answered with
     * @throws StepFailure {@code missing-answers} when the set has no true answer for every photo
     */
    static HeldOutSet judgeCandidate(DatasetFiles files, String style, int fallback, Candidate candidate, Judge judge)
            throws IOException, StepFailure {
        return new HeldOutSet(files, style, fallback, score(files, fallback, candidate, judge), judge.size());
    }

    /** Whether the kept answers say whose each photo is: the gate can compare models on the set only then. */
    boolean personsKnown() {
        return candidate.prepared().persons() != null;
    }

    /** The persons the set shows, by the number the generator gave each. */
    Set<Integer> persons() {
        return Arrays.stream(candidate.prepared().persons()).boxed().collect(Collectors.toSet());
    }

    String name() {
        return files.name();
    }

    String style() {
        return style;
    }

    Scored candidate() {
        return candidate;
    }

    int candidateSize() {
        return candidateSize;
    }

    /** Another model on the same photos, prepared as its own descriptor says. */
    Scored judge(Candidate other, Judge judge) throws IOException, StepFailure {
        return score(files, fallback, other, judge);
    }

    private static Scored score(DatasetFiles files, int fallback, Candidate model, Judge judge)
            throws IOException, StepFailure {
        EvalFolder.Prepared prepared = EvalFolder.prepare(files, model.descriptor());
        if (!prepared.answered() || prepared.records().isEmpty()) {
            throw new StepFailure("missing-answers", "input '" + OutsideTheSplit.HELD_OUT_STYLE + "' ("
                    + files.name() + ") has no true answers for every eval image (" + EvalFolder.ANSWERS + "), so it "
                    + "cannot be scored", false);
        }
        float[][] probabilities = judge.probabilities(model, prepared.records());
        EvalFolder.answerUnreadable(prepared, probabilities, fallback);
        return new Scored(prepared, Evaluator.Evaluation.of(prepared.truth(), probabilities));
    }
}
