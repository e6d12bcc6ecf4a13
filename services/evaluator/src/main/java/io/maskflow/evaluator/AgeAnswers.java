package io.maskflow.evaluator;

import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How the age head answered the headline's photos, by the persons' exact age: where its mistakes fall. A model
 * whose age errors sit next to the cut-offs (58- and 59-year-olds answered 60+, 60-year-olds answered 30 – 59) is
 * one the labels themselves limit; errors far from them are the model's own. Given in bands of the persons' ages
 * that put the two years on each side of each cut-off apart, and start a new band at each decade in between.
 *
 * @param middleFrom the first age of the middle group, {@code oldFrom} the first of the oldest (the model's cut-offs)
 * @param bands the bands with photos in them, youngest first
 */
record AgeAnswers(int middleFrom, int oldFrom, List<AgeAnswers.Band> bands) {

    /** Years on each side of a cut-off that get their own band. */
    static final int NEAR = 2;

    /** Away from the cut-offs, bands also start at each multiple of this. */
    static final int DECADE = 10;

    /**
     * One band of ages.
     *
     * @param from the youngest age in the band
     * @param to the oldest age in the band (inclusive)
     * @param group the age group the band's persons belong to: 0 under the middle group, 1 the middle group, 2 old
     * @param images the band's photos
     * @param answered per age group (the same order), the share of the band's photos answered with it
     */
    record Band(int from, int to, int group, int images, double[] answered) {
    }

    /**
     * The bands of the records' persons' ages, the empty ones left out; null when the ages are not known (shards
     * prepared before preprocess kept them, or a record whose person has none).
     *
     * @param predicted the class answered for each record
     * @param personAges each person's age by the records' person number
     * @param middleFrom the first age of the middle group; {@code oldFrom} the first of the oldest
     */
    static AgeAnswers of(List<ShardRecord> records, int[] predicted, int[] personAges, int middleFrom,
            int oldFrom) {
        if (records.isEmpty() || records.stream().anyMatch(r -> r.person() < 0 || r.person() >= personAges.length)) {
            return null;
        }
        int lowest = records.stream().mapToInt(r -> personAges[r.person()]).min().orElseThrow();
        int highest = records.stream().mapToInt(r -> personAges[r.person()]).max().orElseThrow();
        // a band starts at the youngest age, at each cut-off and two years before and after it, and at each decade
        IntStream cuts = IntStream.of(middleFrom - NEAR, middleFrom, middleFrom + NEAR, oldFrom - NEAR, oldFrom,
                oldFrom + NEAR);
        IntStream decades = IntStream.rangeClosed(lowest / DECADE + 1, highest / DECADE).map(d -> d * DECADE);
        int[] starts = IntStream.concat(IntStream.of(lowest), IntStream.concat(cuts, decades)
                .filter(a -> a > lowest && a <= highest)).sorted().distinct().toArray();
        List<Band> bands = new ArrayList<>();
        for (int b = 0; b < starts.length; b++) {
            Band band = band(records, predicted, personAges, starts[b], b + 1 < starts.length ? starts[b + 1] - 1
                    : highest, middleFrom, oldFrom);
            if (band.images() > 0) {
                bands.add(band);
            }
        }
        return new AgeAnswers(middleFrom, oldFrom, List.copyOf(bands));
    }

    /** The age groups' names at these cut-offs, youngest first. */
    String[] groupNames() {
        return new String[] {"under " + middleFrom, middleFrom + " – " + (oldFrom - 1), oldFrom + "+"};
    }

    private static Band band(List<ShardRecord> records, int[] predicted, int[] personAges, int from, int to,
            int middleFrom, int oldFrom) {
        int[] counts = new int[3];
        int images = 0;
        for (int i = 0; i < records.size(); i++) {
            int age = personAges[records.get(i).person()];
            if (age >= from && age <= to) {
                counts[Label.headValue(predicted[i], Label.AGE_HEAD)]++;
                images++;
            }
        }
        double[] answered = new double[3];
        for (int g = 0; g < 3; g++) {
            answered[g] = images == 0 ? 0 : (double) counts[g] / images;
        }
        int group = from >= oldFrom ? 2 : from >= middleFrom ? 1 : 0;
        return new Band(from, to, group, images, answered);
    }
}
