package io.maskflow.contracts.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawing values a generated data set keeps for its persons (facial hair, long hair, jaw, ...): a CSV whose header
 * is a key column and one column per value, then a row per person with the key and a finite number per value. The
 * generator writes two: {@value #TRAIN} keyed by train.csv's {@code id} (the trainer's cue task learns from it) and
 * {@value #EVAL} keyed by the kept eval answers' {@code person} (the evaluator's gender-by-cue table reads it). A
 * user's own data set has neither.
 *
 * @param names the value columns, in the file's order
 * @param rows each person's values by key, in the file's order
 */
public record CueTable(List<String> names, Map<String, double[]> rows) {

    /** The training persons' values, beside train.csv. */
    public static final String TRAIN = "train/cues.csv";
    /** {@value #TRAIN}'s key column: train.csv's {@code id}. */
    public static final String TRAIN_KEY = "id";
    /** The eval persons' values, beside the eval answers (not in {@code eval/}). */
    public static final String EVAL = "answers/eval-cues.csv";
    /** {@value #EVAL}'s key column: the eval answers' {@code person}. */
    public static final String EVAL_KEY = "person";
    /**
     * The generator's values written 0 or 1 (the first columns of its files), the ones a training can be balanced
     * by (the trainer's {@code balanceCue}); the other columns are fractions.
     */
    public static final List<String> FLAGS = List.of("facial_hair", "earrings", "long_hair", "makeup");

    /** Where a bad row goes: its line number (the header is line 1) and what is wrong with it. */
    @FunctionalInterface
    public interface BadRows {
        void report(int line, String reason);
    }

    public CueTable {
        names = List.copyOf(names);
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** The header line (no line end): {@code key}, then the names. */
    public static String header(String key, List<String> names) {
        return key + "," + String.join(",", names);
    }

    /**
     * Reads a table. Blank lines are skipped; a row whose cell count does not match the header, whose key is empty or
     * whose values are not all finite numbers is reported to {@code badRows} and left out.
     *
     * @throws IllegalArgumentException when the header is not {@code key} and at least one non-blank name
     */
    public static CueTable parse(String text, String key, BadRows badRows) {
        List<CsvRows.Row> lines = CsvRows.parse(text);
        List<String> header = lines.isEmpty() || lines.get(0).problem() != null ? List.of() : lines.get(0).cells();
        if (header.size() < 2 || !header.get(0).equals(key) || header.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("the header must be " + key
                    + " and at least one value name, comma-separated");
        }
        List<String> names = header.subList(1, header.size());
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (CsvRows.Row row : lines.subList(1, lines.size())) {
            try {
                String[] cells = row.checked().toArray(String[]::new);
                rows.put(cells[0], values(cells, names.size()));
            } catch (IllegalArgumentException e) {
                badRows.report(row.line(), e.getMessage());
            }
        }
        return new CueTable(names, rows);
    }

    private static double[] values(String[] cells, int count) {
        if (cells.length != count + 1) {
            throw new IllegalArgumentException("expected the key and " + count + " values, got " + cells.length
                    + " cells");
        }
        if (cells[0].isBlank()) {
            throw new IllegalArgumentException("the key is empty");
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
