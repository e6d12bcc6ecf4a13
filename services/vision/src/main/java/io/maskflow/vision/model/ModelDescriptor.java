package io.maskflow.vision.model;

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
 */
public record ModelDescriptor(String architecture, Heads heads, int imageSize, float[] mean, float[] std,
        int middleAgeFrom, int oldAgeFrom, ArtifactRef trainingData, Map<String, Double> metrics,
        Map<String, Object> parameters, Map<String, String> versions, Map<String, Object> preprocessing) {

    public ModelDescriptor {
        preprocessing = preprocessing == null ? Map.of() : preprocessing;
    }
}
