package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.Set;

/**
 * Parameters of the {@code train} step.
 *
 * @param architecture network family, e.g. {@code compact-cnn}, {@code resnet18}
 * @param heads {@code single} (one 18-way head) or {@code three} (mask, gender and age heads)
 * @param loss {@code cross-entropy}, {@code focal} or {@code f1}
 * @param labelSmoothing label smoothing factor, 0 for none
 * @param sampling {@code shuffle} or {@code weighted} (1 / class count, with replacement)
 * @param epochs passes over the training folds
 * @param batchSize images per batch
 * @param learningRate peak learning rate
 * @param optimizer {@code sgd}, {@code adam} or {@code adamw}
 * @param validationFold the fold held out for validation
 * @param maxBatches stop each epoch after this many batches, 0 for no limit (smoke runs)
 * @param seed random seed
 */
public record TrainParams(String architecture, String heads, String loss, double labelSmoothing, String sampling,
        int epochs, int batchSize, double learningRate, String optimizer, int validationFold, int maxBatches,
        long seed) {

    public static final TrainParams DEFAULTS = new TrainParams("compact-cnn", "three", "cross-entropy", 0.0, "shuffle",
            5, 32, 0.001, "adamw", 0, 0, 42);

    public TrainParams {
        oneOf(heads, "heads", Set.of("single", "three"));
        oneOf(loss, "loss", Set.of("cross-entropy", "focal", "f1"));
        within(labelSmoothing, "labelSmoothing", 0, 0.5);
        oneOf(sampling, "sampling", Set.of("shuffle", "weighted"));
        within(epochs, "epochs", 1, 1000);
        within(batchSize, "batchSize", 1, 4096);
        within(learningRate, "learningRate", 1e-7, 10);
        oneOf(optimizer, "optimizer", Set.of("sgd", "adam", "adamw"));
        within(validationFold, "validationFold", 0, 19);
        within(maxBatches, "maxBatches", 0, Integer.MAX_VALUE);
    }
}
