package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingListenerTest {

    @TempDir
    Path work;

    private final ListenerFixture model = new ListenerFixture();

    @Test
    void stopsAfterPatienceEpochsWithoutABetterMacroF1() throws Exception {
        TrainingSession session = new TrainingSession(10, work, model);
        EarlyStoppingListener stopping = new EarlyStoppingListener(2);
        stopping.onTrainingBegin(session);
        model.train(session, 0.3, stopping);
        model.train(session, 0.5, stopping);
        model.train(session, 0.4, stopping);
        assertThat(session.stopped()).as("one epoch without a better figure").isFalse();
        model.train(session, 0.45, stopping);
        assertThat(session.stopped()).as("two epochs since epoch 2's 0.5").isTrue();
    }

    @Test
    void aBetterFigureStartsThePatienceAgainAndAnEqualOneDoesNot() throws Exception {
        TrainingSession better = new TrainingSession(10, work, model);
        EarlyStoppingListener stopping = new EarlyStoppingListener(2);
        model.train(better, 0.3, stopping);
        model.train(better, 0.2, stopping);
        model.train(better, 0.4, stopping);
        model.train(better, 0.35, stopping);
        assertThat(better.stopped()).isFalse();

        TrainingSession equal = new TrainingSession(10, work, model);
        model.train(equal, 0.5, stopping);
        model.train(equal, 0.5, stopping);
        model.train(equal, 0.5, stopping);
        assertThat(equal.stopped()).as("0.5 again is not better than 0.5").isTrue();
    }

    @Test
    void havingTrainedEveryEpochAskedForIsNotAnEarlyStop() throws Exception {
        TrainingSession session = new TrainingSession(3, work, model);
        EarlyStoppingListener stopping = new EarlyStoppingListener(2);
        model.train(session, 0.5, stopping);
        model.train(session, 0.4, stopping);
        model.train(session, 0.3, stopping);
        assertThat(session.stopped()).isFalse();
    }

    @Test
    void aResumedRunWhosePatienceRanOutTrainsNoMore() throws Exception {
        TrainingSession session = new TrainingSession(10, work, model);
        session.resume(List.of(ListenerFixture.epoch(1, 0.5), ListenerFixture.epoch(2, 0.4),
                ListenerFixture.epoch(3, 0.4)), 1);
        new EarlyStoppingListener(2).onTrainingBegin(session);
        assertThat(session.stopped()).isTrue();

        TrainingSession fresh = new TrainingSession(10, work, model);
        new EarlyStoppingListener(1).onTrainingBegin(fresh);
        assertThat(fresh.stopped()).as("nothing trained yet").isFalse();
    }
}
