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
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.trainer.data.Augmenter;
import io.maskflow.trainer.data.BatchLoader;
import io.maskflow.trainer.data.HostBatch;
import io.maskflow.trainer.data.Mixer;
import io.maskflow.trainer.data.Sampler;
import io.maskflow.vision.Devices;
import io.maskflow.vision.metrics.ClassificationMetrics;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.DecisionBias;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.MixStyle;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.maskflow.vision.model.RandomDraws;
import io.maskflow.vision.model.TrainingLoss;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Trains one model, the way DJL's TrainMnist reads: typed parameters in, a result object out, the data, model and
 * training configuration built by small methods, try-with-resources around Model and Trainer. Images of the
 * validation fold are held out for the per-epoch validation; the hold-out persons are not used at all. Batches
 * come from a {@link BatchLoader} working ahead on its own threads; with several devices each batch is split
 * across them and DJL's parameter store sums the gradients.
 */
public final class TrainingRunner {

    private static final Logger LOG = Logger.getLogger(TrainingRunner.class);

    /** α of MixStyle's Beta(α, α) ratio, the paper's: most images keep most of their own style. */
    private static final double MIX_STYLE_ALPHA = 0.1;

    /** One epoch's figures. */
    public record Epoch(int epoch, double loss, double valLoss, double valMacroF1, double maskAccuracy,
            double genderAccuracy, double ageAccuracy, double imagesPerSecond, double learningRate, double seconds,
            double etaSeconds, double trainMacroF1) {
    }

    /**
     * How many training images (the same ones every epoch, without augmentation) give the training macro F1 beside
     * the validation one: enough to show over-fitting on a curve, a small share of an epoch's work.
     */
    static final int TRAIN_F1_IMAGES = 512;

    /**
     * The data to train on: records in memory, their size and normalisation, where they came from.
     *
     * @param initModel a previous Maskflow model to start from (same network), or null for a fresh start
     * @param personAges each person's age by the person number the records carry (the shard index's), empty when
     *     the shards do not say
     * @param cueNames the drawing values {@code personCues} holds, empty when the shards carry none
     * @param personCues each person's drawing values by person number (null rows for persons without)
     */
    public record Data(List<ShardRecord> records, int imageSize, float[] mean, float[] std, ArtifactRef index,
            Map<String, Object> preprocessing, Path initModel, int[] personAges, List<String> cueNames,
            double[][] personCues) {

        public Data {
            personAges = personAges == null ? new int[0] : personAges;
            cueNames = cueNames == null ? List.of() : List.copyOf(cueNames);
            personCues = personCues == null ? new double[0][] : personCues;
        }

        public Data(List<ShardRecord> records, int imageSize, float[] mean, float[] std, ArtifactRef index,
                Map<String, Object> preprocessing, Path initModel, int[] personAges) {
            this(records, imageSize, mean, std, index, preprocessing, initModel, personAges, null, null);
        }

        public Data(List<ShardRecord> records, int imageSize, float[] mean, float[] std, ArtifactRef index,
                Map<String, Object> preprocessing, Path initModel) {
            this(records, imageSize, mean, std, index, preprocessing, initModel, null, null, null);
        }

        public Data(List<ShardRecord> records, int imageSize, float[] mean, float[] std, ArtifactRef index,
                Map<String, Object> preprocessing) {
            this(records, imageSize, mean, std, index, preprocessing, null, null, null, null);
        }
    }

    /** What training produced: the model artifact, the curve, which epoch's parameters were kept and why. */
    public record Result(Path artifact, ModelDescriptor descriptor, List<Epoch> curve, int keptEpoch,
            boolean stoppedEarly, boolean resumed) {
    }

    /** Called after every epoch. */
    @FunctionalInterface
    public interface Listener {
        void epochDone(Epoch epoch, int epochs);
    }

    private final List<Device> devices;
    private final Checkpoints checkpoints;
    private final BooleanSupplier cancelled;

    /** Every GPU allowed by the parameters, else the CPU; no checkpoints; never cancelled. */
    public TrainingRunner() {
        this(null, Checkpoints.NONE, () -> false);
    }

    /**
     * @param devices the devices to split each batch over, or null to choose by {@link TrainParams#maxGpus()}
     * @param checkpoints where to save and find the per-epoch state
     * @param cancelled asked before every batch; true stops the run with a {@link CancellationException}
     */
    public TrainingRunner(List<Device> devices, Checkpoints checkpoints, BooleanSupplier cancelled) {
        this.devices = devices;
        this.checkpoints = checkpoints;
        this.cancelled = cancelled;
    }

    /**
     * Trains on every fold but the validation one (and the hold-out) and saves the model to {@code artifact}. Around
     * the epochs, {@link TrainingListener}s resume from and save checkpoints, keep the best epoch and stop early.
     */
    public Result train(TrainParams params, Data data, Path artifact, Listener listener) throws IOException {
        Folds folds = Folds.split(data.records(), params.validationFold());
        if (params.trainOldAgeFrom() > 0) {
            OldAgeCut.Moved moved = OldAgeCut.moved(params.trainOldAgeFrom(), folds.train(), data);
            folds = new Folds(moved.train(), folds.validation(), moved.images());
        }
        Heads heads = heads(params.heads());
        Device[] on = (devices != null ? devices : Devices.select(params.maxGpus())).toArray(Device[]::new);
        Engine.getEngine("PyTorch").setRandomSeed((int) params.seed());
        int batchesPerEpoch = batches(folds.train().size(), params);
        LearningRateSchedule schedule = new LearningRateSchedule(params.schedule(), (float) params.learningRate(),
                (int) Math.round(params.warmupEpochs() * batchesPerEpoch), batchesPerEpoch * params.epochs());
        ExtraOutputs extra = ExtraOutputs.of(params, data, folds.train());
        TrainingLoss loss = loss(params, heads, folds.trainLabels(), extra.count());
        float[] personWeights = CueBalance.weights(params, data, folds.train());
        Path work = Files.createTempDirectory("training-");
        try (Model model = Model.newInstance("maskflow", on[0], "PyTorch");
                BatchLoader trainLoader = new BatchLoader(folds.train(), data.imageSize(), data.mean(), data.std(),
                        augmentation(params), params.loaderThreads(), extra.targets(), personWeights);
                BatchLoader validationLoader = new BatchLoader(folds.validation(), data.imageSize(), data.mean(),
                        data.std(), Augmenter.Settings.NONE, params.loaderThreads(), extra.targets())) {
            model.setBlock(Architectures.build(params.architecture().id(), loss.outputs(), data.imageSize(),
                    params.mixStyle() > 0 ? new MixStyle(params.mixStyle(), MIX_STYLE_ALPHA, params.seed()) : null));
            // Parameters are loaded (a starting model, then a checkpoint to resume from) before the trainer exists:
            // DJL's Parameter.load puts new arrays in place of the block's, and the trainer trains and updates the
            // arrays it finds when it is initialised; loaded after that, they would be saved but never trained.
            if (data.initModel() != null) {
                ParameterLoad.startFrom(model, data.initModel(), params, data.imageSize(), extra.count());
            }
            ModelDescriptor descriptor = descriptor(params, heads, data, Map.of());
            TrainingSession session = new TrainingSession(params.epochs(), work, parameters(model, descriptor));
            List<TrainingListener> listeners = listeners(params, listener);
            for (TrainingListener each : listeners) {
                each.onTrainingBegin(session);
            }
            Device[] copies = distinct(on);
            try (Trainer trainer = model.newTrainer(config(params, loss, schedule, copies));
                    WeightAverage average = WeightAverage.of(params.emaDecay(), model, trainer, copies.length)) {
                trainer.initialize(new Shape(1, 3, data.imageSize(), data.imageSize()));
                EpochWork epochs = new EpochWork(params, trainer, on, heads, trainLoader, validationLoader, folds,
                        schedule, batchesPerEpoch, average);
                runEpochs(session, listeners, epochs);
                return finish(session, model, params, heads, data, artifact, epochs, extra);
            }
        } finally {
            ModelArtifact.deleteTree(work);
        }
    }

    /**
     * The listeners of a training, in the order they act at every edge: the best epoch's file is saved before the
     * checkpoint that copies it, a resume restores the curve before early stopping reads it, and progress is told
     * of an epoch once its checkpoint is saved.
     */
    private List<TrainingListener> listeners(TrainParams params, Listener progress) {
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new BestEpochListener(params.earlyStopPatience() > 0));
        listeners.add(new CheckpointsListener(checkpoints));
        listeners.add(new TrainingListener() {
            @Override
            public void onEpoch(TrainingSession session) {
                progress.epochDone(session.last(), session.epochs());
            }
        });
        if (params.earlyStopPatience() > 0) {
            listeners.add(new EarlyStoppingListener(params.earlyStopPatience()));
        }
        return listeners;
    }

    /** The epochs of a training whose listeners have begun (and resumed what there was to resume). */
    private static void runEpochs(TrainingSession session, List<TrainingListener> listeners, EpochWork epochs)
            throws IOException {
        epochs.startAt(session.curve().size());
        for (int epoch = session.curve().size() + 1; epoch <= session.epochs() && !session.stopped(); epoch++) {
            session.add(epochs.train(epoch));
            for (TrainingListener listener : listeners) {
                listener.onEpoch(session);
            }
        }
        for (TrainingListener listener : listeners) {
            listener.onTrainingEnd(session);
        }
    }

    /**
     * Saves the final model with the kept epoch's figures as its metrics and, when asked for, the decision bias
     * fitted on the validation fold (with that fold's macro F1 under it: a figure on the data it was fitted to).
     */
    private static Result finish(TrainingSession session, Model model, TrainParams params, Heads heads, Data data,
            Path artifact, EpochWork epochs, ExtraOutputs extra) throws IOException {
        int kept = session.keptEpoch();
        Epoch figures = session.curve().get(kept - 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("valMacroF1", figures.valMacroF1());
        metrics.put("valLoss", figures.valLoss());
        metrics.put("maskAccuracy", figures.maskAccuracy());
        metrics.put("genderAccuracy", figures.genderAccuracy());
        metrics.put("ageAccuracy", figures.ageAccuracy());
        metrics.put("epoch", (double) kept);
        if (params.trainOldAgeFrom() > 0) {
            metrics.put("imagesTrainedAsOld", (double) epochs.folds.trainedAsOld());
        }
        float[] bias = null;
        if (params.calibrate() == TrainParams.Calibrate.MACRO_F1) {
            Predictions validation = epochs.validationPredictions();
            bias = DecisionBias.fit(heads, validation.logits(), validation.truth());
            metrics.put("valMacroF1Biased", DecisionBias.macroF1(heads, validation.logits(), validation.truth(), bias));
        }
        ModelDescriptor descriptor = descriptor(params, heads, data, metrics).withLogitBias(bias);
        extra.save(model, descriptor, artifact);
        return new Result(artifact, descriptor, List.copyOf(session.curve()), kept, session.stopped(),
                session.resumed());
    }

    /** The model's parameters as the listeners save and load them: model artifacts with the run's descriptor. */
    private static TrainingSession.Parameters parameters(Model model, ModelDescriptor descriptor) {
        return new TrainingSession.Parameters() {
            @Override
            public void save(Path file) throws IOException {
                ModelArtifact.save(model, descriptor, file);
            }

            @Override
            public void load(Path file) throws IOException {
                ParameterLoad.load(model, file);
            }
        };
    }

    /** The records to train on (every fold but the validation one and the hold-out) and to validate on. */
    private record Folds(List<ShardRecord> train, List<ShardRecord> validation, int trainedAsOld) {

        static Folds split(List<ShardRecord> records, int validationFold) {
            List<ShardRecord> train = new ArrayList<>();
            List<ShardRecord> validation = new ArrayList<>();
            for (ShardRecord r : records) {
                if (r.fold() == validationFold) {
                    validation.add(r);
                } else if (r.fold() != ShardFormat.HOLDOUT) {
                    train.add(r);
                }
            }
            ValidationFold.check(validationFold, train.size(), validation.size());
            return new Folds(train, validation, 0);
        }

        int[] trainLabels() {
            return train.stream().mapToInt(ShardRecord::label).toArray();
        }
    }

    /** One epoch's work: train on the training folds in this epoch's order, then measure. */
    private final class EpochWork {

        private final TrainParams params;
        private final Trainer trainer;
        private final Device[] on;
        private final Heads heads;
        private final BatchLoader trainLoader;
        private final BatchLoader validationLoader;
        private final Folds folds;
        private final int[] trainLabels;
        private final LearningRateSchedule schedule;
        private final int batchesPerEpoch;
        private final Mixer mixer;
        private final int[] trainF1Sample;
        private final WeightAverage average;

        EpochWork(TrainParams params, Trainer trainer, Device[] on, Heads heads, BatchLoader trainLoader,
                BatchLoader validationLoader, Folds folds, LearningRateSchedule schedule, int batchesPerEpoch,
                WeightAverage average) {
            this.params = params;
            this.trainer = trainer;
            this.on = on;
            this.heads = heads;
            this.trainLoader = trainLoader;
            this.validationLoader = validationLoader;
            this.folds = folds;
            this.trainLabels = folds.trainLabels();
            this.schedule = schedule;
            this.batchesPerEpoch = batchesPerEpoch;
            this.average = average;
            this.mixer = new Mixer(mixing(params.mix()), params.mixAlpha());
            int size = folds.train().size();
            this.trainF1Sample = Arrays.copyOf(RandomDraws.shuffled(size, Sampler.random(params.seed(), 0, -2)),
                    Math.min(TRAIN_F1_IMAGES, size));
        }

        /** Continues the learning-rate schedule after {@code done} epochs (0 unless resumed). */
        void startAt(int done) {
            schedule.startAt(done * batchesPerEpoch);
        }

        Epoch train(int epoch) {
            long start = System.nanoTime();
            int[] order = order(epoch);
            float rate = schedule.at(epoch * batchesPerEpoch - 1);
            if (average != null) {
                average.swapOut();
            }
            double[] trained = trainEpoch(trainer, trainLoader.epoch(order, params.batchSize(), params.maxBatches(),
                    true, mixer, params.seed(), epoch), on, average);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (average != null) {
                average.swapIn(); // the average is what is validated, saved and kept
            }
            return validate(trainer, validationLoader, folds.validation().size(), heads, params, epoch, trained[0],
                    trained[1] / seconds, rate, seconds, macroF1(trainer, trainLoader, trainF1Sample, heads, params,
                    epoch));
        }

        /** The kept model's logits on the validation fold, without augmentation. */
        Predictions validationPredictions() {
            return predict(trainer, validationLoader, inOrder(folds.validation().size()), heads, params, 0);
        }

        private int[] order(int epoch) {
            SplittableRandom random = Sampler.random(params.seed(), epoch, -1);
            return params.sampling() == TrainParams.Sampling.WEIGHTED
                    ? Sampler.weighted(trainLabels, Label.CLASSES, random)
                    : RandomDraws.shuffled(folds.train().size(), random);
        }
    }

    /**
     * The devices DJL's trainer keeps parameter copies on. DJL folds every CPU into one device, so a list of two
     * CPU slots trains on one copy while {@link #trainBatch} still splits each batch in two (how the tests run
     * the multi-device path here).
     */
    private static Device[] distinct(Device[] devices) {
        return Arrays.stream(devices).distinct().toArray(Device[]::new);
    }

    /** The vision library's head layout for the parameter's. */
    static Heads heads(TrainParams.Heads heads) {
        return switch (heads) {
            case SINGLE -> Heads.SINGLE;
            case THREE -> Heads.THREE;
        };
    }

    private static TrainingLoss.Kind kind(TrainParams.Loss loss) {
        return switch (loss) {
            case CROSS_ENTROPY -> TrainingLoss.Kind.CROSS_ENTROPY;
            case FOCAL -> TrainingLoss.Kind.FOCAL;
            case F1 -> TrainingLoss.Kind.F1;
        };
    }

    private static Mixer.Kind mixing(TrainParams.Mix mix) {
        return switch (mix) {
            case NONE -> Mixer.Kind.NONE;
            case MIXUP -> Mixer.Kind.MIXUP;
            case CUTMIX -> Mixer.Kind.CUTMIX;
        };
    }

    static int batches(int images, TrainParams params) {
        int batches = (images + params.batchSize() - 1) / params.batchSize();
        return params.maxBatches() > 0 ? Math.min(batches, params.maxBatches()) : batches;
    }

    static Augmenter.Settings augmentation(TrainParams params) {
        return new Augmenter.Settings(params.flip(), params.cropScale(), params.colorJitter(), params.cutout(),
                params.camera(), params.grey(), params.randomFilter());
    }

    /** The loss of {@code params} for a network without extra outputs. */
    static TrainingLoss loss(TrainParams params, Heads heads, int[] labels) {
        return loss(params, heads, labels, 0);
    }

    /** The loss of {@code params} for a network with {@code extraOutputs} more outputs ({@link ExtraOutputs}). */
    static TrainingLoss loss(TrainParams params, Heads heads, int[] labels, int extraOutputs) {
        float[][] weights = null;
        if (params.classWeights() != TrainParams.ClassWeights.NONE) {
            double power = params.classWeights() == TrainParams.ClassWeights.SQRT_BALANCED ? 0.5 : 1;
            if (heads == Heads.SINGLE) {
                weights = new float[][] {Sampler.balancedWeights(labels, Label.CLASSES, power)};
            } else {
                int[][] perHead = new int[3][];
                for (int head = 0; head < 3; head++) {
                    int h = head;
                    perHead[head] = Arrays.stream(labels).map(label -> Label.headValue(label, h)).toArray();
                }
                weights = new float[][] {Sampler.balancedWeights(perHead[0], 3, power),
                        Sampler.balancedWeights(perHead[1], 2, power), Sampler.balancedWeights(perHead[2], 3, power)};
            }
        }
        return new TrainingLoss(heads, kind(params.loss()), (float) params.focalGamma(),
                (float) params.labelSmoothing(), weights, extraOutputs);
    }

    static DefaultTrainingConfig config(TrainParams params, TrainingLoss loss, LearningRateSchedule schedule,
            Device[] devices) {
        float decay = (float) params.weightDecay();
        float clip = (float) params.gradientClip();
        Optimizer optimizer = switch (params.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(schedule).optMomentum((float) params.momentum())
                    .optWeightDecays(decay).optClipGrad(clip > 0 ? clip : -1).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays(decay)
                    .optClipGrad(clip > 0 ? clip : -1).build();
            case ADAMW -> Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(decay)
                    .optClipGrad(clip > 0 ? clip : -1).build();
        };
        return new DefaultTrainingConfig(loss).optOptimizer(optimizer).optDevices(devices);
    }

    /** Returns {mean loss, images trained}; folds every step's weights into {@code average} when there is one. */
    private double[] trainEpoch(Trainer trainer, Iterator<HostBatch> batches, Device[] on, WeightAverage average) {
        double lossSum = 0;
        int count = 0;
        int images = 0;
        while (batches.hasNext()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("training was cancelled");
            }
            HostBatch host = batches.next();
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDList[] pair = arrays(host, step);
                lossSum += trainBatch(trainer, pair[0], pair[1], host.count(), on, step);
                trainer.step();
            }
            if (average != null) {
                average.update();
            }
            count++;
            images += host.count();
        }
        return new double[] {lossSum / Math.max(1, count), images};
    }

    /**
     * One forward and backward pass, split over the devices when there are several; returns the batch loss. Each
     * part's loss is normalised over the whole batch (for weighted cross-entropy: divided by the whole batch's
     * Σ w·t, see {@link TrainingLoss#evaluatePart}), so the parts' losses add up to the whole batch's loss and the
     * gradients that DJL's parameter store sums over the devices (or that accumulate on one device) to the whole
     * batch's gradient.
     */
    static double trainBatch(Trainer trainer, NDList images, NDList targets, int count, Device[] on,
            NDManager manager) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            if (on.length == 1 || count < on.length) {
                NDArray loss = trainer.getLoss().evaluate(targets, trainer.forward(images));
                collector.backward(loss);
                return loss.getFloat();
            }
            Batch batch = new Batch(manager, images, targets, count, Batchifier.STACK, Batchifier.STACK, 0, 0);
            double total = 0;
            TrainingLoss whole = trainer.getLoss() instanceof TrainingLoss l ? l : null;
            float[] divisors = whole == null ? null : whole.divisors(targets);
            for (Batch part : batch.split(on, false)) {
                float share = (float) part.getSize() / count;
                NDList predictions = trainer.forward(part.getData());
                NDArray loss = whole != null ? whole.evaluatePart(part.getLabels(), predictions, divisors, share)
                        : trainer.getLoss().evaluate(part.getLabels(), predictions).mul(share);
                collector.backward(loss);
                total += loss.getFloat();
            }
            return total;
        }
    }

    private static NDList[] arrays(HostBatch host, NDManager manager) {
        int s = host.size();
        NDArray images = manager.create(FloatBuffer.wrap(host.images(), 0, host.count() * 3 * s * s),
                new Shape(host.count(), 3, s, s));
        NDArray targets = manager.create(FloatBuffer.wrap(host.targets(), 0, host.count() * host.columns()),
                new Shape(host.count(), host.columns()));
        return new NDList[] {new NDList(images), new NDList(targets)};
    }

    private static Epoch validate(Trainer trainer, BatchLoader loader, int size, Heads heads, TrainParams params,
            int epoch, double loss, double imagesPerSecond, float rate, double trainSeconds, double trainMacroF1) {
        long start = System.nanoTime();
        Predictions p = predict(trainer, loader, inOrder(size), heads, params, epoch);
        double seconds = trainSeconds + (System.nanoTime() - start) / 1e9;
        return new Epoch(epoch, loss, p.lossSum() / size, ClassificationMetrics.macroF1(p.truth(), p.predicted()),
                ClassificationMetrics.headAccuracy(p.truth(), p.predicted(), 0),
                ClassificationMetrics.headAccuracy(p.truth(), p.predicted(), 1),
                ClassificationMetrics.headAccuracy(p.truth(), p.predicted(), 2), imagesPerSecond, rate, seconds,
                seconds * (params.epochs() - epoch), trainMacroF1);
    }

    /** The indices 0 .. size - 1: every record of a loader, in its order. */
    private static int[] inOrder(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The macro F1 of the records at {@code order}, read without augmentation. */
    private static double macroF1(Trainer trainer, BatchLoader loader, int[] order, Heads heads,
            TrainParams params, int epoch) {
        Predictions p = predict(trainer, loader, order, heads, params, epoch);
        return ClassificationMetrics.macroF1(p.truth(), p.predicted());
    }

    /** True classes, logits and predicted classes of the records at {@code order}, and the summed loss. */
    private record Predictions(int[] truth, float[][] logits, int[] predicted, double lossSum) {
    }

    private static Predictions predict(Trainer trainer, BatchLoader loader, int[] order, Heads heads,
            TrainParams params, int epoch) {
        int[] truth = new int[order.length];
        float[][] rows = new float[order.length][];
        double lossSum = 0;
        int at = 0;
        Iterator<HostBatch> batches = loader.epoch(order, params.batchSize(), 0, false, null, params.seed(), epoch);
        while (batches.hasNext()) {
            HostBatch host = batches.next();
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDList[] pair = arrays(host, step);
                NDList logits = trainer.evaluate(pair[0]);
                lossSum += trainer.getLoss().evaluate(pair[1], logits).getFloat() * host.count();
                float[] values = logits.singletonOrThrow().toFloatArray();
                int outputs = values.length / host.count(); // the heads', and the extra outputs when there are any
                for (int i = 0; i < host.count(); i++) {
                    truth[at + i] = host.labels()[i];
                    rows[at + i] = Arrays.copyOfRange(values, i * outputs, i * outputs + heads.outputs());
                }
            }
            at += host.count();
        }
        return new Predictions(truth, rows, DecisionBias.classes(heads, rows, null), lossSum);
    }

    /** An age cut-off the training data was labelled with (its preprocess parameters), else the competition's. */
    static int cutOff(Map<String, Object> preprocessing, String name, int otherwise) {
        return preprocessing.get(name) instanceof Number n ? n.intValue() : otherwise;
    }

    private static ModelDescriptor descriptor(TrainParams params, Heads heads, Data data,
            Map<String, Double> metrics) {
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = EventCodec.instance().mapper().convertValue(params, Map.class);
        Map<String, Object> pre = data.preprocessing() == null ? Map.of() : data.preprocessing();
        return new ModelDescriptor(params.architecture().id(), heads, data.imageSize(), data.mean(), data.std(),
                cutOff(pre, "middleAgeFrom", AgeBands.COMPETITION.middleFrom()),
                cutOff(pre, "oldAgeFrom", AgeBands.COMPETITION.oldFrom()), data.index(), metrics, parameters,
                Map.of("djl", Engine.getDjlVersion(), "pytorch", Engine.getEngine("PyTorch").getVersion()),
                data.preprocessing(), null);
    }
}
