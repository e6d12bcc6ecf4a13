package io.maskflow.trainer;

import io.maskflow.contracts.shards.ShardRecord;
import java.util.List;

/** The persons' ages from the shards, for the parameters that need them. */
final class AgeTask {

    private AgeTask() {
    }

    /**
     * The persons' ages, by person number, for a parameter that needs them ({@code ageRegression},
     * {@code trainOldAgeFrom}).
     *
     * @throws IllegalArgumentException naming the parameter when a record's person has no age in the shards
     */
    static int[] requireAges(String parameter, List<ShardRecord> records, int[] ages) {
        for (ShardRecord r : records) {
            if (r.person() < 0 || r.person() >= ages.length) {
                throw new IllegalArgumentException(parameter + " needs each person's age, and the shards "
                        + (ages.length == 0 ? "do not carry them (prepared before preprocess kept them, version 7)"
                        : "give " + ages.length + " ages but hold person " + r.person())
                        + ": preprocess the data set again, or train with " + parameter + "=0");
            }
        }
        return ages;
    }
}
