package io.maskflow.vision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.labels.Label;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PersonBootstrapTest {

    /** {@code persons} persons with one photo of every class each, photo i of person p at index p * 18 + i. */
    private static int[] everyClassPerPerson(int persons) {
        return IntStream.range(0, persons * Label.CLASSES).map(i -> i % Label.CLASSES).toArray();
    }

    private static int[] personOfEachPhoto(int persons) {
        return IntStream.range(0, persons * Label.CLASSES).map(i -> i / Label.CLASSES).toArray();
    }

    /** Every photo of the first {@code wrongPersons} persons is taken for the next class; the rest are right. */
    private static int[] wrongPersons(int[] truth, int wrongPersons) {
        return IntStream.range(0, truth.length).map(i -> i / Label.CLASSES < wrongPersons
                ? (truth[i] + 1) % Label.CLASSES : truth[i]).toArray();
    }

    /** About {@code share} of all photos are wrong, scattered over every person by a fixed hash of the index. */
    private static int[] wrongPhotosSpread(int[] truth, double share) {
        return IntStream.range(0, truth.length).map(i -> (i * 7919L % 1000) < share * 1000
                ? (truth[i] + 1) % Label.CLASSES : truth[i]).toArray();
    }

    @Test
    void rightAnswersForPersonsWhoShowEveryClassGiveAnIntervalOfOne() {
        int[] truth = everyClassPerPerson(30);
        PersonBootstrap.Interval interval = PersonBootstrap.macroF1(truth, truth.clone(), personOfEachPhoto(30),
                200, 1);
        assertThat(interval.low()).isEqualTo(1.0);
        assertThat(interval.high()).isEqualTo(1.0);
        assertThat(interval.persons()).isEqualTo(30);
        assertThat(interval.resamples()).isEqualTo(200);
    }

    @Test
    void theIntervalHoldsThePointFigureAndTheSameSeedGivesTheSameInterval() {
        int[] truth = everyClassPerPerson(100);
        int[] predicted = wrongPersons(truth, 25);
        int[] persons = personOfEachPhoto(100);
        double point = ClassificationMetrics.macroF1(truth, predicted);
        PersonBootstrap.Interval interval = PersonBootstrap.macroF1(truth, predicted, persons, 1000, 7);
        assertThat(interval.low()).isLessThan(point);
        assertThat(interval.high()).isGreaterThan(point);
        assertThat(PersonBootstrap.macroF1(truth, predicted, persons, 1000, 7)).isEqualTo(interval);
    }

    @Test
    void personsWhoseEveryPhotoIsWrongTogetherWidenTheIntervalBeyondDrawingPhotosOneByOne() {
        int[] truth = everyClassPerPerson(100);
        int[] together = wrongPersons(truth, 25);
        int[] spread = wrongPhotosSpread(truth, 0.25);
        int[] persons = personOfEachPhoto(100);
        int[] eachPhotoItsOwnPerson = IntStream.range(0, truth.length).toArray();
        double byPersons = width(PersonBootstrap.macroF1(truth, together, persons, 1000, 3));
        double byPhotos = width(PersonBootstrap.macroF1(truth, together, eachPhotoItsOwnPerson, 1000, 3));
        double spreadByPersons = width(PersonBootstrap.macroF1(truth, spread, persons, 1000, 3));
        // the same errors, drawn as they fall (by person) against as if each photo were a person of its own
        assertThat(byPersons).isGreaterThan(2 * byPhotos);
        // the same share of errors, spread over every person, leaves the persons' draws much alike
        assertThat(byPersons).isGreaterThan(2 * spreadByPersons);
    }

    @Test
    void refusesArraysOfDifferentLengthsAndEmptyInput() {
        assertThatThrownBy(() -> PersonBootstrap.macroF1(new int[2], new int[2], new int[3], 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one entry per photo");
        assertThatThrownBy(() -> PersonBootstrap.macroF1(new int[0], new int[0], new int[0], 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one photo");
    }

    @Test
    void theSamePredictionsTwiceDifferByNothingInEveryDraw() {
        int[] truth = everyClassPerPerson(50);
        int[] predicted = wrongPersons(truth, 10);
        PersonBootstrap.Interval interval = PersonBootstrap.difference(truth, predicted, predicted.clone(),
                personOfEachPhoto(50), 500, 1);
        assertThat(interval.low()).isEqualTo(0.0);
        assertThat(interval.high()).isEqualTo(0.0);
        assertThat(interval.persons()).isEqualTo(50);
    }

    @Test
    void aModelRightAboutMorePersonsGainsInEveryDrawThoughTheTwoModelsOwnIntervalsOverlap() {
        int[] truth = everyClassPerPerson(100);
        int[] before = wrongPersons(truth, 25);
        int[] after = wrongPersons(truth, 20);
        int[] persons = personOfEachPhoto(100);
        PersonBootstrap.Interval own = PersonBootstrap.macroF1(truth, before, persons, 1000, 5);
        PersonBootstrap.Interval ownAfter = PersonBootstrap.macroF1(truth, after, persons, 1000, 5);
        PersonBootstrap.Interval gain = PersonBootstrap.difference(truth, before, after, persons, 1000, 5);
        double point = ClassificationMetrics.macroF1(truth, after) - ClassificationMetrics.macroF1(truth, before);
        // side by side the two figures' spreads overlap, so they cannot tell the models apart ...
        assertThat(ownAfter.low()).isLessThan(own.high());
        // ... but drawn together the gain is above 0 and narrower than either spread
        assertThat(gain.low()).isGreaterThan(0);
        assertThat(gain.low()).isLessThanOrEqualTo(point);
        assertThat(gain.high()).isGreaterThanOrEqualTo(point);
        assertThat(width(gain)).isLessThan(width(own)).isLessThan(width(ownAfter));
        assertThat(PersonBootstrap.difference(truth, after, before, persons, 1000, 5).high()).isLessThan(0);
    }

    @Test
    void aDifferenceRefusesPredictionsOfAnotherLength() {
        assertThatThrownBy(() -> PersonBootstrap.difference(new int[3], new int[3], new int[2], new int[3], 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one entry per photo");
    }

    @Test
    void modelsJudgedOnTheirOwnPhotosOfTheSamePersonsArePairedByPerson() {
        int[] truth = everyClassPerPerson(100);
        int[] before = wrongPersons(truth, 25);
        int[] after = wrongPersons(truth, 20);
        int[] persons = personOfEachPhoto(100);
        PersonBootstrap.Interval aligned = PersonBootstrap.difference(truth, before, after, persons, 1000, 5);
        // the second model's photos in another order, under other ids for the photos but the same persons, and each
        // person's first photo twice: as a model prepared from other image files (another size) would see them
        int n = truth.length;
        int[] order = IntStream.range(0, n + 100).map(i -> i < n ? (i * 37) % n : (i - n) * Label.CLASSES).toArray();
        PersonBootstrap.Photos own = new PersonBootstrap.Photos(IntStream.of(order).map(i -> truth[i]).toArray(),
                IntStream.of(order).map(i -> after[i]).toArray(), IntStream.of(order).map(i -> persons[i]).toArray());
        PersonBootstrap.Interval paired = PersonBootstrap.difference(new PersonBootstrap.Photos(truth, before,
                persons), own, 1000, 5);
        assertThat(paired.persons()).isEqualTo(100);
        assertThat(paired.low()).isGreaterThan(0);
        // the persons are drawn as in the aligned case; the doubled photos move the figure a little, not the pairing
        assertThat(paired.low()).isCloseTo(aligned.low(), Offset.offset(0.01));
        assertThat(paired.high()).isCloseTo(aligned.high(), Offset.offset(0.01));
        int[] shuffled = IntStream.range(0, n).map(i -> (i * 37) % n).toArray();
        PersonBootstrap.Interval reordered = PersonBootstrap.difference(new PersonBootstrap.Photos(truth, before,
                persons), new PersonBootstrap.Photos(IntStream.of(shuffled).map(i -> truth[i]).toArray(),
                IntStream.of(shuffled).map(i -> after[i]).toArray(),
                IntStream.of(shuffled).map(i -> persons[i]).toArray()), 1000, 5);
        assertThat(reordered).as("the order of the photos does not matter").isEqualTo(aligned);
    }

    @Test
    void aDifferenceRefusesSetsOfOtherPersons() {
        int[] truth = everyClassPerPerson(10);
        int[] persons = personOfEachPhoto(10);
        int[] others = IntStream.of(persons).map(p -> p + 5).toArray();
        assertThatThrownBy(() -> PersonBootstrap.difference(new PersonBootstrap.Photos(truth, truth, persons),
                new PersonBootstrap.Photos(truth, truth, others), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the same persons")
                .hasMessageContaining("5 of the first not in the second");
    }

    private static double width(PersonBootstrap.Interval interval) {
        return interval.high() - interval.low();
    }
}
