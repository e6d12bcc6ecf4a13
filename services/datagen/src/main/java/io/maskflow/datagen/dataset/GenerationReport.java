package io.maskflow.datagen.dataset;

import java.util.List;
import java.util.Map;

/**
 * The manifest of a generated data set ({@code dataset.json}): what was asked, what came out.
 *
 * @param generatorVersion the generator's version; a change of drawing changes it
 * @param style the drawing style asked for: {@code classic}, {@code snapshot}, {@code studio}, {@code sculpted},
 *     {@code inked}, {@code painted} or {@code mixed}
 * @param styles the single styles the persons are drawn in (a {@code mixed} set's {@code mixStyles}), so that a
 *     reader can tell which styles a model trained on this set has not seen
 * @param parameters the parameters used, seed included
 * @param persons training persons
 * @param evalPersons persons in the eval set
 * @param trainImages training images
 * @param evalImages eval images
 * @param classCounts training images per class 0..17, as labelled in train.csv
 * @param evalClassCounts eval images per true class
 * @param noisyPersons ids whose train.csv label was changed by label noise
 * @param personsByStyle persons (training and eval) per style they were drawn in; in a {@code mixed} set, also per
 *     combination of one style's people with another's camera
 * @param seconds wall time of the generation
 */
public record GenerationReport(String generatorVersion, String style, List<String> styles,
        Map<String, Object> parameters,
        int persons, int evalPersons, int trainImages, int evalImages, int[] classCounts, int[] evalClassCounts,
        List<String> noisyPersons, Map<String, Integer> personsByStyle, double seconds) {
}
