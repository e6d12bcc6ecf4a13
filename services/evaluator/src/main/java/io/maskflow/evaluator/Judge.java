package io.maskflow.evaluator;

import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.shards.ShardRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Predicts records with a candidate the way this evaluation asks (image size, flip TTA, multi-crop) and scores the
 * predictions against the records' labels, so every figure of one evaluation is measured alike.
 */
final class Judge {

    /** The records a figure came from, with their predictions (the pictures need both). */
    record Judged(List<ShardRecord> records, Evaluator.Evaluation evaluation) {

        double macroF1() {
            return evaluation.figures().macroF1();
        }
    }

    private final Evaluator evaluator;
    private final int size;
    private final boolean tta;
    private final boolean multiCrop;

    Judge(Evaluator evaluator, int size, EvaluateParams params) {
        this.evaluator = evaluator;
        this.size = size;
        this.tta = params.tta();
        this.multiCrop = params.multiCrop();
    }

    Evaluator evaluator() {
        return evaluator;
    }

    int size() {
        return size;
    }

    /** The candidate's class probabilities for each record. */
    float[][] probabilities(Candidate candidate, List<ShardRecord> records) throws IOException {
        return candidate.probabilities(evaluator, records, size, tta, multiCrop);
    }

    /** The candidate's predictions on the records and their figures. */
    Judged judge(Candidate candidate, List<ShardRecord> records) throws IOException {
        return new Judged(records, Evaluator.Evaluation.of(truth(records), probabilities(candidate, records)));
    }

    /**
     * Out-of-fold predictions: every training person predicted by the model that held its fold out. Only when the
     * models' validation folds are distinct (a k-fold set); null otherwise.
     */
    Judged outOfFold(List<Candidate> models, List<ShardRecord> all) throws IOException {
        Set<Integer> folds = new HashSet<>();
        for (Candidate m : models) {
            if (m.validationFold() < 0 || !folds.add(m.validationFold())) {
                return null;
            }
        }
        List<ShardRecord> records = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        for (Candidate m : models) {
            List<ShardRecord> own = EvaluationSets.fold(all, m.validationFold());
            records.addAll(own);
            probabilities.addAll(Arrays.asList(probabilities(m, own)));
        }
        if (records.isEmpty()) {
            return null;
        }
        return new Judged(records, Evaluator.Evaluation.of(truth(records), probabilities.toArray(float[][]::new)));
    }

    static int[] truth(List<ShardRecord> records) {
        return records.stream().mapToInt(ShardRecord::label).toArray();
    }
}
