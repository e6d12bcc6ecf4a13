package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A person's drawing values ({@link Cues}) follow what each style draws: no facial hair on women, long hair and
 * make-up by the style's own lists and fields, the appearance's numbers as they are. Persons are made as the
 * generator makes them ({@link PersonFactory}), without drawing their photos.
 */
class CuesTest {

    private static final int FACIAL_HAIR = Cues.NAMES.indexOf("facial_hair");
    private static final int EARRINGS = Cues.NAMES.indexOf("earrings");
    private static final int LONG_HAIR = Cues.NAMES.indexOf("long_hair");
    private static final int MAKEUP = Cues.NAMES.indexOf("makeup");

    /** The hair styles that hang to the jaw or below, by name (classic's by number: 3 long, 4 long with fringe). */
    private static final Map<String, Set<String>> LONG = Map.of(
            "snapshot", Set.of("bob", "long"),
            "studio", Set.of("layered bob", "long wavy"),
            "sculpted", Set.of("long straight", "long wavy", "fringe"),
            "inked", Set.of("bob", "long"),
            "painted", Set.of("bangs", "long straight", "braids"));

    private static List<Person> persons(String style, String mix, int count) {
        Map<String, Object> values = new HashMap<>(Map.of("persons", count, "evalPersons", 0, "seed", 5,
                "style", style));
        if (mix != null) {
            values.put("mixStyles", mix);
        }
        PersonFactory factory = new PersonFactory(StepParameters.bind(values, DatagenParams.DEFAULTS));
        List<Person> persons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            persons.add(factory.make(i, factory.randomFor(i)));
        }
        return persons;
    }

    /** The style that drew the person's people part (a mixed set's "inked people, studio camera" is inked). */
    private static String peopleStyle(Person person) {
        return person.style().id().split(" ")[0];
    }

    private static boolean expectedLongHair(String style, Appearance a) {
        if (style.equals("painted") && a.painted().headwear() == 3) {
            return false;
        }
        String[] names = switch (style) {
            case "classic" -> new String[] {"buzz", "short", "medium", "long", "long with fringe", "tied back"};
            case "snapshot" -> Look.HAIR_STYLES;
            case "studio" -> StudioLook.HAIR_STYLES;
            case "sculpted" -> SculptedLook.HAIR_STYLES;
            case "inked" -> InkedLook.HAIR_STYLES;
            default -> PaintedLook.HAIR_STYLES;
        };
        String name = names[a.hairStyle()];
        return style.equals("classic") ? name.startsWith("long") : LONG.get(style).contains(name);
    }

    @Test
    void theNamesAndTheHeaderAreTheTrainersOrder() {
        assertThat(Cues.NAMES).containsExactly("facial_hair", "earrings", "long_hair", "makeup", "jaw",
                "brow_thickness", "brow_arch", "ageing", "hairline");
        assertThat(Cues.CSV_HEADER).isEqualTo(
                "id,facial_hair,earrings,long_hair,makeup,jaw,brow_thickness,brow_arch,ageing,hairline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "snapshot", "studio", "sculpted", "inked", "painted", "mixed"})
    void eachStylesValuesFollowWhatItDraws(String style) {
        List<Person> persons = persons(style, style.equals("mixed")
                ? "classic,snapshot,studio,sculpted,inked,painted" : null, style.equals("mixed") ? 120 : 48);
        int[] longHair = new int[2];
        int[] makeup = new int[2];
        for (Person person : persons) {
            Appearance a = person.appearance();
            double[] cues = Cues.of(a);
            String people = peopleStyle(person);
            String who = person.style().id() + " " + person.truth();
            assertThat(cues).as(who).hasSize(Cues.NAMES.size());
            for (int i = 0; i < Cues.FLAGS; i++) {
                assertThat(cues[i]).as(who + " " + Cues.NAMES.get(i)).isIn(0.0, 1.0);
            }
            if (person.gender() == Gender.FEMALE) {
                assertThat(cues[FACIAL_HAIR]).as("a woman's facial hair: " + who).isZero();
            }
            assertThat(cues[FACIAL_HAIR] == 1).as(who).isEqualTo(a.facialHair() > 0);
            assertThat(cues[LONG_HAIR] == 1).as("long hair of " + who).isEqualTo(expectedLongHair(people, a));
            if (people.equals("classic") || people.equals("studio")) {
                assertThat(cues[MAKEUP]).as("no make-up drawn in " + who).isZero();
            }
            if (!people.equals("painted")) {
                assertThat(cues[EARRINGS] == 1).as(who).isEqualTo(a.earrings());
            }
            assertThat(cues[4]).as("jaw").isEqualTo(a.jaw()).isBetween(0.4, 0.9);
            assertThat(cues[5]).as("brow thickness").isEqualTo(a.browThickness()).isBetween(0.9, 6.0);
            assertThat(cues[6]).as("brow arch").isEqualTo(a.browArch()).isBetween(0.0, 1.0);
            assertThat(cues[7]).as("ageing").isEqualTo(a.ageing()).isBetween(0.0, 1.0);
            assertThat(cues[8]).as("hairline").isEqualTo(a.hairline()).isBetween(0.0, 1.0);
            longHair[(int) cues[LONG_HAIR]]++;
            makeup[(int) cues[MAKEUP]]++;
        }
        assertThat(longHair).as("persons with short and with long hair in " + style).doesNotContain(0);
        if (!style.equals("classic") && !style.equals("studio")) {
            assertThat(makeup).as("persons without and with make-up in " + style).doesNotContain(0);
        }
        if (style.equals("mixed")) {
            assertThat(persons.stream().map(CuesTest::peopleStyle).distinct()).hasSize(6);
            assertThat(persons).anyMatch(p -> !p.style().id().equals(peopleStyle(p)));
        }
    }

    /** The people part decides: long hair and make-up follow the people's style, whatever the camera's. */
    @Test
    void aMixedPersonsValuesAreThoseOfTheirPeopleStyle() {
        for (Person person : persons("mixed", "classic,snapshot,studio,sculpted,inked,painted", 120)) {
            String people = peopleStyle(person);
            Appearance a = person.appearance();
            assertThat(a.look() != null).isEqualTo(people.equals("snapshot"));
            assertThat(a.studio() != null).isEqualTo(people.equals("studio"));
            assertThat(a.sculpted() != null).isEqualTo(people.equals("sculpted"));
            assertThat(a.inked() != null).isEqualTo(people.equals("inked"));
            assertThat(a.painted() != null).isEqualTo(people.equals("painted"));
            double makeup = Cues.of(a)[MAKEUP];
            switch (people) {
                case "snapshot" -> assertThat(makeup == 1).isEqualTo(a.look().lipstick());
                case "sculpted" -> assertThat(makeup == 1).isEqualTo(a.sculpted().makeup() > 0);
                case "inked" -> assertThat(makeup == 1).isEqualTo(a.inked().makeup() > 0);
                case "painted" -> assertThat(makeup == 1).isEqualTo(a.painted().makeup() > 0);
                default -> assertThat(makeup).isZero();
            }
        }
    }

    /** A painted headscarf hides the hair and the ears: neither long hair nor earrings show. */
    @Test
    void aHeadscarfHidesLongHairAndEarrings() {
        List<Person> painted = persons("painted", null, 600);
        List<Person> scarved = painted.stream().filter(p -> p.appearance().painted().headwear() == 3).toList();
        assertThat(scarved).isNotEmpty().anyMatch(p -> LONG.get("painted").contains(
                PaintedLook.HAIR_STYLES[p.appearance().hairStyle()]));
        for (Person person : scarved) {
            double[] cues = Cues.of(person.appearance());
            assertThat(cues[LONG_HAIR]).isZero();
            assertThat(cues[EARRINGS]).isZero();
        }
        assertThat(painted).anyMatch(p -> p.appearance().painted().headwear() != 3 && p.appearance().earrings()
                && Cues.of(p.appearance())[EARRINGS] == 1);
    }

    @Test
    void aRowHasTheIdFlagsAsWholeNumbersAndFourDecimals() {
        Person person = persons("sculpted", null, 1).get(0);
        String line = Cues.csvLine(person.truth().id(), person.appearance());
        String[] cells = line.split(",", -1);
        assertThat(cells).hasSize(1 + Cues.NAMES.size());
        assertThat(cells[0]).isEqualTo("000001");
        for (int i = 1; i <= Cues.FLAGS; i++) {
            assertThat(cells[i]).matches("[01]");
        }
        for (int i = Cues.FLAGS + 1; i < cells.length; i++) {
            assertThat(cells[i]).matches("-?[0-9]+\\.[0-9]{4}");
            assertThat(Double.parseDouble(cells[i])).isCloseTo(Cues.of(person.appearance())[i - 1],
                    within(0.00005));
        }
    }
}
