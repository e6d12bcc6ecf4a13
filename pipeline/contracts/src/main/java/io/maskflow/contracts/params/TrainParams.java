package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.within;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parameters of the {@code train} step: the network, the loss, sampling, augmentation and the optimiser. Every
 * recipe of ../shared/DATA.md is a combination of these; docs/trainer.md lists them with their defaults. The
 * defaults are written once, as the starting values of {@link Builder}; {@link #DEFAULTS} is an untouched builder's
 * result. The closed sets are enums ({@link Choice}) that read and write the same words as before.
 *
 * @param architecture {@code compact-cnn}, {@code resnet18}, {@code resnet34}, {@code resnet50},
 *     {@code mobilenet-v2}, {@code vit-tiny} (a small vision transformer) or {@code convnext-nano}
 * @param heads {@code single} (one 18-way head) or {@code three} (mask, gender and age heads)
 * @param loss {@code cross-entropy}, {@code focal} or {@code f1} (the differentiable macro F1)
 * @param focalGamma the focal loss's γ (0 makes it cross-entropy)
 * @param labelSmoothing label smoothing factor, 0 for none
 * @param classWeights {@code none} or {@code balanced} (n / (k · count) per class of each head)
 * @param sampling {@code shuffle} or {@code weighted} (1 / class count, with replacement)
 * @param flip random horizontal flip
 * @param cropScale smallest area fraction of the random crop, 1 for none
 * @param colorJitter largest relative change of brightness, contrast and saturation, 0 for none
 * @param cutout side of the square cut out of each image as a fraction of the image side, 0 for none
 * @param camera strength of the camera augmentations, 0 for none, 1 for the strongest: each image is, at odds that
 *     grow with it, blurred, given sensor noise, a colour cast, or turned grey (see the trainer's Augmenter)
 * @param grey odds that an image loses some or all of its colour: its saturation is scaled by a factor drawn
 *     evenly from 0..1 (0 is grey), 0 for none
 * @param randomFilter odds that an image goes through a random convolution (a new k × k filter, k of 1, 3, 5 or 7,
 *     mixed with the image at a random ratio): the same shapes with other textures and colours, 0 for none
 * @param mixStyle odds that a training batch's early feature maps take each other's styles (MixStyle: per-channel
 *     mean and deviation mixed between the batch's images), 0 for none; {@code compact-cnn} and {@code stem-cnn}
 * @param mix {@code none}, {@code mixup} or {@code cutmix}
 * @param mixAlpha α of the Beta(α, α) mixing ratio
 * @param epochs passes over the training folds
 * @param batchSize images per batch
 * @param learningRate peak learning rate
 * @param optimizer {@code sgd} (with momentum), {@code adam} or {@code adamw}
 * @param momentum SGD momentum
 * @param weightDecay weight decay (decoupled for AdamW)
 * @param schedule {@code constant}, {@code cosine} or {@code one-cycle}, after the warm-up
 * @param warmupEpochs epochs of linear warm-up (fractions allowed)
 * @param earlyStopPatience stop after this many epochs without a better validation macro F1, 0 for never
 * @param gradientClip clip every gradient element to [-c, c] (DJL's element-wise {@code clipGrad}, applied by the
 *     optimizer after the devices' gradients are summed), 0 for no clipping
 * @param emaDecay keep an exponential moving average of the weights (and of batch normalisation's running
 *     statistics) with this decay per batch, validate and save the average instead of the last weights; 0 for off
 * @param ageRegression weight of a second task beside the classes: a ninth output trained to each person's exact age
 *     (squared error on (age − 40) / 20, the persons' ages from the shards), dropped from the saved model; 0 for off
 * @param cueWeight weight of the cue task: one more output per drawing value the shards carry for each person (the
 *     generator's {@code train/cues.csv}: facial hair, earrings, long hair, make-up, jaw, brows, ageing, hairline),
 *     each trained to that value standardised over the training persons (squared error), dropped from the saved
 *     model; persons without values take no part, shards without any train as with 0; 0 for off
 * @param balanceCue the name of a 0/1 drawing value the shards carry (e.g. {@code long_hair}) to take out of the
 *     gender decision: the training images are weighted per person so that, within each gender, the persons with
 *     the value and those without weigh alike (each gender's total unchanged); empty for none
 * @param calibrate {@code none}, or {@code macro-f1}: after training, fit one bias per logit on the validation fold
 *     that maximises its macro F1, and store it with the model (evaluation and serving apply it)
 * @param trainOldAgeFrom train the persons of the middle age group (30 – 59 with preprocess's default cut-offs) who
 *     are this old or older as old (the teams' 58 for the real data, whose 60+ group is only 60-year-olds); the
 *     validation fold, the hold-out and the evaluation keep the data's own cut (the training loss and training
 *     macro F1 do not); 0 for off
 * @param validationFold the fold held out for validation
 * @param maxBatches stop each epoch after this many batches, 0 for no limit (smoke runs)
 * @param maxGpus the most GPUs to train on (data-parallel; the CPU when the engine sees none), 0 for the CPU only
 * @param loaderThreads threads that read, augment and assemble batches ahead of the network
 * @param seed random seed
 */
public record TrainParams(Architecture architecture, Heads heads, Loss loss, double focalGamma, double labelSmoothing,
        ClassWeights classWeights, Sampling sampling, boolean flip, double cropScale, double colorJitter, double cutout,
        double camera, double grey, double randomFilter, double mixStyle, Mix mix, double mixAlpha, int epochs,
        int batchSize, double learningRate, Optimizer optimizer, double momentum, double weightDecay, Schedule schedule,
        double warmupEpochs, int earlyStopPatience, double gradientClip, double emaDecay, double ageRegression,
        double cueWeight, String balanceCue, Calibrate calibrate, int trainOldAgeFrom, int validationFold,
        int maxBatches, int maxGpus, int loaderThreads, long seed) {

    /** The words of {@link Architecture}, the networks the trainer can build. */
    public static final Set<String> ARCHITECTURES = Arrays.stream(Architecture.values()).map(Architecture::id)
            .collect(Collectors.toUnmodifiableSet());

    public static final TrainParams DEFAULTS = builder().build();

    public TrainParams {
        Choice.present(architecture, Architecture.class, "architecture");
        Choice.present(heads, Heads.class, "heads");
        Choice.present(loss, Loss.class, "loss");
        within(focalGamma, "focalGamma", 0, 10);
        within(labelSmoothing, "labelSmoothing", 0, 0.5);
        Choice.present(classWeights, ClassWeights.class, "classWeights");
        Choice.present(sampling, Sampling.class, "sampling");
        within(cropScale, "cropScale", 0.1, 1);
        within(colorJitter, "colorJitter", 0, 0.9);
        within(cutout, "cutout", 0, 0.9);
        within(camera, "camera", 0, 1);
        within(grey, "grey", 0, 1);
        within(randomFilter, "randomFilter", 0, 1);
        within(mixStyle, "mixStyle", 0, 1);
        if (mixStyle > 0) {
            architecture.requireMixStyle();
        }
        Choice.present(mix, Mix.class, "mix");
        within(mixAlpha, "mixAlpha", 0.01, 10);
        within(epochs, "epochs", 1, 1000);
        within(batchSize, "batchSize", 1, 4096);
        within(learningRate, "learningRate", 1e-7, 10);
        Choice.present(optimizer, Optimizer.class, "optimizer");
        within(momentum, "momentum", 0, 0.999);
        within(weightDecay, "weightDecay", 0, 1);
        Choice.present(schedule, Schedule.class, "schedule");
        within(warmupEpochs, "warmupEpochs", 0, 100);
        within(earlyStopPatience, "earlyStopPatience", 0, 1000);
        within(gradientClip, "gradientClip", 0, 1e6);
        if (emaDecay != 0 && !(emaDecay >= 0.5 && emaDecay <= 0.99999)) {
            throw new IllegalArgumentException("emaDecay must be 0 (off) or between 0.5 and 0.99999, got "
                    + emaDecay);
        }
        within(ageRegression, "ageRegression", 0, 10);
        within(cueWeight, "cueWeight", 0, 10);
        if (balanceCue == null || !balanceCue.matches("|[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("balanceCue must be empty or the name of a drawing value (lower-case "
                    + "letters, digits and '_', e.g. long_hair), got '" + balanceCue + "'");
        }
        if (!balanceCue.isEmpty() && loss == Loss.F1) {
            throw new IllegalArgumentException("balanceCue weighs the training images, which the soft F1 loss cannot "
                    + "take: use loss cross-entropy or focal");
        }
        Choice.present(calibrate, Calibrate.class, "calibrate");
        within(trainOldAgeFrom, "trainOldAgeFrom", 0, 150);
        within(validationFold, "validationFold", 0, 19);
        within(maxBatches, "maxBatches", 0, Integer.MAX_VALUE);
        within(maxGpus, "maxGpus", 0, 64);
        within(loaderThreads, "loaderThreads", 1, 64);
    }

    /** A builder whose every parameter starts at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these parameters. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The network; {@link #ARCHITECTURES} lists the words. Each takes images of at least {@link #leastImageSize()}
     * pixels a side (preprocess's {@code imageSize}, which a train step reads from its shards).
     *
     * <p>The least sizes were measured, not derived (2026-12-06, PyTorch 2.7.1 through DJL 0.36.0, CPU): every
     * network built by {@code Architectures.build} (services/vision) with both head layouts at every side from 8 to
     * 64 px (and 1 to 7 px for those that took 8) was given one AdamW training step (forward, loss, backward, step) on
     * a batch of 2 and on a batch of 1 (an epoch's last batch can hold one image), the evaluation forward pass, and
     * the forward pass of the model saved and loaded back by {@code ModelArtifact.loadForInference} (serving's and
     * the evaluator's rewritten network) and {@code ModelArtifact.load}. Every side from the least up to 64 passed, and
     * so did the samples 65 – 72, 95 – 97, 100, 127 – 131, 143 – 145, 159 – 161, 255 – 257, 383 and 512 px: no size
     * above the least fails (memory aside: vit-tiny's attention grows with the fourth power of the side).
     * {@code LeastImageSizeTest} (services/vision) builds and runs each network at exactly this size, and one pixel
     * below it, where it fails, so the table cannot drift from the networks.
     */
    public enum Architecture implements Choice {
        /** Four 2 x 2 poolings: 16 px leaves a 2 x 2 map for the last one (15 px leaves 1 x 1, which it refuses). */
        COMPACT_CNN(16, "its four 2 x 2 poolings halve the image four times"),
        /** A stride-2 stem before the compact CNN's four poolings: 31 px becomes 16, 30 px becomes 15. */
        STEM_CNN(31, "its stride-2 stem and four 2 x 2 poolings halve the image five times"),
        IBN_CNN(16, "its four 2 x 2 poolings halve the image four times"),
        /**
         * DJL's ResNetV1 builds its CIFAR layout at 28 px and below, which has no 18- or 34-layer form (it refuses
         * with "no experiments done on num_layers 18"); above 28 px the ImageNet layout, with a 3 x 3 stem up to 32.
         */
        RESNET18(29, "DJL's ResNetV1 has no 18-layer form for images of 28 px and less"),
        RESNET34(29, "DJL's ResNetV1 has no 34-layer form for images of 28 px and less"),
        /**
         * DJL's CIFAR layout (three stages of basic blocks) at 28 px and below, the ImageNet one above; below 5 px a
         * batch of one image leaves its batch norms one value per channel to train on (a batch of 2 works from 1 px).
         */
        RESNET50(5, "a batch of one image leaves its batch norms a single value per channel"),
        /**
         * DJL's MobileNetV2 reduces the image 32 times, so up to 32 px its last stages are 1 x 1, and their batch norms
         * refuse to train on a batch of one image ("Expected more than 1 value per channel when training"); a batch of
         * 2 works from 1 px, but an epoch's last batch, or a part of a batch split over devices, can hold one.
         */
        MOBILENET_V2(33, "up to 32 px its last stages are 1 x 1, where batch norm cannot train on one image"),
        /** One 8-pixel patch; a stride-4 stem and three stride-2 downsamplings (both networks refuse less). */
        VIT_TINY(8, "its patches are 8 px"),
        CONVNEXT_NANO(32, "it reduces the image 32 times");

        private final int leastImageSize;
        private final String why;

        Architecture(int leastImageSize, String why) {
            this.leastImageSize = leastImageSize;
            this.why = why;
        }

        /** The network a word names, e.g. {@code vit-tiny}; an unknown word is refused with the allowed ones. */
        public static Architecture of(String id) {
            return Choice.parse(Architecture.class, "architecture", id);
        }

        /** The least side, in pixels, of the square images this network can be built, trained and served at. */
        public int leastImageSize() {
            return leastImageSize;
        }

        /**
         * Refuses images too small for this network, e.g. {@code imageSize 24 is too small for stem-cnn: it takes at
         * least 31 (...)}: the network would fail to build or to run its first batch, after the data had been
         * generated and preprocessed. Checked where the image size meets the architecture: by the orchestrator when a
         * run is submitted (preprocess's {@code imageSize} against each train step's {@code architecture}), by the
         * trainer when a job is posted and when a step reads its shard index, and by {@code Architectures.build}.
         *
         * @throws InvalidParametersException naming the network, the size asked and the least it takes
         */
        public void requireImageSize(int imageSize) {
            if (imageSize < leastImageSize) {
                throw new InvalidParametersException("imageSize " + imageSize + " is too small for " + id()
                        + ": it takes at least " + leastImageSize + " (" + why + ")", null);
            }
        }

        /** Refuses MixStyle on a network other than the compact and stem CNNs, after whose stages it mixes. */
        public void requireMixStyle() {
            if (this != COMPACT_CNN && this != STEM_CNN) {
                throw new IllegalArgumentException("mixStyle works with compact-cnn and stem-cnn, not '" + id() + "'");
            }
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** One 18-way head, or mask, gender and age heads. */
    public enum Heads implements Choice {
        SINGLE, THREE;

        @Override
        public String toString() {
            return id();
        }
    }

    /** The loss function. */
    public enum Loss implements Choice {
        CROSS_ENTROPY, FOCAL, F1;

        @Override
        public String toString() {
            return id();
        }
    }

    /** Whether each class's loss is weighted by its rarity. */
    public enum ClassWeights implements Choice {
        NONE, BALANCED, SQRT_BALANCED;

        @Override
        public String toString() {
            return id();
        }
    }

    /** How an epoch's order is drawn. */
    public enum Sampling implements Choice {
        SHUFFLE, WEIGHTED;

        @Override
        public String toString() {
            return id();
        }
    }

    /** How images of a batch are mixed. */
    public enum Mix implements Choice {
        NONE, MIXUP, CUTMIX;

        @Override
        public String toString() {
            return id();
        }
    }

    /** The optimiser. */
    public enum Optimizer implements Choice {
        SGD, ADAM, ADAMW;

        @Override
        public String toString() {
            return id();
        }
    }

    /** The learning rate's course after the warm-up. */
    public enum Schedule implements Choice {
        CONSTANT, COSINE, ONE_CYCLE;

        @Override
        public String toString() {
            return id();
        }
    }

    /** Whether the trained model's decisions are tuned on the validation fold. */
    public enum Calibrate implements Choice {
        NONE, MACRO_F1;

        @Override
        public String toString() {
            return id();
        }
    }

    /** Builds parameters from the defaults, changing only what is set; {@link #build()} runs the record's checks. */
    public static final class Builder {

        private Architecture architecture = Architecture.COMPACT_CNN;
        private Heads heads = Heads.THREE;
        private Loss loss = Loss.CROSS_ENTROPY;
        private double focalGamma = 2.0;
        private double labelSmoothing = 0.0;
        private ClassWeights classWeights = ClassWeights.NONE;
        private Sampling sampling = Sampling.SHUFFLE;
        private boolean flip = true;
        private double cropScale = 0.85;
        private double colorJitter = 0.15;
        private double cutout = 0.0;
        private double camera = 0.0;
        private double grey = 0.0;
        private double randomFilter = 0.0;
        private double mixStyle = 0.0;
        private Mix mix = Mix.NONE;
        private double mixAlpha = 0.4;
        private int epochs = 5;
        private int batchSize = 32;
        private double learningRate = 0.001;
        private Optimizer optimizer = Optimizer.ADAMW;
        private double momentum = 0.9;
        private double weightDecay = 1e-4;
        private Schedule schedule = Schedule.COSINE;
        private double warmupEpochs = 0.5;
        private int earlyStopPatience = 0;
        private double gradientClip = 5.0;
        private double emaDecay = 0.0;
        private double ageRegression = 0.0;
        private double cueWeight = 0.0;
        private String balanceCue = "";
        private Calibrate calibrate = Calibrate.NONE;
        private int trainOldAgeFrom = 0;
        private int validationFold = 0;
        private int maxBatches = 0;
        private int maxGpus = 8;
        private int loaderThreads = 1;
        private long seed = 42;

        private Builder() {
        }

        private Builder(TrainParams from) {
            this.architecture = from.architecture();
            this.heads = from.heads();
            this.loss = from.loss();
            this.focalGamma = from.focalGamma();
            this.labelSmoothing = from.labelSmoothing();
            this.classWeights = from.classWeights();
            this.sampling = from.sampling();
            this.flip = from.flip();
            this.cropScale = from.cropScale();
            this.colorJitter = from.colorJitter();
            this.cutout = from.cutout();
            this.camera = from.camera();
            this.grey = from.grey();
            this.randomFilter = from.randomFilter();
            this.mixStyle = from.mixStyle();
            this.mix = from.mix();
            this.mixAlpha = from.mixAlpha();
            this.epochs = from.epochs();
            this.batchSize = from.batchSize();
            this.learningRate = from.learningRate();
            this.optimizer = from.optimizer();
            this.momentum = from.momentum();
            this.weightDecay = from.weightDecay();
            this.schedule = from.schedule();
            this.warmupEpochs = from.warmupEpochs();
            this.earlyStopPatience = from.earlyStopPatience();
            this.gradientClip = from.gradientClip();
            this.emaDecay = from.emaDecay();
            this.ageRegression = from.ageRegression();
            this.cueWeight = from.cueWeight();
            this.balanceCue = from.balanceCue();
            this.calibrate = from.calibrate();
            this.trainOldAgeFrom = from.trainOldAgeFrom();
            this.validationFold = from.validationFold();
            this.maxBatches = from.maxBatches();
            this.maxGpus = from.maxGpus();
            this.loaderThreads = from.loaderThreads();
            this.seed = from.seed();
        }

        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder heads(Heads heads) {
            this.heads = heads;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder focalGamma(double focalGamma) {
            this.focalGamma = focalGamma;
            return this;
        }

        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        public Builder classWeights(ClassWeights classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        public Builder sampling(Sampling sampling) {
            this.sampling = sampling;
            return this;
        }

        public Builder flip(boolean flip) {
            this.flip = flip;
            return this;
        }

        public Builder cropScale(double cropScale) {
            this.cropScale = cropScale;
            return this;
        }

        public Builder colorJitter(double colorJitter) {
            this.colorJitter = colorJitter;
            return this;
        }

        public Builder cutout(double cutout) {
            this.cutout = cutout;
            return this;
        }

        public Builder camera(double camera) {
            this.camera = camera;
            return this;
        }

        public Builder grey(double grey) {
            this.grey = grey;
            return this;
        }

        public Builder randomFilter(double randomFilter) {
            this.randomFilter = randomFilter;
            return this;
        }

        public Builder mixStyle(double mixStyle) {
            this.mixStyle = mixStyle;
            return this;
        }

        public Builder mix(Mix mix) {
            this.mix = mix;
            return this;
        }

        public Builder mixAlpha(double mixAlpha) {
            this.mixAlpha = mixAlpha;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder warmupEpochs(double warmupEpochs) {
            this.warmupEpochs = warmupEpochs;
            return this;
        }

        public Builder earlyStopPatience(int earlyStopPatience) {
            this.earlyStopPatience = earlyStopPatience;
            return this;
        }

        public Builder gradientClip(double gradientClip) {
            this.gradientClip = gradientClip;
            return this;
        }

        public Builder validationFold(int validationFold) {
            this.validationFold = validationFold;
            return this;
        }

        public Builder maxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
            return this;
        }

        public Builder calibrate(Calibrate calibrate) {
            this.calibrate = calibrate;
            return this;
        }

        public Builder emaDecay(double emaDecay) {
            this.emaDecay = emaDecay;
            return this;
        }

        public Builder ageRegression(double ageRegression) {
            this.ageRegression = ageRegression;
            return this;
        }

        public Builder cueWeight(double cueWeight) {
            this.cueWeight = cueWeight;
            return this;
        }

        public Builder balanceCue(String balanceCue) {
            this.balanceCue = balanceCue;
            return this;
        }

        public Builder trainOldAgeFrom(int trainOldAgeFrom) {
            this.trainOldAgeFrom = trainOldAgeFrom;
            return this;
        }

        public Builder maxGpus(int maxGpus) {
            this.maxGpus = maxGpus;
            return this;
        }

        public Builder loaderThreads(int loaderThreads) {
            this.loaderThreads = loaderThreads;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public TrainParams build() {
            return new TrainParams(architecture, heads, loss, focalGamma, labelSmoothing, classWeights, sampling, flip,
                    cropScale, colorJitter, cutout, camera, grey, randomFilter, mixStyle, mix, mixAlpha, epochs,
                    batchSize, learningRate, optimizer, momentum, weightDecay, schedule, warmupEpochs,
                    earlyStopPatience, gradientClip, emaDecay, ageRegression, cueWeight, balanceCue, calibrate,
                    trainOldAgeFrom, validationFold, maxBatches, maxGpus, loaderThreads, seed);
        }
    }
}
