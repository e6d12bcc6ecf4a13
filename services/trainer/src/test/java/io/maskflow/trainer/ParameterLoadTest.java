package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.TrainingLoss;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameters loaded into a network that a trainer already trains reach the trainer's forward passes (what early
 * stopping's reload of the best epoch needs before the decision bias is fitted), not only the saved model.
 */
class ParameterLoadTest {

    private static final int SIZE = TrainingRunnerTest.SIZE;

    @Test
    void theTrainerAnswersWithTheLoadedParameters(@TempDir Path dir) throws Exception {
        TrainParams params = TrainParams.builder().epochs(1).batchSize(16).maxBatches(2).build();
        Path saved = new TrainingRunner().train(params, new TrainingRunner.Data(TrainingRunnerTest.learnable(12, 3),
                SIZE, TrainingRunnerTest.MEAN, TrainingRunnerTest.STD, null, null), dir.resolve("saved.zip"),
                (e, n) -> { }).artifact();
        try (Model model = ModelArtifact.load(saved, Device.cpu());
                Trainer trainer = model.newTrainer(new DefaultTrainingConfig(TrainingLoss.crossEntropy(Heads.THREE))
                        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build())
                        .optDevices(new Device[] {Device.cpu()}))) {
            trainer.initialize(new Shape(1, 3, SIZE, SIZE));
            NDManager manager = trainer.getManager();
            manager.getEngine().setRandomSeed(3);
            NDArray probe = manager.randomUniform(-1, 1, new Shape(4, 3, SIZE, SIZE));
            float[] asSaved = answer(saved, probe);
            assertThat(trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray())
                    .as("the premise: the trainer starts from the saved parameters").containsExactly(asSaved);

            float[] targets = new float[4 * Label.CLASSES];
            for (int i = 0; i < 4; i++) {
                targets[i * Label.CLASSES + 5 * i] = 1;
            }
            TrainingRunner.trainBatch(trainer, new NDList(probe), new NDList(manager.create(targets,
                    new Shape(4, Label.CLASSES))), 4, new Device[] {Device.cpu()}, manager);
            trainer.step();
            assertThat(trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray())
                    .as("the premise: a step moved the weights").isNotEqualTo(asSaved);

            ParameterLoad.load(model, saved);
            assertThat(trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray())
                    .as("the trainer's forward pass after the load").containsExactly(asSaved);
        }
    }

    /** A fresh model's answer from the artifact. */
    private static float[] answer(Path artifact, NDArray probe) throws Exception {
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            return predictor.predict(new NDList(probe)).singletonOrThrow().toFloatArray();
        }
    }
}
