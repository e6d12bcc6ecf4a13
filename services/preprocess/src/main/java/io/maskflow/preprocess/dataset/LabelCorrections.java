package io.maskflow.preprocess.dataset;

import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.preprocess.dataset.Issue.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Label corrections applied without touching the images: a person's gender or age, or the swap of their
 * {@code incorrect_mask} and {@code normal} files. {@link #PUBLISHED} is the list the competition's teams
 * published (../shared/DATA.md).
 */
public final class LabelCorrections {

    /** Corrections the teams published for the real data set. */
    public static final List<String> PUBLISHED = List.of(
            "006359:gender=female", "006360:gender=female", "006361:gender=female", "006362:gender=female",
            "006363:gender=female", "006364:gender=female", "001498-1:gender=male", "004432:gender=male",
            "000020:swap-incorrect-normal", "004418:swap-incorrect-normal", "005227:swap-incorrect-normal");

    /** The oldest age a person may have ({@link PersonRecord}'s check). */
    private static final int MAX_AGE = 150;

    private final Map<String, List<String>> byId = new LinkedHashMap<>();

    /** Parses {@code <id>:gender=male|female}, {@code <id>:age=<n>} and {@code <id>:swap-incorrect-normal}. */
    public LabelCorrections(List<String> specs) {
        check(specs);
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            byId.computeIfAbsent(spec.substring(0, colon), id -> new ArrayList<>()).add(spec.substring(colon + 1));
        }
    }

    /**
     * Refuses corrections that apply to no data set (a missing element, bad syntax, an unknown change, an age out of
     * range), with the reason, so a job's parameters are checked before it runs; a correction for a person the data
     * set does not have is only known then (a problem in its report).
     *
     * @throws IllegalArgumentException naming the first bad correction
     */
    public static void check(List<?> specs) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == null) {
                throw new IllegalArgumentException("correction " + (i + 1) + " of " + specs.size() + " is null: "
                        + "each correction is <id>:gender=male, <id>:gender=female, <id>:age=<n> or "
                        + "<id>:swap-incorrect-normal");
            }
            String spec = specs.get(i).toString();
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("correction '" + spec + "' is not <id>:<change>");
            }
            String change = spec.substring(colon + 1);
            if (!change.matches("gender=(male|female)|age=[0-9]{1,3}|swap-incorrect-normal")) {
                throw new IllegalArgumentException("correction '" + spec + "': the change must be gender=male, "
                        + "gender=female, age=<n> or swap-incorrect-normal");
            }
            if (change.startsWith("age=") && Integer.parseInt(change.substring(4)) > MAX_AGE) {
                throw new IllegalArgumentException("correction '" + spec + "': the age must be between 0 and "
                        + MAX_AGE);
            }
        }
    }

    /** The persons with their corrections applied; corrections for ids not present are reported. */
    public List<PersonEntry> apply(List<PersonEntry> persons, List<Issue> issues) {
        Map<String, List<String>> unused = new LinkedHashMap<>(byId);
        List<PersonEntry> corrected = new ArrayList<>(persons.size());
        for (PersonEntry person : persons) {
            List<String> changes = unused.remove(person.record().id());
            corrected.add(changes == null ? person : apply(person, changes));
        }
        unused.forEach((id, changes) -> issues.add(new Issue(Kind.UNKNOWN_CORRECTION, "person " + id,
                "no such person for " + changes)));
        return corrected;
    }

    private static PersonEntry apply(PersonEntry person, List<String> changes) {
        PersonRecord r = person.record();
        Gender gender = r.gender();
        int age = r.age();
        Map<String, String> images = new LinkedHashMap<>(person.images());
        for (String change : changes) {
            if (change.startsWith("gender=")) {
                gender = Gender.parse(change.substring(7));
            } else if (change.startsWith("age=")) {
                age = Integer.parseInt(change.substring(4));
            } else {
                String incorrect = images.remove("incorrect_mask");
                String normal = images.remove("normal");
                if (normal != null) {
                    images.put("incorrect_mask", normal);
                }
                if (incorrect != null) {
                    images.put("normal", incorrect);
                }
            }
        }
        return new PersonEntry(person.source(), new PersonRecord(r.id(), gender, r.race(), age, r.path()), images);
    }
}
