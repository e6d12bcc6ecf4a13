package io.maskflow.orchestrator.datasets;

import io.maskflow.contracts.dataset.CompetitionLayout;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
        if (!CompetitionLayout.startsWithHeader(start, header)) {
            return Optional.of(name + " must start with the header '" + header + "'"
                    + CompetitionLayout.headerHint(start, header));
        }
        return notUtf8(csv).map(where -> name + " is not UTF-8 text: " + where + ", which UTF-8 does not take there "
                + "(a file saved in another encoding, such as Latin-1 or the Korean CP949): save it as UTF-8 (in Excel "
                + "\"CSV UTF-8\")");
    }

    /**
     * Where the bytes stop being UTF-8 ("line 2 has the byte 0xE1"), or empty when they are UTF-8 throughout. Read
     * as UTF-8 regardless, such a file's names came out with U+FFFD in them and matched no folder: the run's
     * preprocess step failed as "empty-dataset" without a word on the encoding.
     */
    private static Optional<String> notUtf8(byte[] csv) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(csv);
        CharBuffer chars = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                int at = bytes.position();
                int line = 1;
                for (int i = 0; i < at; i++) {
                    line += csv[i] == '\n' ? 1 : 0;
                }
                return Optional.of(String.format(Locale.ROOT, "line %d has the byte 0x%02X", line, csv[at] & 0xff));
            }
            if (result.isUnderflow()) {
                return Optional.empty();
            }
            chars.clear(); // overflow: the characters are not kept, only read
        }
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
