package io.maskflow.contracts.labels;

/**
 * The two ages that split people into {@link AgeGroup}s: younger than {@code middleFrom} is young, from
 * {@code oldFrom} on is old. The competition uses 30 and 60; many teams moved the old cut-off to 58 because the
 * 60+ group of the real data holds only people aged exactly 60.
 */
public record AgeBands(int middleFrom, int oldFrom) {

    /** The competition's cut-offs: under 30, 30 to 59, 60 and over. */
    public static final AgeBands COMPETITION = new AgeBands(30, 60);

    public AgeBands {
        if (middleFrom <= 0 || oldFrom <= middleFrom) {
            throw new IllegalArgumentException(
                    "age cut-offs must satisfy 0 < middleFrom < oldFrom, got " + middleFrom + " / " + oldFrom);
        }
    }

    public AgeGroup groupOf(int age) {
        if (age < 0 || age > 150) {
            throw new IllegalArgumentException("age must be between 0 and 150, got " + age);
        }
        if (age < middleFrom) {
            return AgeGroup.YOUNG;
        }
        return age < oldFrom ? AgeGroup.MIDDLE : AgeGroup.OLD;
    }
}
