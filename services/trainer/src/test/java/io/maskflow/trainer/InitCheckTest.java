package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REST training job's {@code init} is checked before the job is queued: the key of an object that is no model
 * artifact is refused at once (a 400), where it used to be accepted (202) and the job failed a moment later with the
 * zip reader's "zip END header not found".
 */
class InitCheckTest {

    private final MemoryStore store = new MemoryStore();
    private final TrainingService service = new TrainingService();

    InitCheckTest() {
        service.store = store;
    }

    @Test
    void anObjectThatIsNoModelIsRefused() throws Exception {
        ArtifactRef csv = store.put("data/train/train.csv", "id,gender,race,age,path\n"
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThatThrownBy(() -> service.checkInit(csv)).isInstanceOf(ArtifactUnreadableException.class)
                .hasMessageContaining("data/train/train.csv is not a model to start from");
    }

    @Test
    void aTrainedModelPasses(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(1).batchSize(16).maxBatches(1).build();
        Path saved = new TrainingRunner().train(params, new TrainingRunner.Data(TrainingRunnerTest.learnable(12, 3),
                TrainingRunnerTest.SIZE, TrainingRunnerTest.MEAN, TrainingRunnerTest.STD, null, null),
                dir.resolve("saved.zip"), (e, n) -> { }).artifact();
        ArtifactRef model = store.put("jobs/train/x/model.zip", saved, "application/zip");
        assertThatCode(() -> service.checkInit(model)).doesNotThrowAnyException();
    }
}
