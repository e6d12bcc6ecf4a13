package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.oneOf;
import static io.maskflow.contracts.params.StepParameters.within;

import java.util.ArrayList;
import java.util.Arrays;
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
 *     shapes, skin, light, clothing, backgrounds and camera effects), {@code studio} (smooth, shaded portraits with
 *     a key and a fill light, other faces, hair, clothing, backgrounds and camera), {@code sculpted} (heads modelled
 *     in 3D and turned, shaded per pixel, hair as strands, its own clothing, backgrounds and camera), {@code inked}
 *     (ink illustrations: outlines, cel shading and hatching, turned heads, a scan or phone photo of the page),
 *     {@code painted} (digital paintings: soft brush dabs, coloured key and fill lights, no outlines, turned heads,
 *     a photo of the painting), or {@code mixed} (each person drawn by one of {@code mixStyles} and photographed by
 *     one of them, chosen at random: randomised rendering choices)
 * @param mixStyles the styles a {@code mixed} set draws from, comma-separated ({@code classic,snapshot} by
 *     default; two to six of classic, snapshot, studio, sculpted, inked and painted), so that a style can be left
 *     out of training and measured on
 */
public record DatagenParams(int persons, int evalPersons, int width, int height, Demographics demographics,
        int minAge, int maxAge, List<String> maskTypes, double labelNoise, int firstPerson, long seed, Style style,
        String mixStyles) {

    /** The mask types the generator can draw. */
    public static final List<String> MASK_TYPES = List.of("surgical", "n95", "kn95", "cloth");

    public static final DatagenParams DEFAULTS = builder().build();

    /** How gender and age are drawn. */
    public enum Demographics implements Choice {
        /** Like the real train.csv. */
        COMPETITION,
        /** The six gender x age groups equally. */
        BALANCED;

        @Override
        public String toString() {
            return id();
        }
    }

    /** The drawing style. */
    public enum Style implements Choice {
        /** The generator's first look. */
        CLASSIC,
        /** Other face and hair shapes, skin, light, clothing, backgrounds and camera effects. */
        SNAPSHOT,
        /** Smooth shaded portraits (key and fill light), with other faces, hair, clothing, backgrounds and camera. */
        STUDIO,
        /** Each person in one of {@code mixStyles}, chosen at random, with randomised rendering choices. */
        MIXED,
        /**
         * Heads modelled in 3D and turned, shaded per pixel, hair as strands, with its own clothing and camera (after
         * {@code mixed} in this order, so that the older styles keep their places).
         */
        SCULPTED,
        /**
         * Ink illustrations: outlines of varying weight, cel shading and hatching, its own faces, hair, clothing and
         * paper or panel backgrounds, photographed or scanned off the page (after {@code sculpted}, so that older
         * mixes keep their draws).
         */
        INKED,
        /**
         * Digital paintings: soft, semi-transparent brush dabs under a coloured key and fill light, no outlines, its
         * own faces, hair, headwear, clothing and painterly backgrounds, photographed on the wall (after
         * {@code inked}, so that older mixes keep their draws).
         */
        PAINTED;

        @Override
        public String toString() {
            return id();
        }
    }

    public DatagenParams {
        within(persons, "persons", 1, 100_000);
        within(evalPersons, "evalPersons", 0, 100_000);
        within(width, "width", 64, 2048);
        within(height, "height", 64, 2048);
        Choice.present(demographics, Demographics.class, "demographics");
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
        Choice.present(style, Style.class, "style");
        mixStyles = String.join(",", parseMix(mixStyles).stream().map(Style::id).toList());
    }

    /** The single styles this data set's persons are drawn in: {@code style}, or {@code mixStyles} when mixed. */
    public List<Style> styles() {
        return style == Style.MIXED ? parseMix(mixStyles) : List.of(style);
    }

    private static List<Style> parseMix(String words) {
        String text = words == null ? "" : words;
        List<Style> styles = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            Style one = Arrays.stream(Style.values()).filter(s -> s != Style.MIXED && s.id().equals(word.strip()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("mixStyles must name two or more of "
                            + "the single styles " + Arrays.stream(Style.values()).filter(s -> s != Style.MIXED)
                            .map(Style::id).toList() + ", comma-separated; got '" + word.strip() + "' in '" + text
                            + "'"));
            if (styles.contains(one)) {
                throw new IllegalArgumentException("mixStyles names " + one + " twice: '" + words + "'");
            }
            styles.add(one);
        }
        if (styles.size() < 2) {
            throw new IllegalArgumentException("mixStyles must name at least two styles to mix, got '" + words + "'");
        }
        styles.sort(null); // in the enum's order, so the same styles in another order are the same data set
        return List.copyOf(styles);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder().persons(persons).evalPersons(evalPersons).width(width).height(height)
                .demographics(demographics).minAge(minAge).maxAge(maxAge).maskTypes(maskTypes).labelNoise(labelNoise)
                .firstPerson(firstPerson).seed(seed).style(style).mixStyles(mixStyles);
    }

    /** Builds {@link DatagenParams}; its fields start at the defaults, the one place they are written. */
    public static final class Builder {
        private int persons = 60;
        private int evalPersons = 20;
        private int width = 384;
        private int height = 512;
        private Demographics demographics = Demographics.COMPETITION;
        private int minAge = 18;
        private int maxAge = 60;
        private List<String> maskTypes = MASK_TYPES;
        private double labelNoise = 0.0;
        private int firstPerson = 0;
        private long seed = 42;
        private Style style = Style.CLASSIC;
        private String mixStyles = "classic,snapshot";

        private Builder() {
        }

        public Builder persons(int value) {
            persons = value;
            return this;
        }

        public Builder evalPersons(int value) {
            evalPersons = value;
            return this;
        }

        public Builder width(int value) {
            width = value;
            return this;
        }

        public Builder height(int value) {
            height = value;
            return this;
        }

        public Builder demographics(Demographics value) {
            demographics = value;
            return this;
        }

        public Builder minAge(int value) {
            minAge = value;
            return this;
        }

        public Builder maxAge(int value) {
            maxAge = value;
            return this;
        }

        public Builder maskTypes(List<String> value) {
            maskTypes = value;
            return this;
        }

        public Builder labelNoise(double value) {
            labelNoise = value;
            return this;
        }

        public Builder firstPerson(int value) {
            firstPerson = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder style(Style value) {
            style = value;
            return this;
        }

        public Builder mixStyles(String value) {
            mixStyles = value;
            return this;
        }

        /** The parameters, checked: a bad value throws naming it. */
        public DatagenParams build() {
            return new DatagenParams(persons, evalPersons, width, height, demographics, minAge, maxAge, maskTypes,
                    labelNoise, firstPerson, seed, style, mixStyles);
        }
    }
}
