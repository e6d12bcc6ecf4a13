package io.maskflow.contracts.dataset;

import io.maskflow.contracts.Require;
import io.maskflow.contracts.labels.Gender;

/**
 * One row of the competition's {@code train.csv}: {@code id,gender,race,age,path}.
 *
 * @param id the person id, e.g. {@code 000001} (some real ids carry a suffix such as {@code 001498-1})
 * @param gender the gender as labelled
 * @param race the race column (always {@code Asian} in the real data)
 * @param age the age in years
 * @param path the person's image folder, {@code <id>_<gender>_<race>_<age>}
 */
public record PersonRecord(String id, Gender gender, String race, int age, String path) {

    public PersonRecord {
        Require.nonBlank(id, "person id");
        Require.present(gender, "gender of person " + id);
        Require.nonBlank(race, "race of person " + id);
        if (age < 0 || age > 150) {
            throw new IllegalArgumentException("age of person " + id + " must be between 0 and 150, got " + age);
        }
        Require.nonBlank(path, "path of person " + id);
    }

    /** A record whose folder name is built from its fields, as the competition names folders. */
    public static PersonRecord of(String id, Gender gender, String race, int age) {
        return new PersonRecord(id, gender, race, age, CompetitionLayout.folderName(id, gender, race, age));
    }
}
