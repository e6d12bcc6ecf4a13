package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import io.maskflow.contracts.ArtifactRef;
import java.util.Map;

/**
 * What a model artifact says about itself ({@code model.json}), enough to rebuild the network and its input
 * transform without anything else.
 *
 * @param architecture network family, see {@link Architectures}
 * @param heads {@code SINGLE} or {@code THREE}
 * @param imageSize side of the square input in pixels
 * @param mean channel means (RGB, 0..1) of the training data
 * @param std channel standard deviations (RGB, 0..1)
 * @param middleAgeFrom the label codec's first middle age
 * @param oldAgeFrom the label codec's first old age
 * @param trainingData the shard index the model was trained on
 * @param metrics final validation figures
 * @param parameters the training parameters, seed included
 * @param versions DJL and PyTorch versions
 * @param preprocessing the preprocess parameters of the training data (crop, expected size, ...), so serving
 *     prepares a photo exactly as training saw it
 * @param logitBias one {@link DecisionBias} per logit, added before the softmax, fitted by the trainer on its
 *     validation fold; {@code null} (artifacts before it, or a training that did not fit one) for none
 */
public record ModelDescriptor(String architecture, Heads heads, int imageSize, float[] mean, float[] std,
        int middleAgeFrom, int oldAgeFrom, ArtifactRef trainingData, Map<String, Double> metrics,
        Map<String, Object> parameters, Map<String, String> versions, Map<String, Object> preprocessing,
        float[] logitBias) {

    public ModelDescriptor {
        preprocessing = preprocessing == null ? Map.of() : preprocessing;
        logitBias = heads == null ? logitBias : DecisionBias.checked(heads, logitBias);
    }

    /** The same descriptor with {@code bias} as its logit bias. */
    public ModelDescriptor withLogitBias(float[] bias) {
        return new ModelDescriptor(architecture, heads, imageSize, mean, std, middleAgeFrom, oldAgeFrom, trainingData,
                metrics, parameters, versions, preprocessing, bias);
    }

    /** Logits (N, outputs) of this model's network to its class probabilities (N, 18), the bias applied. */
    public NDArray probabilities(NDArray logits) {
        return heads.probabilities(logits, logitBias);
    }
}
