package io.maskflow.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.maskflow.vision.model.TrainingLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ageRegression}: a second task beside the classes. The network gets one output more than its heads, trained
 * to each person's exact age ({@link TrainingLoss}'s age term), so that it learns what makes a face older along the
 * whole range of ages and not only across the two cuts of the age groups. The extra output is a training aid: the
 * saved model is the same network without it, and nothing that reads a model sees a difference.
 */
final class AgeTask {

    private AgeTask() {
    }

    /**
     * The age task's target of every person the records name, by person number; null when the task is off.
     *
     * @throws IllegalArgumentException when the shards do not carry the persons' ages
     */
    static float[] targets(TrainParams params, TrainingRunner.Data data) {
        if (params.ageRegression() == 0) {
            return null;
        }
        int[] ages = requireAges("ageRegression", data.records(), data.personAges());
        float[] targets = new float[ages.length];
        for (int person = 0; person < ages.length; person++) {
            targets[person] = TrainingLoss.ageTarget(ages[person]);
        }
        return targets;
    }

    /**
     * The persons' ages, by person number, for a parameter that needs them ({@code ageRegression},
     * {@code trainOldAgeFrom}).
     *
     * @throws IllegalArgumentException naming the parameter when a record's person has no age in the shards
     */
    static int[] requireAges(String parameter, List<ShardRecord> records, int[] ages) {
        for (ShardRecord r : records) {
            if (r.person() < 0 || r.person() >= ages.length) {
                throw new IllegalArgumentException(parameter + " needs each person's age, and the shards "
                        + (ages.length == 0 ? "do not carry them (prepared before preprocess kept them, version 7)"
                        : "give " + ages.length + " ages but hold person " + r.person())
                        + ": preprocess the data set again, or train with " + parameter + "=0");
            }
        }
        return ages;
    }

    /**
     * Saves {@code model} as a model of its heads alone: a fresh network of the same architecture with the heads'
     * outputs gets every trained parameter, the last layer's without the age task's rows.
     */
    static void saveWithoutAgeOutput(Model model, ModelDescriptor descriptor, Path artifact) throws IOException {
        Heads heads = descriptor.heads();
        int size = descriptor.imageSize();
        try (Model plain = Model.newInstance("maskflow", model.getNDManager().getDevice(), "PyTorch")) {
            Block block = Architectures.build(descriptor.architecture(), heads, size);
            plain.setBlock(block);
            block.initialize(plain.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
            PairList<String, Parameter> from = model.getBlock().getParameters();
            PairList<String, Parameter> to = block.getParameters();
            if (from.size() != to.size()) {
                throw new IllegalStateException("the trained network has " + from.size()
                        + " parameters, the saved one " + to.size());
            }
            for (int i = 0; i < to.size(); i++) {
                NDArray trained = from.get(i).getValue().getArray();
                Pair<String, Parameter> target = to.get(i);
                ParameterLoad.copyInto(target.getValue().getArray(), rowsOf(trained, target));
            }
            ModelArtifact.save(plain, descriptor, artifact);
        }
    }

    /** The trained values, cut to the target's rows where the target is the last layer without the extra one. */
    private static NDArray rowsOf(NDArray trained, Pair<String, Parameter> target) {
        Shape want = target.getValue().getArray().getShape();
        Shape have = trained.getShape();
        if (have.equals(want)) {
            return trained;
        }
        if (have.dimension() == want.dimension() && have.get(0) == want.get(0) + 1
                && have.slice(1).equals(want.slice(1))) {
            return trained.get(new NDIndex("0:" + want.get(0)));
        }
        throw new IllegalStateException("parameter " + target.getKey() + " is " + want + " in the saved network but "
                + have + " in the trained one");
    }
}
