package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsListenerTest {

    @TempDir
    Path dir;

    @Test
    void savesEveryEpochsStateAndAResumeStartsWhereItEnded() throws Exception {
        List<Integer> bestSavedAt = new ArrayList<>();
        DirectoryCheckpoints checkpoints = new DirectoryCheckpoints(dir.resolve("checkpoints")) {
            @Override
            public void save(State state, Path latest, Path best) throws IOException {
                if (best != null) {
                    bestSavedAt.add(state.epoch());
                }
                super.save(state, latest, best);
            }
        };
        ListenerFixture model = new ListenerFixture();
        TrainingSession first = new TrainingSession(5, Files.createDirectory(dir.resolve("first")), model);
        TrainingListener[] listeners = {new BestEpochListener(false), new CheckpointsListener(checkpoints)};
        for (TrainingListener listener : listeners) {
            listener.onTrainingBegin(first);
        }
        assertThat(first.resumed()).as("nothing saved yet").isFalse();
        model.train(first, 0.3, listeners);
        model.train(first, 0.6, listeners);
        model.train(first, 0.5, listeners);
        Checkpoints.State state = EventCodec.instance().mapper().readValue(
                dir.resolve("checkpoints/state.json").toFile(), Checkpoints.State.class);
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.bestEpoch()).isEqualTo(2);
        assertThat(state.curve()).hasSize(3);
        assertThat(Files.readString(dir.resolve("checkpoints/latest.zip"))).isEqualTo("epoch 3");
        assertThat(Files.readString(dir.resolve("checkpoints/best.zip"))).isEqualTo("epoch 2");
        assertThat(bestSavedAt).as("the best parameters are saved when they change only").containsExactly(1, 2);

        ListenerFixture restarted = new ListenerFixture();
        TrainingSession second = new TrainingSession(5, Files.createDirectory(dir.resolve("second")), restarted);
        new CheckpointsListener(checkpoints).onTrainingBegin(second);
        assertThat(second.resumed()).isTrue();
        assertThat(second.curve()).extracting(TrainingRunner.Epoch::epoch).containsExactly(1, 2, 3);
        assertThat(second.bestEpoch()).isEqualTo(2);
        assertThat(restarted.current).as("the last epoch's parameters").isEqualTo("epoch 3");
        assertThat(Files.readString(second.bestFile())).isEqualTo("epoch 2");
    }
}
