package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.List;
import java.util.Set;

/**
 * Parameters of the {@code datagen} step.
 *
 * @param persons people in the training set (7 photos each)
 * @param evalPersons people in the unlabelled {@code eval/} set
 * @param width photo width in pixels (the competition's is 384)
 * @param height photo height in pixels (the competition's is 512)
 * @param demographics {@code competition} draws gender and age like the real train.csv; {@code balanced} draws
 *     the six gender x age groups equally
 * @param minAge youngest age drawn
 * @param maxAge oldest age drawn
 * @param maskTypes mask types to draw from: {@code surgical}, {@code n95}, {@code kn95}, {@code cloth}
 * @param labelNoise share of training persons whose gender or age group is written wrong in train.csv
 * @param firstPerson index of the first person, so replicas can split a large set into ranges
 * @param seed random seed; the same parameters give byte-identical images
 * @param style drawing style: {@code classic} (the generator's first look), {@code snapshot} (other face and hair
 *     shapes, skin, light, clothing, backgrounds and camera effects), or {@code mixed} (each person in one of the
 *     two, chosen at random, with randomised rendering choices)
 */
public record DatagenParams(int persons, int evalPersons, int width, int height, String demographics, int minAge,
        int maxAge, List<String> maskTypes, double labelNoise, int firstPerson, long seed, String style) {

    /** The mask types the generator can draw. */
    public static final List<String> MASK_TYPES = List.of("surgical", "n95", "kn95", "cloth");

    /** The drawing styles. */
    public static final List<String> STYLES = List.of("classic", "snapshot", "mixed");

    public static final DatagenParams DEFAULTS = new DatagenParams(60, 20, 384, 512, "competition", 18, 60,
            MASK_TYPES, 0.0, 0, 42, "classic");

    public DatagenParams {
        within(persons, "persons", 1, 100_000);
        within(evalPersons, "evalPersons", 0, 100_000);
        within(width, "width", 64, 2048);
        within(height, "height", 64, 2048);
        oneOf(demographics, "demographics", Set.of("competition", "balanced"));
        within(minAge, "minAge", 1, 100);
        within(maxAge, "maxAge", minAge, 100);
        maskTypes = List.copyOf(maskTypes == null ? MASK_TYPES : maskTypes);
        if (maskTypes.isEmpty()) {
            throw new IllegalArgumentException("maskTypes must name at least one of " + MASK_TYPES);
        }
        for (String type : maskTypes) {
            oneOf(type, "maskTypes", Set.copyOf(MASK_TYPES));
        }
        within(labelNoise, "labelNoise", 0, 0.5);
        within(firstPerson, "firstPerson", 0, 999_999 - persons - evalPersons);
        oneOf(String.valueOf(style), "style", Set.copyOf(STYLES));
    }
}
