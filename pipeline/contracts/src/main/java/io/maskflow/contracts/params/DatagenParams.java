package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.Set;

/**
 * Parameters of the {@code datagen} step.
 *
 * @param persons people in the training set (7 photos each)
 * @param evalPersons people in the unlabelled {@code eval/} set
 * @param width photo width in pixels (the competition's is 384)
 * @param height photo height in pixels (the competition's is 512)
 * @param demographics {@code competition} draws gender and age like the real train.csv; {@code balanced} evenly
 * @param minAge youngest age drawn
 * @param maxAge oldest age drawn
 * @param seed random seed; the same parameters give the same data set
 */
public record DatagenParams(int persons, int evalPersons, int width, int height, String demographics, int minAge,
        int maxAge, long seed) {

    public static final DatagenParams DEFAULTS = new DatagenParams(60, 20, 384, 512, "competition", 18, 60, 42);

    public DatagenParams {
        within(persons, "persons", 1, 100_000);
        within(evalPersons, "evalPersons", 0, 100_000);
        within(width, "width", 32, 4096);
        within(height, "height", 32, 4096);
        oneOf(demographics, "demographics", Set.of("competition", "balanced"));
        within(minAge, "minAge", 1, 100);
        within(maxAge, "maxAge", minAge, 100);
    }
}
