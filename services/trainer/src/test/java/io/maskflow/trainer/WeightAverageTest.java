package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weight average against the same average worked out by hand from the weights after every step, batch
 * normalisation's running mean included; and the trained weights put back exactly, still trained afterwards.
 */
class WeightAverageTest {

    private static final float DECAY = 0.8f;

    /** The decays of updates 2 – 6 with {@link #DECAY}: the plain mean's 1/2, 2/3, 3/4, 4/5, then 0.8, not 5/6. */
    private static final double[] DECAYS = {0.5, 2.0 / 3, 0.75, 0.8, 0.8};

    @Test
    void theDecayIsWarmedUpAndThenTheConfiguredOne() {
        // the plain mean of the weights so far (the second weights weigh 1/2, the third 1/3) ...
        assertThat(WeightAverage.decayAfter(0.999f, 1)).isEqualTo(0.5f);
        assertThat(WeightAverage.decayAfter(0.999f, 2)).isCloseTo(2f / 3, within(1e-6f));
        assertThat(WeightAverage.decayAfter(0.999f, 100)).isCloseTo(100f / 101, within(1e-6f));
        // ... until the decay's horizon, 1 / (1 - d) steps, is the shorter memory: 0.999 from step 999 on
        assertThat(WeightAverage.decayAfter(0.999f, 998)).isLessThan(0.999f);
        assertThat(WeightAverage.decayAfter(0.999f, 999)).isEqualTo(0.999f);
        assertThat(WeightAverage.decayAfter(0.9995f, 3000)).as("reached in a run of 3,780 steps").isEqualTo(0.9995f);
        assertThat(WeightAverage.decayAfter(0.999f, 3000)).isNotEqualTo(WeightAverage.decayAfter(0.9995f, 3000));
        assertThat(WeightAverage.decayAfter(0.5f, 100)).isEqualTo(0.5f);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertThatThrownBy(() -> new WeightAverage(1f, List.of(), manager))
                    .hasMessageContaining("(0, 1)");
        }
        try (Model model = model(); Trainer trainer = trainer(model)) {
            assertThat(WeightAverage.of(0, model, trainer, 1)).as("off").isNull();
            assertThatThrownBy(() -> WeightAverage.of(0.999, model, trainer, 2))
                    .hasMessageContaining("on one device").hasMessageContaining("maxGpus=1");
        }
    }

    @Test
    void theAverageIsTheDecayedMeanOfTheWeightsAfterEachStepRunningStatisticsIncluded() {
        try (Model model = model(); Trainer trainer = trainer(model);
                WeightAverage average = average(model, trainer)) {
            ParameterList parameters = model.getBlock().getParameters();
            assertThat(parameters.keys()).as("batch norm's running mean is a parameter here")
                    .anyMatch(name -> name.contains("runningMean"));
            double[][] expected = null;
            float[][] first = null;
            for (int step = 0; step < 6; step++) {
                step(trainer, step);
                average.update();
                float[][] weights = values(parameters);
                if (expected == null) {
                    first = weights;
                    expected = new double[weights.length][];
                    for (int i = 0; i < weights.length; i++) {
                        expected[i] = toDouble(weights[i]);
                    }
                } else {
                    double d = DECAYS[step - 1];
                    for (int i = 0; i < weights.length; i++) {
                        for (int j = 0; j < weights[i].length; j++) {
                            expected[i][j] = d * expected[i][j] + (1 - d) * weights[i][j];
                        }
                    }
                }
            }
            assertThat(average.steps()).isEqualTo(6);
            float[][] last = values(parameters);
            average.swapIn();
            float[][] averaged = values(parameters);
            for (int i = 0; i < averaged.length; i++) {
                boolean differs = false;
                for (int j = 0; j < averaged[i].length; j++) {
                    assertThat((double) averaged[i][j]).as("%s[%d]", parameters.keyAt(i), j)
                            .isCloseTo(expected[i][j], within(1e-5));
                    differs |= Math.abs(averaged[i][j] - last[i][j]) > 1e-4;
                }
                // (the first layer's bias has next to no gradient under batch norm: it stays where it started)
                assertThat(differs).as("%s: the average is not the last weights where they moved",
                        parameters.keyAt(i)).isEqualTo(moved(first[i], last[i]));
            }
        }
    }

    @Test
    void theAverageAnswersInTheNetworksPlaceAndTheTrainedWeightsComeBackExactlyAndTrainOn() {
        try (Model model = model(); Trainer trainer = trainer(model);
                WeightAverage average = average(model, trainer)) {
            ParameterList parameters = model.getBlock().getParameters();
            for (int step = 0; step < 4; step++) {
                step(trainer, step);
                average.update();
            }
            float[][] trained = values(parameters);
            NDArray probe = trainer.getManager().randomUniform(-1, 1, new Shape(5, 6));
            float[] answerTrained = trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray();

            average.swapIn();
            average.swapIn(); // a second swap-in must not take the average for the trained weights
            float[] answerAveraged = trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray();
            assertThat(answerAveraged).as("the forward pass uses the average").isNotEqualTo(answerTrained);
            assertThatThrownBy(average::update).isInstanceOf(IllegalStateException.class);

            average.swapOut();
            float[][] back = values(parameters);
            for (int i = 0; i < back.length; i++) {
                assertThat(back[i]).as(parameters.keyAt(i)).containsExactly(trained[i]);
            }
            assertThat(trainer.evaluate(new NDList(probe)).singletonOrThrow().toFloatArray())
                    .containsExactly(answerTrained);

            step(trainer, 9);
            float[][] after = values(parameters);
            assertThat(after[firstWeight(parameters)]).as("the optimiser still trains the swapped-back weights")
                    .isNotEqualTo(trained[firstWeight(parameters)]);
        }
    }

    private static Model model() {
        Model model = Model.newInstance("average", Device.cpu(), "PyTorch");
        model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().optAxis(1).build()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build()));
        return model;
    }

    private static Trainer trainer(Model model) {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.2f)).build())
                .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(new Shape(5, 6));
        return trainer;
    }

    private static WeightAverage average(Model model, Trainer trainer) {
        return new WeightAverage(DECAY, model.getBlock().getParameters(), trainer.getManager());
    }

    /** One SGD step on a batch drawn for the step, so that every step moves the weights another way. */
    private static void step(Trainer trainer, int step) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            batch.getEngine().setRandomSeed(100 + step);
            NDArray x = batch.randomNormal(new Shape(5, 6)).add(step * 0.1);
            NDArray y = batch.randomNormal(new Shape(5, 3));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
            }
            trainer.step();
        }
    }

    private static float[][] values(ParameterList parameters) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values.toArray(float[][]::new);
    }

    private static int firstWeight(ParameterList parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.valueAt(i).requiresGradient()) {
                return i;
            }
        }
        throw new AssertionError("no trained parameter");
    }

    private static boolean moved(float[] from, float[] to) {
        for (int j = 0; j < from.length; j++) {
            if (Math.abs(from[j] - to[j]) > 1e-3) {
                return true;
            }
        }
        return false;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
