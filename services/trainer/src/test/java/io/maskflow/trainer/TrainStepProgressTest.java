package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.run.Halving;
import org.junit.jupiter.api.Test;

class TrainStepProgressTest {

    @Test
    void everyEpochReportsEachFigureSuccessiveHalvingMayCompare() {
        TrainingRunner.Epoch epoch = new TrainingRunner.Epoch(2, 1.1, 1.3, 0.4, 0.9, 0.8, 0.7, 300, 0.003, 10, 40,
                0.5);
        Progress progress = TrainStep.progress(epoch, 8);
        assertThat(progress.done()).isEqualTo(2);
        assertThat(progress.metrics()).containsKeys(Halving.METRICS.toArray(String[]::new))
                .containsEntry("valLoss", 1.3).containsEntry("valMacroF1", 0.4);
    }
}
