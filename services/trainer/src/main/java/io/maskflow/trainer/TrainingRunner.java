package io.maskflow.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.Devices;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.metrics.ClassificationMetrics;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.HeadsLoss;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains one model, the way DJL's TrainMnist reads: typed parameters in, a result object out, the data, model and
 * training configuration built by small methods, try-with-resources around Model and Trainer. The records of
 * the validation fold are held out; the hold-out persons are not used at all.
 */
public final class TrainingRunner {

    /** One epoch's figures. */
    public record Epoch(int epoch, double loss, double valMacroF1, double maskAccuracy, double genderAccuracy,
            double ageAccuracy, double imagesPerSecond) {
    }

    /** The data to train on: records in memory, their size and normalisation, where they came from. */
    public record Data(List<ShardRecord> records, int imageSize, float[] mean, float[] std, ArtifactRef index,
            Map<String, Object> preprocessing) {
    }

    /** What training produced: the model artifact and the curve. */
    public record Result(Path artifact, ModelDescriptor descriptor, List<Epoch> curve) {
    }

    /** Called after every epoch. */
    @FunctionalInterface
    public interface Listener {
        void epochDone(Epoch epoch, int epochs);
    }

    public Result train(TrainParams params, Data data, Path artifact, Listener listener) throws IOException {
        List<ShardRecord> train = new ArrayList<>();
        List<ShardRecord> validation = new ArrayList<>();
        for (ShardRecord r : data.records()) {
            if (r.fold() == params.validationFold()) {
                validation.add(r);
            } else if (r.fold() != ShardFormat.HOLDOUT) {
                train.add(r);
            }
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("validation fold " + params.validationFold() + " leaves "
                    + train.size() + " training and " + validation.size() + " validation images; both must be > 0");
        }
        Heads heads = Heads.fromId(params.heads());
        Device device = Devices.select(Integer.MAX_VALUE).get(0);
        Engine.getEngine("PyTorch").setRandomSeed((int) params.seed());
        List<Epoch> curve = new ArrayList<>();
        try (Model model = Model.newInstance("maskflow", device, "PyTorch")) {
            model.setBlock(Architectures.build(params.architecture(), heads));
            try (Trainer trainer = model.newTrainer(config(params, heads, device))) {
                trainer.initialize(new Shape(1, 3, data.imageSize(), data.imageSize()));
                Batcher batcher = new Batcher(data.imageSize(), data.imageSize(), params.batchSize(), data.mean(),
                        data.std());
                Random random = new Random(params.seed());
                for (int epoch = 1; epoch <= params.epochs(); epoch++) {
                    long start = System.nanoTime();
                    double loss = trainEpoch(trainer, batcher, train, params, random);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int seen = params.maxBatches() > 0 ? Math.min(train.size(), params.maxBatches()
                            * params.batchSize()) : train.size();
                    Epoch result = validate(trainer, batcher, validation, heads, params.batchSize(), epoch, loss,
                            seen / seconds);
                    curve.add(result);
                    listener.epochDone(result, params.epochs());
                }
            }
            Epoch last = curve.get(curve.size() - 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("valMacroF1", last.valMacroF1());
            metrics.put("maskAccuracy", last.maskAccuracy());
            metrics.put("genderAccuracy", last.genderAccuracy());
            metrics.put("ageAccuracy", last.ageAccuracy());
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = EventCodec.instance().mapper()
                    .convertValue(params, Map.class);
            ModelDescriptor descriptor = new ModelDescriptor(params.architecture(), heads, data.imageSize(),
                    data.mean(), data.std(), 30, 60, data.index(), metrics, parameters,
                    Map.of("djl", Engine.getDjlVersion(), "pytorch", Engine.getEngine("PyTorch").getVersion()),
                    data.preprocessing());
            ModelArtifact.save(model, descriptor, artifact);
            return new Result(artifact, descriptor, curve);
        }
    }

    private static DefaultTrainingConfig config(TrainParams params, Heads heads, Device device) {
        Optimizer optimizer = switch (params.optimizer()) {
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) params.learningRate()))
                    .optMomentum(0.9f).build();
            default -> Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) params.learningRate()))
                    .build();
        };
        return new DefaultTrainingConfig(new HeadsLoss(heads)).optOptimizer(optimizer).optDevices(
                new Device[] {device});
    }

    private static double trainEpoch(Trainer trainer, Batcher batcher, List<ShardRecord> train, TrainParams params,
            Random random) {
        List<ShardRecord> order = new ArrayList<>(train);
        Collections.shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < order.size(); from += params.batchSize()) {
            if (params.maxBatches() > 0 && batches >= params.maxBatches()) {
                break;
            }
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDList batch = batcher.batch(order.subList(from, Math.min(order.size(), from + params.batchSize())),
                        step);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(batch.get(0)));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(batch.get(1)), predictions);
                    collector.backward(loss);
                    lossSum += loss.getFloat();
                }
                trainer.step();
                batches++;
            }
        }
        return lossSum / Math.max(1, batches);
    }

    private static Epoch validate(Trainer trainer, Batcher batcher, List<ShardRecord> validation, Heads heads,
            int batchSize, int epoch, double loss, double imagesPerSecond) {
        int[] truth = new int[validation.size()];
        int[] predicted = new int[validation.size()];
        for (int from = 0; from < validation.size(); from += batchSize) {
            List<ShardRecord> part = validation.subList(from, Math.min(validation.size(), from + batchSize));
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDList batch = batcher.batch(part, step);
                NDArray probabilities = heads.probabilities(trainer.evaluate(new NDList(batch.get(0)))
                        .singletonOrThrow());
                long[] classes = probabilities.argMax(1).toLongArray();
                for (int i = 0; i < part.size(); i++) {
                    truth[from + i] = part.get(i).label();
                    predicted[from + i] = (int) classes[i];
                }
            }
        }
        return new Epoch(epoch, loss, ClassificationMetrics.macroF1(truth, predicted),
                ClassificationMetrics.headAccuracy(truth, predicted, 0),
                ClassificationMetrics.headAccuracy(truth, predicted, 1),
                ClassificationMetrics.headAccuracy(truth, predicted, 2), imagesPerSecond);
    }
}
