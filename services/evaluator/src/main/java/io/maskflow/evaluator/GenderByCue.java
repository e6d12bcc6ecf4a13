package io.maskflow.evaluator;

import io.maskflow.contracts.dataset.CueTable;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Label;
import io.maskflow.sdk.store.DatasetFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which drawn cues the gender head misreads: on a generated set whose kept answers carry the eval persons' drawing
 * values ({@value CueTable#EVAL}: facial hair, earrings, long hair, make-up written 0 or 1, and continuous ones), the
 * share of photos whose gender is answered right, per gender and per value of each 0/1 cue. A network that reads
 * gender from hair alone answers long-haired men "woman"; one that reads a beard answers bearded men right. The
 * continuous values (jaw, brows, ageing, hairline) are left out.
 *
 * @param rows one per cue, gender and value that has photos, in the file's column order
 */
public record GenderByCue(List<Row> rows) {

    /** The photos of one gender with one value of one cue, and how many of them the gender head answered right. */
    public record Row(String cue, String gender, int value, int photos, int right) {

        public double accuracy() {
            return (double) right / photos;
        }
    }

    /**
     * The table for a set's photos, or null when the set keeps no drawing values (a data set generated before it did,
     * or a user's own photos), its kept answers do not say whose each photo is, or no photo's person has values.
     *
     * @param persons whose each photo is (the kept answers' person numbers), null when they do not say
     * @param truth the true class of each photo, −1 where unknown
     * @param predicted the predicted class of each photo
     */
    static GenderByCue of(DatasetFiles files, int[] persons, int[] truth, int[] predicted) throws IOException {
        return persons == null || !files.exists(CueTable.EVAL) ? null
                : of(new String(files.read(CueTable.EVAL), StandardCharsets.UTF_8), persons, truth, predicted);
    }

    /**
     * The table from the text of {@value CueTable#EVAL}: a header {@code person,<names>}, then a row per person; rows
     * that are not the person's number and finite values are left out.
     */
    static GenderByCue of(String csv, int[] persons, int[] truth, int[] predicted) {
        CueTable table;
        try {
            table = CueTable.parse(csv, CueTable.EVAL_KEY, (line, reason) -> { });
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<Integer, double[]> values = new HashMap<>();
        table.rows().forEach((person, row) -> {
            try {
                values.put(Integer.parseInt(person), row);
            } catch (NumberFormatException e) {
                // not one of the answers' person numbers: no photo is theirs
            }
        });
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < table.names().size(); c++) {
            if (isFlag(values, c)) {
                rows.addAll(rows(table.names().get(c), c, values, persons, truth, predicted));
            }
        }
        return rows.isEmpty() ? null : new GenderByCue(rows);
    }

    private static List<Row> rows(String cue, int c, Map<Integer, double[]> values, int[] persons, int[] truth,
            int[] predicted) {
        int[][] photos = new int[2][2];
        int[][] right = new int[2][2];
        for (int i = 0; i < persons.length; i++) {
            double[] person = values.get(persons[i]);
            if (person == null || truth[i] < 0) {
                continue;
            }
            int gender = Label.ofClass(truth[i]).gender().value();
            int value = (int) person[c];
            photos[gender][value]++;
            right[gender][value] += Label.ofClass(predicted[i]).gender().value() == gender ? 1 : 0;
        }
        List<Row> rows = new ArrayList<>();
        for (int gender = 0; gender < 2; gender++) {
            for (int value = 0; value < 2; value++) {
                if (photos[gender][value] > 0) {
                    rows.add(new Row(cue, Gender.of(gender).name().toLowerCase(Locale.ROOT), value,
                            photos[gender][value], right[gender][value]));
                }
            }
        }
        return rows;
    }

    /** True when every person's value in column {@code c} is 0 or 1. */
    private static boolean isFlag(Map<Integer, double[]> values, int c) {
        return !values.isEmpty() && values.values().stream().allMatch(v -> v[c] == 0 || v[c] == 1);
    }
}
