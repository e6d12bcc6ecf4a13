package io.maskflow.vision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.labels.Label;
import java.util.stream.IntStream;
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

    private static double width(PersonBootstrap.Interval interval) {
        return interval.high() - interval.low();
    }
}
