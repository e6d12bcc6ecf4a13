package io.maskflow.datagen.dataset;

import java.util.List;
import java.util.Map;

/**
 * The manifest of a generated data set ({@code dataset.json}): what was asked, what came out.
 *
 * @param generatorVersion the generator's version; a change of drawing changes it
 * @param parameters the parameters used, seed included
 * @param persons training persons
 * @param evalPersons persons in the eval set
 * @param trainImages training images
 * @param evalImages eval images
 * @param classCounts training images per class 0..17, as labelled in train.csv
 * @param evalClassCounts eval images per true class
 * @param noisyPersons ids whose train.csv label was changed by label noise
 * @param seconds wall time of the generation
 */
public record GenerationReport(String generatorVersion, Map<String, Object> parameters, int persons,
        int evalPersons, int trainImages, int evalImages, int[] classCounts, int[] evalClassCounts,
        List<String> noisyPersons, double seconds) {
}
