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

    /**
     * A checkpoint the store does not take (an outage at the end of an epoch) is skipped, and training goes on: it
     * ended the attempt, whose epoch was trained again by the retry. The best epoch's file, not written with it, goes
     * with the next checkpoint that is, so a resume finds the file its state names.
     */
    @Test
    void aCheckpointTheStoreDoesNotTakeIsSkippedAndTheBestFileGoesWithTheNext() throws Exception {
        List<Integer> refusedAt = new ArrayList<>(List.of(2, 3));
        List<Integer> bestSavedAt = new ArrayList<>();
        DirectoryCheckpoints checkpoints = new DirectoryCheckpoints(dir.resolve("checkpoints")) {
            @Override
            public void save(State state, Path latest, Path best) throws IOException {
                if (refusedAt.remove(Integer.valueOf(state.epoch()))) {
                    throw new IOException("PUT checkpoint failed at http://127.0.0.1:9000: Connection refused");
                }
                if (best != null) {
                    bestSavedAt.add(state.epoch());
                }
                super.save(state, latest, best);
            }
        };
        ListenerFixture model = new ListenerFixture();
        TrainingSession session = new TrainingSession(5, Files.createDirectory(dir.resolve("first")), model);
        TrainingListener[] listeners = {new BestEpochListener(false), new CheckpointsListener(checkpoints)};
        for (TrainingListener listener : listeners) {
            listener.onTrainingBegin(session);
        }
        model.train(session, 0.3, listeners);
        model.train(session, 0.6, listeners); // the best, not saved
        model.train(session, 0.5, listeners); // not saved either
        model.train(session, 0.4, listeners);
        assertThat(session.curve()).as("training went on").hasSize(4);
        assertThat(bestSavedAt).as("epoch 2's parameters went with epoch 4's checkpoint").containsExactly(1, 4);

        TrainingSession resumed = new TrainingSession(5, Files.createDirectory(dir.resolve("second")),
                new ListenerFixture());
        new CheckpointsListener(checkpoints).onTrainingBegin(resumed);
        assertThat(resumed.curve()).hasSize(4);
        assertThat(resumed.bestEpoch()).isEqualTo(2);
        assertThat(Files.readString(resumed.bestFile())).isEqualTo("epoch 2");
    }
}
