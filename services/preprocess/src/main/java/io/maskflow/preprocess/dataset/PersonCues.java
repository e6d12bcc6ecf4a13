package io.maskflow.preprocess.dataset;

import io.maskflow.contracts.dataset.CueTable;
import io.maskflow.preprocess.dataset.Issue.Kind;
import io.maskflow.preprocess.source.DatasetSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    public static final String CUES_CSV = CueTable.TRAIN;

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
        CueTable table;
        try {
            table = CueTable.parse(new String(source.read(CUES_CSV), StandardCharsets.UTF_8), CueTable.TRAIN_KEY,
                    (line, reason) -> issues.add(new Issue(Kind.BAD_CSV_ROW, "cues.csv line " + line, reason)));
        } catch (IllegalArgumentException e) {
            issues.add(new Issue(Kind.BAD_CSV_ROW, "cues.csv line 1", e.getMessage() + "; the file is not used"));
            return NONE;
        }
        return new PersonCues(table.names(), table.rows());
    }
}
