package io.maskflow.datagen.people;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.AgeGroup;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.params.DatagenParams;
import java.util.SplittableRandom;

/**
 * Draws a person's gender and age. {@code competition} follows the real train.csv (../shared/DATA.md: 1,655
 * women and 1,045 men aged 18 to 60, the 60+ group only people of exactly 60); {@code balanced} draws the six
 * gender x age groups equally. Ages outside {@code [minAge, maxAge]} are never drawn.
 */
public final class Demographics {

    /** Persons per age 18..60 in the real train.csv. */
    private static final int[] REAL_AGE_COUNTS = {
        192, 407, 267, 41, 58, 72, 62, 82, 44, 15, 25, 16, // 18-29
        17, 3, 7, 5, 13, 19, 8, 3, 14, 6, 20, 7, 13, 18, 13, 27, 14, 10, 39, 31, // 30-49
        80, 63, 78, 64, 82, 100, 123, 106, 159, 85, // 50-59
        192, // 60
    };
    private static final int REAL_FIRST_AGE = 18;
    private static final double REAL_FEMALE_SHARE = 1655.0 / 2700.0;

    private final boolean balanced;
    private final int minAge;
    private final int maxAge;

    public Demographics(DatagenParams.Demographics mode, int minAge, int maxAge) {
        this.balanced = mode == DatagenParams.Demographics.BALANCED;
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    public Gender gender(SplittableRandom random) {
        double femaleShare = balanced ? 0.5 : REAL_FEMALE_SHARE;
        return random.nextDouble() < femaleShare ? Gender.FEMALE : Gender.MALE;
    }

    public int age(SplittableRandom random) {
        if (balanced) {
            AgeGroup group = AgeGroup.of(random.nextInt(3));
            int[] range = rangeOf(group);
            if (range[0] <= range[1]) {
                return range[0] + random.nextInt(range[1] - range[0] + 1);
            }
            return minAge + random.nextInt(maxAge - minAge + 1);
        }
        return realAge(random);
    }

    /** An age from the real histogram within [minAge, maxAge]; uniform where the range leaves the histogram. */
    private int realAge(SplittableRandom random) {
        int lo = Math.max(minAge, REAL_FIRST_AGE);
        int hi = Math.min(maxAge, REAL_FIRST_AGE + REAL_AGE_COUNTS.length - 1);
        if (lo > hi) {
            return minAge + random.nextInt(maxAge - minAge + 1);
        }
        int total = 0;
        for (int age = lo; age <= hi; age++) {
            total += REAL_AGE_COUNTS[age - REAL_FIRST_AGE];
        }
        // Ages past the histogram (61..maxAge) get the weight of the oldest real ages, thinning out.
        int extra = Math.max(0, maxAge - hi);
        int pick = random.nextInt(total + extra * 20);
        for (int age = lo; age <= hi; age++) {
            pick -= REAL_AGE_COUNTS[age - REAL_FIRST_AGE];
            if (pick < 0) {
                return age;
            }
        }
        return hi + 1 + random.nextInt(extra);
    }

    private int[] rangeOf(AgeGroup group) {
        AgeBands bands = AgeBands.COMPETITION;
        int lo = switch (group) {
            case YOUNG -> minAge;
            case MIDDLE -> Math.max(minAge, bands.middleFrom());
            case OLD -> Math.max(minAge, bands.oldFrom());
        };
        int hi = switch (group) {
            case YOUNG -> Math.min(maxAge, bands.middleFrom() - 1);
            case MIDDLE -> Math.min(maxAge, bands.oldFrom() - 1);
            case OLD -> maxAge;
        };
        return new int[] {lo, hi};
    }
}
