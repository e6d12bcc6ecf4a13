package io.maskflow.contracts.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.contracts.shards.ShardIndex;
import org.junit.jupiter.api.Test;

class StepContractTest {

    @Test
    void theKindsReadAcrossServicesNameTheirRecordTypes() {
        assertThat(ArtifactKind.DATASET.record()).contains(DatasetManifest.class);
        assertThat(ArtifactKind.SHARDS.record()).contains(ShardIndex.class);
        assertThat(ArtifactKind.IMAGE.record()).isEmpty();
    }

    @Test
    void onlyEvaluateLeavesARecordOutsideItsOutputsTheModelServingLoads() {
        assertThat(StepContract.of(StepType.EVALUATE).leaves()).containsExactly(
                java.util.Map.entry(PromotedModel.KEY, PromotedModel.class));
        for (StepType other : new StepType[] {StepType.DATAGEN, StepType.PREPROCESS, StepType.TRAIN}) {
            assertThat(StepContract.of(other).leaves()).as(other.id()).isEmpty();
        }
    }

    @Test
    void aRepeatedInputAndAnExtraInputFallUnderTheirDeclarations() {
        StepContract evaluate = StepContract.of(StepType.EVALUATE);
        assertThat(evaluate.input("model-3")).contains(evaluate.inputs().get("model"));
        assertThat(evaluate.input("modle")).isEmpty();
        assertThat(StepContract.of(StepType.PREPROCESS).input("synthetic-old").orElseThrow().prefix())
                .isEqualTo("synthetic");
    }
}
