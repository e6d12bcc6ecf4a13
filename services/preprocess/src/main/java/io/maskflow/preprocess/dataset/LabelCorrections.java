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

    private final Map<String, List<String>> byId = new LinkedHashMap<>();

    /** Parses {@code <id>:gender=male|female}, {@code <id>:age=<n>} and {@code <id>:swap-incorrect-normal}. */
    public LabelCorrections(List<String> specs) {
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("correction '" + spec + "' is not <id>:<change>");
            }
            String change = spec.substring(colon + 1);
            if (!change.matches("gender=(male|female)|age=[0-9]{1,3}|swap-incorrect-normal")) {
                throw new IllegalArgumentException("correction '" + spec + "': the change must be gender=male, "
                        + "gender=female, age=<n> or swap-incorrect-normal");
            }
            byId.computeIfAbsent(spec.substring(0, colon), id -> new ArrayList<>()).add(change);
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
