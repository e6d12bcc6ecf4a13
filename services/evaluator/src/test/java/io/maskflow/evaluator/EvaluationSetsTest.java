package io.maskflow.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which folds of a split the evaluator reads into memory for the models it judges. */
class EvaluationSetsTest {

    /** One record on each of folds 0 .. 4, one held out and one that only trains (a generated person added). */
    private static final List<ShardRecord> SPLIT = IntStream.rangeClosed(-2, 4)
            .mapToObj(fold -> new ShardRecord(0, fold + 10, fold == -2 ? ShardFormat.TRAIN_ONLY
                    : fold == -1 ? ShardFormat.HOLDOUT : fold, new byte[0]))
            .toList();

    @Test
    void oneModelKeepsTheHoldoutAndTheFoldItWasValidatedOn() {
        assertEquals(Set.of(ShardFormat.HOLDOUT, 3), foldsKept(List.of(model(3))));
    }

    @Test
    void aModelThatDoesNotSayItsFoldIsJudgedOnFoldZero() {
        assertEquals(Set.of(ShardFormat.HOLDOUT, 0), foldsKept(List.of(model(null))));
    }

    @Test
    void severalModelsKeepEveryFoldForTheirOutOfFoldVote() {
        assertEquals(Set.of(ShardFormat.TRAIN_ONLY, ShardFormat.HOLDOUT, 0, 1, 2, 3, 4),
                foldsKept(List.of(model(0), model(1))));
    }

    private static Set<Integer> foldsKept(List<Candidate> models) {
        Predicate<ShardRecord> needed = EvaluationSets.needed(models);
        return SPLIT.stream().filter(needed).map(ShardRecord::fold).collect(Collectors.toSet());
    }

    private static Candidate model(Integer validationFold) {
        Map<String, Object> parameters = validationFold == null ? Map.of() : Map.of("validationFold", validationFold);
        ModelDescriptor descriptor = new ModelDescriptor("compact-cnn", Heads.THREE, 16, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null, Map.of(), parameters, Map.of(), Map.of(), null);
        return new Candidate(new ArtifactRef("maskflow", "models/m.zip", 1, "0".repeat(64)), null, List.of(),
                List.of(descriptor));
    }
}
