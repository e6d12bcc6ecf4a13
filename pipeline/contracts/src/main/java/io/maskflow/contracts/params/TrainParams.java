package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.Set;

/**
 * Parameters of the {@code train} step: the network, the loss, sampling, augmentation and the optimiser. Every
 * recipe of ../shared/DATA.md is a combination of these; docs/trainer.md lists them with their defaults.
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
 * @param validationFold the fold held out for validation
 * @param maxBatches stop each epoch after this many batches, 0 for no limit (smoke runs)
 * @param maxGpus the most GPUs to train on (data-parallel; the CPU when the engine sees none), 0 for the CPU only
 * @param loaderThreads threads that read, augment and assemble batches ahead of the network
 * @param seed random seed
 */
public record TrainParams(String architecture, String heads, String loss, double focalGamma, double labelSmoothing,
        String classWeights, String sampling, boolean flip, double cropScale, double colorJitter, double cutout,
        String mix, double mixAlpha, int epochs, int batchSize, double learningRate, String optimizer,
        double momentum, double weightDecay, String schedule, double warmupEpochs, int earlyStopPatience,
        double gradientClip, int validationFold, int maxBatches, int maxGpus, int loaderThreads, long seed) {

    public static final Set<String> ARCHITECTURES = Set.of("compact-cnn", "resnet18", "resnet34", "resnet50",
            "mobilenet-v2", "vit-tiny", "convnext-nano");

    public static final TrainParams DEFAULTS = new TrainParams("compact-cnn", "three", "cross-entropy", 2.0, 0.0,
            "none", "shuffle", true, 0.85, 0.15, 0.0, "none", 0.4, 5, 32, 0.001, "adamw", 0.9, 1e-4, "cosine", 0.5,
            0, 5.0, 0, 0, 8, 1, 42);

    public TrainParams {
        oneOf(architecture, "architecture", ARCHITECTURES);
        oneOf(heads, "heads", Set.of("single", "three"));
        oneOf(loss, "loss", Set.of("cross-entropy", "focal", "f1"));
        within(focalGamma, "focalGamma", 0, 10);
        within(labelSmoothing, "labelSmoothing", 0, 0.5);
        oneOf(classWeights, "classWeights", Set.of("none", "balanced"));
        oneOf(sampling, "sampling", Set.of("shuffle", "weighted"));
        within(cropScale, "cropScale", 0.1, 1);
        within(colorJitter, "colorJitter", 0, 0.9);
        within(cutout, "cutout", 0, 0.9);
        oneOf(mix, "mix", Set.of("none", "mixup", "cutmix"));
        within(mixAlpha, "mixAlpha", 0.01, 10);
        within(epochs, "epochs", 1, 1000);
        within(batchSize, "batchSize", 1, 4096);
        within(learningRate, "learningRate", 1e-7, 10);
        oneOf(optimizer, "optimizer", Set.of("sgd", "adam", "adamw"));
        within(momentum, "momentum", 0, 0.999);
        within(weightDecay, "weightDecay", 0, 1);
        oneOf(schedule, "schedule", Set.of("constant", "cosine", "one-cycle"));
        within(warmupEpochs, "warmupEpochs", 0, 100);
        within(earlyStopPatience, "earlyStopPatience", 0, 1000);
        within(gradientClip, "gradientClip", 0, 1e6);
        within(validationFold, "validationFold", 0, 19);
        within(maxBatches, "maxBatches", 0, Integer.MAX_VALUE);
        within(maxGpus, "maxGpus", 0, 64);
        within(loaderThreads, "loaderThreads", 1, 64);
    }
}
