package io.maskflow.contracts.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file as spreadsheets and data tools write them (RFC 4180): cells between commas, a cell in
 * double quotes may hold commas, line breaks and doubled quotes ({@code "a,""b"""} is {@code a,"b"}). R's
 * {@code write.csv} quotes every text cell ({@code "000042","female",...}) and a file name with a comma in it has to
 * be quoted; both were read with the quotes or cut at the comma. Blanks around a cell outside its quotes, a
 * byte-order mark and blank lines are left out; CR LF ends a line as LF does. Free of Quarkus.
 */
public final class CsvRows {

    /**
     * One row.
     *
     * @param line the file's line the row starts on, from 1
     * @param cells the cells, unquoted
     * @param problem what is wrong with the row (a quote never closed, text after a closing quote), or null
     */
    public record Row(int line, List<String> cells, String problem) {

        /** The cells, or an {@link IllegalArgumentException} saying what is wrong with the row. */
        public List<String> checked() {
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return cells;
        }
    }

    private CsvRows() {
    }

    /** Every row of a CSV text, the header included. */
    public static List<Row> parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        int at = 0;
        int line = 1;
        while (at < csv.length()) {
            int start = line;
            List<String> cells = new ArrayList<>();
            String problem = null;
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean closed = false;
            boolean blank = true;
            while (at < csv.length()) {
                char c = csv.charAt(at++);
                if (quoted) {
                    if (c == '"' && at < csv.length() && csv.charAt(at) == '"') {
                        cell.append('"');
                        at++;
                    } else if (c == '"') {
                        quoted = false;
                        closed = true;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        cell.append(c);
                    }
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && at < csv.length() && csv.charAt(at) == '\n') {
                        at++;
                    }
                    line++;
                    break;
                }
                if (c == ',') {
                    cells.add(closed ? cell.toString() : cell.toString().strip());
                    cell.setLength(0);
                    closed = false;
                    blank = false;
                } else if (c == '"' && !closed && cell.toString().isBlank()) {
                    cell.setLength(0);
                    quoted = true;
                    blank = false;
                } else if (closed && !Character.isWhitespace(c)) {
                    problem = problem != null ? problem : "text after the closing quote of cell " + (cells.size() + 1);
                } else if (!closed) {
                    cell.append(c);
                    blank &= Character.isWhitespace(c);
                }
            }
            if (quoted) {
                problem = "a quote opened in cell " + (cells.size() + 1) + " is never closed";
            }
            cells.add(closed || quoted ? cell.toString() : cell.toString().strip());
            if (!blank) {
                rows.add(new Row(start, List.copyOf(cells), problem));
            }
        }
        return rows;
    }

    /** A cell as a CSV file needs it: in quotes when it holds a comma, a quote, a line break or outer blanks. */
    public static String quote(String cell) {
        boolean plain = cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                && cell.equals(cell.strip());
        return plain ? cell : '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** A row of cells, each quoted as {@link #quote} says. */
    public static String line(String... cells) {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            line.append(line.isEmpty() ? "" : ",").append(quote(cell));
        }
        return line.toString();
    }

    /**
     * Whether a CSV's first row is {@code header} (a comma-separated list of names): its cells, unquoted and without
     * blanks around them, are the header's.
     */
    public static boolean startsWith(String csv, String header) {
        int end = csv.indexOf('\n');
        List<Row> first = parse(end < 0 ? csv : csv.substring(0, end));
        return !first.isEmpty() && first.get(0).problem() == null
                && first.get(0).cells().equals(List.of(header.split(",", -1)));
    }
}
