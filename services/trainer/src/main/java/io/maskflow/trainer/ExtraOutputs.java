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
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.maskflow.vision.model.TrainingLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The network's outputs after its heads' logits: training aids that teach it more about each face than its label
 * says, left out of the saved model.
 * <ul>
 *   <li>{@code ageRegression} (w): one output trained to the person's exact age, (age − 40) / 20, weight w.
 *   <li>{@code cueWeight} (w): one output per drawing value the shards carry for the persons of a generated data set
 *       (the generator's {@code train/cues.csv}: facial hair, earrings, long hair, make-up, jaw, brows, ageing,
 *       hairline), each trained to that value standardised over the training persons that have it, weight w / K for
 *       K values, so that the task weighs w however many values there are. Persons without values (a user's photos
 *       beside generated ones) weigh 0 in it; shards without any train without it.
 * </ul>
 * {@link TrainingLoss} adds each output's weighted squared error; the batch loader writes each person's targets and
 * then their weights after the 18 class columns. Mixup and cutmix mix both like the class targets, so an image mixed
 * from a person with values and one without gets a part of the weight and a target pulled towards 0 (not measured;
 * the main job mixes nothing).
 *
 * @param count the number of extra outputs
 * @param targets each person's row by person number: the extra outputs' targets, then their weights; null when
 *     there are no extra outputs
 */
record ExtraOutputs(int count, float[][] targets) {

    private static final Logger LOG = Logger.getLogger(ExtraOutputs.class);

    static final ExtraOutputs NONE = new ExtraOutputs(0, null);

    /**
     * The extra outputs {@code params} ask for, with every person's targets and weights.
     *
     * @param train the training records, over whose persons the drawing values are standardised
     * @throws IllegalArgumentException naming the parameter when the shards lack the ages it needs
     */
    static ExtraOutputs of(TrainParams params, TrainingRunner.Data data, List<ShardRecord> train) {
        List<float[]> columns = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        if (params.ageRegression() > 0) {
            int[] ages = AgeTask.requireAges("ageRegression", data.records(), data.personAges());
            float[] column = new float[ages.length];
            for (int person = 0; person < ages.length; person++) {
                column[person] = TrainingLoss.ageTarget(ages[person]);
            }
            columns.add(column);
            float[] weight = new float[ages.length];
            Arrays.fill(weight, (float) params.ageRegression());
            weights.add(weight);
        }
        double[][] cues = data.personCues();
        boolean anyCues = Arrays.stream(cues).anyMatch(Objects::nonNull);
        if (params.cueWeight() > 0 && !anyCues) {
            LOG.infof("cueWeight %s: the shards carry no drawing values (not generated data), so no cue task",
                    params.cueWeight());
        } else if (params.cueWeight() > 0) {
            int k = data.cueNames().size();
            float[] weight = new float[cues.length];
            for (int person = 0; person < cues.length; person++) {
                weight[person] = cues[person] == null ? 0 : (float) params.cueWeight() / k;
            }
            for (int c = 0; c < k; c++) {
                columns.add(standardised(cues, c, train));
                weights.add(weight);
            }
        }
        if (columns.isEmpty()) {
            return NONE;
        }
        int k = columns.size();
        int persons = Math.max(columns.stream().mapToInt(column -> column.length).max().orElse(0),
                data.records().stream().mapToInt(r -> r.person() + 1).max().orElse(0));
        float[][] targets = new float[persons][2 * k];
        for (int j = 0; j < k; j++) {
            for (int person = 0; person < columns.get(j).length; person++) { // persons past it weigh 0
                targets[person][j] = columns.get(j)[person];
                targets[person][k + j] = weights.get(j)[person];
            }
        }
        return new ExtraOutputs(k, targets);
    }

    /** Value {@code c} of every person, less its mean over the training persons and over their deviation. */
    private static float[] standardised(double[][] cues, int c, List<ShardRecord> train) {
        boolean[] seen = new boolean[cues.length];
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (ShardRecord r : train) {
            if (r.person() >= 0 && r.person() < cues.length && cues[r.person()] != null && !seen[r.person()]) {
                seen[r.person()] = true;
                double v = cues[r.person()][c];
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double deviation = n == 0 ? 0 : Math.sqrt(Math.max(0, squares / n - mean * mean));
        double scale = deviation > 1e-6 ? deviation : 1;
        float[] column = new float[cues.length];
        for (int person = 0; person < cues.length; person++) {
            column[person] = cues[person] == null ? 0 : (float) ((cues[person][c] - mean) / scale);
        }
        return column;
    }

    /**
     * Saves {@code model} as a model of its heads alone when it has extra outputs: a fresh network of the same
     * architecture with the heads' outputs gets every trained parameter, the last layer's without the extra rows.
     */
    void save(Model model, ModelDescriptor descriptor, Path artifact) throws IOException {
        if (count() == 0) {
            ModelArtifact.save(model, descriptor, artifact);
            return;
        }
        int size = descriptor.imageSize();
        try (Model plain = Model.newInstance("maskflow", model.getNDManager().getDevice(), "PyTorch")) {
            Block block = Architectures.build(descriptor.architecture(), descriptor.heads(), size);
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

    /** The trained values, cut to the target's rows where the target is the last layer without the extra ones. */
    private NDArray rowsOf(NDArray trained, Pair<String, Parameter> target) {
        Shape want = target.getValue().getArray().getShape();
        Shape have = trained.getShape();
        if (have.equals(want)) {
            return trained;
        }
        if (have.dimension() == want.dimension() && have.get(0) == want.get(0) + count()
                && have.slice(1).equals(want.slice(1))) {
            return trained.get(new NDIndex("0:" + want.get(0)));
        }
        throw new IllegalStateException("parameter " + target.getKey() + " is " + want + " in the saved network but "
                + have + " in the trained one");
    }
}
