package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.params.DatagenParams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemographicsTest {

    private static final int DRAWS = 27_000;

    @Test
    void competitionModeFollowsTheRealTrainCsv() {
        Demographics d = new Demographics(DatagenParams.Demographics.COMPETITION, 18, 60);
        SplittableRandom r = new SplittableRandom(1);
        int women = 0;
        int[] ages = new int[61];
        for (int i = 0; i < DRAWS; i++) {
            women += d.gender(r) == Gender.FEMALE ? 1 : 0;
            ages[d.age(r)]++;
        }
        assertThat(women / (double) DRAWS).isCloseTo(1655 / 2700.0, offset(0.015));
        // 192 of 2700 real persons are 18, 192 are 60, 3 are 31
        assertThat(ages[18] / (double) DRAWS).isCloseTo(192 / 2700.0, offset(0.008));
        assertThat(ages[60] / (double) DRAWS).isCloseTo(192 / 2700.0, offset(0.008));
        assertThat(ages[31] / (double) DRAWS).isLessThan(0.004);
        int old = ages[60];
        assertThat(old / (double) DRAWS).as("60+ is rare").isLessThan(0.09);
    }

    @Test
    void balancedModeDrawsTheSixGroupsEqually() {
        Demographics d = new Demographics(DatagenParams.Demographics.BALANCED, 18, 80);
        SplittableRandom r = new SplittableRandom(2);
        int[] groups = new int[6];
        for (int i = 0; i < DRAWS; i++) {
            Gender g = d.gender(r);
            int age = d.age(r);
            assertThat(age).isBetween(18, 80);
            groups[3 * g.value() + AgeBands.COMPETITION.groupOf(age).value()]++;
        }
        for (int count : groups) {
            assertThat(count / (double) DRAWS).isCloseTo(1 / 6.0, offset(0.015));
        }
    }

    @Test
    void keepsToTheAskedAgeRange() {
        Demographics d = new Demographics(DatagenParams.Demographics.COMPETITION, 25, 70);
        SplittableRandom r = new SplittableRandom(3);
        boolean sawPast60 = false;
        for (int i = 0; i < 5000; i++) {
            int age = d.age(r);
            assertThat(age).isBetween(25, 70);
            sawPast60 |= age > 60;
        }
        assertThat(sawPast60).isTrue();
    }
}
