package io.maskflow.evaluator;

import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code heldOutStyle} data set as the promotion gate uses it: generated persons outside every split, whose
 * photos any model can be judged on, each model on its own preparation of them (its image size and crop), so two
 * models trained on different data can still be compared on the same persons.
 */
final class HeldOutSet {

    /** A model's predictions on the set and its macro F1 there. */
    record Scored(PersonBootstrap.Photos photos, double macroF1, int images) {
    }

    private final DatasetFiles files;
    private final String style;
    private final int fallback;
    private final Scored candidate;
    private final int candidateSize;

    /**
     * @param fallback the class unreadable photos are answered with
     * @param candidate the candidate's predictions, made while reporting the set's figures
     */
    HeldOutSet(DatasetFiles files, String style, int fallback, Scored candidate, int candidateSize) {
        this.files = files;
        this.style = style;
        this.fallback = fallback;
        this.candidate = candidate;
        this.candidateSize = candidateSize;
    }

    /** The persons the set shows, by the number the generator gave each. */
    Set<Integer> persons() {
        return Arrays.stream(candidate.photos().persons()).boxed().collect(Collectors.toSet());
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
        EvalFolder.Prepared prepared = EvalFolder.prepare(files, other.descriptor());
        float[][] probabilities = judge.probabilities(other, prepared.records());
        EvalFolder.answerUnreadable(prepared, probabilities, fallback);
        Evaluator.Evaluation evaluation = Evaluator.Evaluation.of(prepared.truth(), probabilities);
        return new Scored(new PersonBootstrap.Photos(prepared.truth(), evaluation.predicted(), prepared.persons()),
                evaluation.figures().macroF1(), prepared.records().size());
    }
}
