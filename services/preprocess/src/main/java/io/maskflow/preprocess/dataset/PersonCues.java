package io.maskflow.preprocess.dataset;

import io.maskflow.preprocess.dataset.Issue.Kind;
import io.maskflow.preprocess.source.DatasetSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawing values a generated data set gives for each of its persons ({@code train/cues.csv}: {@code id} and one
 * column per value, e.g. {@code facial_hair,earrings,long_hair,...}), which the trainer's cue task learns beside the
 * labels. Users' own data sets have none; a bad row is an issue and that person simply has no values.
 *
 * @param names the value columns, in the file's order; empty when the data set has no cues file
 * @param byId each person's values by their {@code train.csv} id
 */
public record PersonCues(List<String> names, Map<String, double[]> byId) {

    /** Optional per-person drawing values, written by the generator beside train.csv. */
    public static final String CUES_CSV = "train/cues.csv";

    public static final PersonCues NONE = new PersonCues(List.of(), Map.of());

    public PersonCues {
        names = List.copyOf(names);
        byId = Map.copyOf(byId);
    }

    /** Reads a source's cues file; {@link #NONE} when it has none or its header is not {@code id,<name>,...}. */
    public static PersonCues read(DatasetSource source, List<Issue> issues) throws IOException {
        if (!source.exists(CUES_CSV)) {
            return NONE;
        }
        List<String> lines = new String(source.read(CUES_CSV), StandardCharsets.UTF_8).lines().toList();
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).strip().split(",", -1);
        if (header.length < 2 || !header[0].strip().equals("id")
                || Arrays.stream(header).anyMatch(h -> h.isBlank())) {
            issues.add(new Issue(Kind.BAD_CSV_ROW, "cues.csv line 1",
                    "the header must be id and at least one value name, comma-separated; the file is not used"));
            return NONE;
        }
        List<String> names = Arrays.stream(header).skip(1).map(String::strip).toList();
        Map<String, double[]> byId = new HashMap<>();
        DatasetScanner.eachRow(lines, "cues.csv", issues, cells -> byId.put(cells[0].strip(),
                values(cells, names.size())));
        return new PersonCues(names, byId);
    }

    private static double[] values(String[] cells, int count) {
        if (cells.length != count + 1) {
            throw new IllegalArgumentException("expected the id and " + count + " values, got " + cells.length
                    + " cells");
        }
        if (cells[0].isBlank()) {
            throw new IllegalArgumentException("the id is empty");
        }
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            double v;
            try {
                v = Double.parseDouble(cells[k + 1].strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("value " + (k + 1) + " is not a finite number: " + cells[k + 1]);
            }
            values[k] = v;
        }
        return values;
    }
}
