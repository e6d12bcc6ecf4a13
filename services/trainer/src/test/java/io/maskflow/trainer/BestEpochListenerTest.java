package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestEpochListenerTest {

    @TempDir
    Path work;

    private final ListenerFixture model = new ListenerFixture();

    @Test
    void savesAnEpochWhenItBecomesTheBestAndLoadsItBackAtTheEndWithEarlyStopping() throws Exception {
        TrainingSession session = new TrainingSession(10, work, model);
        BestEpochListener best = new BestEpochListener(true);
        model.train(session, 0.3, best);
        model.train(session, 0.6, best);
        model.train(session, 0.5, best);
        model.train(session, 0.6, best);
        assertThat(model.saves).as("epochs 1 and 2 were each the best when trained").isEqualTo(2);
        assertThat(Files.readString(session.bestFile())).isEqualTo("epoch 2");

        best.onTrainingEnd(session);
        assertThat(model.current).as("the model holds the best epoch's parameters").isEqualTo("epoch 2");
        assertThat(session.keptEpoch()).isEqualTo(2);
    }

    @Test
    void keepsTheLastEpochWithoutEarlyStoppingOrWhenTheLastIsTheBest() throws Exception {
        TrainingSession session = new TrainingSession(10, work, model);
        BestEpochListener best = new BestEpochListener(false);
        model.train(session, 0.6, best);
        model.train(session, 0.5, best);
        best.onTrainingEnd(session);
        assertThat(model.current).isEqualTo("epoch 2");
        assertThat(session.keptEpoch()).isEqualTo(2);

        TrainingSession improving = new TrainingSession(10, work, model);
        BestEpochListener stopping = new BestEpochListener(true);
        model.train(improving, 0.3, stopping);
        model.train(improving, 0.4, stopping);
        stopping.onTrainingEnd(improving);
        assertThat(model.loads).as("the last epoch is the best: nothing to load").isZero();
        assertThat(improving.keptEpoch()).isEqualTo(2);
    }
}
