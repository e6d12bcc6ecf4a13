package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two or more runs side by side, as text: their parameters (a {@code *} in front of each that differs), the
 * headline figures of their reports per head and per class, and their validation macro F1 per epoch on one chart
 * (a letter per run) with the figures under it.
 */
final class RunComparison {

    private static final int LABEL = 24;
    private static final int COLUMN = 16;
    private static final int CHART_HEIGHT = 10;

    /** A run and its evaluation report (null when it has none). */
    record Compared(JsonNode run, JsonNode report) {
    }

    private RunComparison() {
    }

    static String render(List<Compared> runs) {
        StringBuilder text = new StringBuilder();
        row(text, " ", "", runs.stream().map(c -> letter(runs.indexOf(c)) + ": " + c.run().path("runId").asText())
                .toList());
        row(text, " ", "pipeline", runs.stream().map(c -> c.run().path("pipeline").asText()).toList());
        row(text, " ", "status", runs.stream().map(c -> c.run().path("status").asText()).toList());
        row(text, " ", "took", runs.stream().map(c -> took(c.run())).toList());

        text.append("\nparameters (* where they differ)\n");
        TreeSet<String> names = new TreeSet<>();
        runs.forEach(c -> c.run().path("parameters").fieldNames().forEachRemaining(names::add));
        for (String name : names) {
            List<String> values = runs.stream().map(c -> value(c.run().path("parameters").get(name))).toList();
            row(text, values.stream().distinct().count() > 1 ? "*" : " ", name, values);
        }

        text.append("\nfigures of the report").append(evaluatedOn(runs)).append('\n');
        figure(text, runs, "macro F1", f -> f.path("macroF1"));
        List<String> spreads = runs.stream().map(c -> c.report() == null ? "" : headlineSpread(c.report())).toList();
        if (spreads.stream().anyMatch(cell -> !cell.isEmpty())) {
            row(text, " ", "90 % of person draws", spreads);
        }
        for (String head : List.of("mask", "gender", "age")) {
            figure(text, runs, head + " accuracy", f -> f.path("heads").path(head).path("accuracy"));
            figure(text, runs, head + " macro F1", f -> f.path("heads").path(head).path("macroF1"));
        }
        figure(text, runs, "images", f -> f.path("count"));
        text.append("\nF1 per class\n");
        Map<String, List<String>> perClass = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            JsonNode report = runs.get(r).report();
            if (report == null) {
                continue;
            }
            for (JsonNode c : report.path("figures").path("perClass")) {
                String label = String.format(Locale.ROOT, "%2d %s", c.path("label").asInt(), c.path("name").asText());
                List<String> cells = perClass.computeIfAbsent(label, k -> new ArrayList<>(blank(runs.size())));
                cells.set(r, String.format(Locale.ROOT, "%.3f", c.path("f1").asDouble()));
            }
        }
        perClass.forEach((label, cells) -> row(text, " ", label, cells));
        if (perClass.isEmpty()) {
            text.append("  no run has a report\n");
        }
        text.append(curves(runs));
        return text.toString();
    }

    /** The validation macro F1 of every epoch of each run's first training step, on one chart and in a table. */
    static String curves(List<Compared> runs) {
        List<List<Double>> curves = new ArrayList<>();
        int epochs = 0;
        for (Compared c : runs) {
            List<Double> curve = new ArrayList<>();
            for (Iterator<JsonNode> steps = c.run().path("steps").elements(); steps.hasNext();) {
                JsonNode history = steps.next().path("history");
                if (history.size() > 0) {
                    history.forEach(point -> curve.add(point.path("metrics").path("valMacroF1").asDouble(Double.NaN)));
                    break;
                }
            }
            curves.add(curve);
            epochs = Math.max(epochs, curve.size());
        }
        StringBuilder text = new StringBuilder("\nvalidation macro F1 per epoch (");
        for (int r = 0; r < runs.size(); r++) {
            text.append(r == 0 ? "" : ", ").append(letter(r)).append(" = ")
                    .append(runs.get(r).run().path("runId").asText());
        }
        text.append(")\n");
        if (epochs == 0) {
            return text.append("  no run has per-epoch figures\n").toString();
        }
        char[][] grid = new char[CHART_HEIGHT + 1][epochs * 3];
        for (char[] line : grid) {
            java.util.Arrays.fill(line, ' ');
        }
        for (int r = 0; r < curves.size(); r++) {
            for (int e = 0; e < curves.get(r).size(); e++) {
                double f1 = curves.get(r).get(e);
                if (Double.isFinite(f1)) {
                    int y = CHART_HEIGHT - (int) Math.round(Math.max(0, Math.min(1, f1)) * CHART_HEIGHT);
                    char here = grid[y][e * 3 + 1];
                    grid[y][e * 3 + 1] = here == ' ' ? letter(r) : '+';
                }
            }
        }
        for (int y = 0; y <= CHART_HEIGHT; y++) {
            text.append(String.format(Locale.ROOT, "  %4.1f |%s%n", (CHART_HEIGHT - y) / (double) CHART_HEIGHT,
                    new String(grid[y]).stripTrailing()));
        }
        text.append("       +").append("-".repeat(epochs * 3)).append('\n').append("  epoch ");
        for (int e = 1; e <= epochs; e++) {
            text.append(String.format(Locale.ROOT, "%3d", e));
        }
        text.append("\n  ('+': runs on the same point)\n");
        for (int e = 0; e < epochs; e++) {
            List<String> cells = new ArrayList<>();
            for (List<Double> curve : curves) {
                cells.add(e < curve.size() && Double.isFinite(curve.get(e))
                        ? String.format(Locale.ROOT, "%.3f", curve.get(e)) : "");
            }
            row(text, " ", "epoch " + (e + 1), cells);
        }
        return text.toString();
    }

    private static void figure(StringBuilder text, List<Compared> runs, String label,
            java.util.function.Function<JsonNode, JsonNode> pick) {
        List<String> cells = new ArrayList<>();
        for (Compared c : runs) {
            JsonNode value = c.report() == null ? null : pick.apply(c.report().path("figures"));
            cells.add(value == null || !value.isNumber() ? "" : value.isIntegralNumber() ? value.asText()
                    : String.format(Locale.ROOT, "%.3f", value.asDouble()));
        }
        row(text, " ", label, cells);
    }

    /** "0.489 – 0.581": the headline's spread over draws of its persons, empty when the report has none. */
    private static String headlineSpread(JsonNode report) {
        JsonNode spread = RunView.headlineFigure(report).path("persons90");
        return spread.isObject() ? String.format(Locale.ROOT, "%.3f – %.3f", spread.path("low").asDouble(),
                spread.path("high").asDouble()) : "";
    }

    private static String evaluatedOn(List<Compared> runs) {
        List<String> on = runs.stream().map(c -> c.report() == null ? "no report"
                : c.report().path("evaluatedOn").asText()).distinct().toList();
        return on.size() == 1 ? " (measured on " + on.get(0) + ")" : " (measured on " + String.join(" / ", on) + ")";
    }

    private static String took(JsonNode run) {
        if (!run.path("createdAt").isTextual() || !run.path("finishedAt").isTextual()) {
            return "";
        }
        return Figures.duration(Duration.between(Instant.parse(run.path("createdAt").asText()),
                Instant.parse(run.path("finishedAt").asText())));
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "-";
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static List<String> blank(int n) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add("");
        }
        return cells;
    }

    static char letter(int index) {
        return (char) ('A' + index);
    }

    private static void row(StringBuilder text, String mark, String label, List<String> cells) {
        text.append(mark).append(' ').append(pad(label, LABEL));
        for (String cell : cells) {
            text.append(' ').append(pad(Objects.toString(cell, ""), COLUMN));
        }
        while (text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
        text.append('\n');
    }

    private static String pad(String text, int width) {
        String cut = text.length() > width ? text.substring(0, width - 1) + "…" : text;
        return cut + " ".repeat(Math.max(0, width - cut.length()));
    }
}
