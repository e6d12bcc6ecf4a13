package io.maskflow.orchestrator.datasets;

import io.maskflow.contracts.dataset.CompetitionLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether a CSV of the competition layout ({@code train/train.csv}, {@code eval/info.csv}) starts with its header,
 * and why not in words a user can act on. A file saved as UTF-16 (Excel's "Unicode Text", some Windows editors)
 * starts with the byte-order mark FF FE or FE FF, or has a NUL byte every other byte, and only reads as a wrong
 * header in UTF-8.
 */
final class CsvHeaders {

    /** The bytes looked at: a header line is short. */
    private static final int START = 1024;

    private CsvHeaders() {
    }

    /** The header a layout CSV at {@code path} must start with, or null when the path is no such CSV. */
    static String of(String path) {
        return switch (path) {
            case CompetitionLayout.TRAIN_CSV -> CompetitionLayout.TRAIN_HEADER;
            case CompetitionLayout.EVAL_CSV -> CompetitionLayout.EVAL_HEADER;
            default -> null;
        };
    }

    /**
     * Why {@code csv} does not start with {@code header}; empty when it does (after a UTF-8 byte-order mark, if any).
     *
     * @param name the file as the reason names it, e.g. {@code train/train.csv}
     */
    static Optional<String> problem(String name, byte[] csv, String header) {
        String utf16 = utf16(csv);
        if (utf16 != null) {
            return Optional.of(name + " looks like UTF-16 text (" + utf16 + "), not UTF-8: save it as UTF-8 (in "
                    + "Excel \"CSV UTF-8\"), starting with the header '" + header + "'");
        }
        String start = new String(csv, 0, Math.min(csv.length, START), StandardCharsets.UTF_8);
        return CompetitionLayout.startsWithHeader(start, header) ? Optional.empty()
                : Optional.of(name + " must start with the header '" + header + "'"
                        + CompetitionLayout.headerHint(start, header));
    }

    /** What makes the bytes look like UTF-16 text, or null when they do not. */
    private static String utf16(byte[] csv) {
        if (csv.length >= 2 && (csv[0] & 0xff) == 0xff && (csv[1] & 0xff) == 0xfe) {
            return "it starts with the byte-order mark FF FE";
        }
        if (csv.length >= 2 && (csv[0] & 0xff) == 0xfe && (csv[1] & 0xff) == 0xff) {
            return "it starts with the byte-order mark FE FF";
        }
        int end = Math.min(csv.length, 32) & ~1; // the header's first characters: ASCII, each with a NUL in UTF-16
        boolean evenNul = end >= 4;
        boolean oddNul = end >= 4;
        for (int i = 0; i < end; i += 2) {
            evenNul &= csv[i] == 0;
            oddNul &= csv[i + 1] == 0;
        }
        return evenNul || oddNul ? "it has a NUL byte every other byte" : null;
    }
}
