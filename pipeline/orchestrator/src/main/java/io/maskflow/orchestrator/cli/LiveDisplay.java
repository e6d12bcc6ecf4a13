package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A followed run drawn as a block of lines: the run's status and age, then one line per step with a progress bar,
 * the latest figures (loss, macro F1, head accuracies), its throughput and ETA. On a terminal the block is redrawn
 * in place; otherwise (a CI log, a file) a step's line is appended when its phase changes or an epoch ends, or when
 * its text changed and {@link #plainEvery} has passed since it was last printed, so a log gets every epoch and a
 * line every few seconds per step rather than one per event.
 */
final class LiveDisplay {

    private static final String ESC = "\u001b[";
    private static final int BAR = 20;

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final Clock clock;
    private final Duration plainEvery;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, Printed> printed = new HashMap<>();
    private int drawn;
    private String status = "";

    /** Where a step's count stood when first seen, to tell its rate when the worker does not say it. */
    private record Seen(String phase, long done, Instant at) {
    }

    /** What was last appended for a line, in plain mode. */
    private record Printed(String phase, String text, Instant at) {
    }

    LiveDisplay(PrintStream out, boolean terminal, int width, Clock clock, Duration plainEvery) {
        this.out = out;
        this.terminal = terminal;
        this.width = Math.max(40, width);
        this.clock = clock;
        this.plainEvery = plainEvery;
    }

    /** Draws the run: in place on a terminal, else the lines that changed enough. */
    void show(JsonNode run) {
        Instant now = clock.instant();
        List<String[]> lines = lines(run, now);
        if (terminal) {
            StringBuilder text = new StringBuilder();
            if (drawn > 0) {
                text.append(ESC).append(drawn).append('F');
            }
            for (String[] line : lines) {
                text.append(ESC).append("2K").append(fit(line[2])).append('\n');
            }
            if (!status.isEmpty()) {
                text.append(ESC).append("2K").append(fit(status)).append('\n');
            }
            text.append(ESC).append('J');
            drawn = lines.size() + (status.isEmpty() ? 0 : 1);
            out.print(text);
        } else {
            String clockText = "[" + elapsed(run, now) + "] ";
            for (String[] line : lines) {
                Printed last = printed.get(line[0]);
                boolean phaseChanged = last == null || !last.phase().equals(line[1]);
                boolean due = last != null && !last.text().equals(line[2])
                        && Duration.between(last.at(), now).compareTo(plainEvery) >= 0;
                if (phaseChanged || due) {
                    out.println(clockText + line[2].strip());
                    printed.put(line[0], new Printed(line[1], line[2], now));
                }
            }
        }
        out.flush();
    }

    /**
     * A line under the block (reconnecting, no progress for a while); empty clears it. On a terminal it stays
     * until replaced; in plain mode it is appended once.
     */
    void status(String text, JsonNode run) {
        if (text.equals(status)) {
            return;
        }
        status = text;
        if (terminal) {
            if (run != null) {
                show(run);
            }
        } else if (!text.isEmpty()) {
            out.println(text);
            out.flush();
        }
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }

    /** The block's lines, each {key, phase, text}. */
    List<String[]> lines(JsonNode run, Instant now) {
        List<String[]> lines = new ArrayList<>();
        String runStatus = run.path("status").asText();
        // appended lines carry the time in front; only a redrawn block shows it in the line
        lines.add(new String[] {"run", runStatus, String.format(Locale.ROOT, "run %s  %s  %s%s%s",
                run.path("runId").asText(), run.path("pipeline").asText(), runStatus,
                terminal ? "  " + elapsed(run, now) : "",
                run.path("reason").isTextual() ? "  (" + run.path("reason").asText() + ")" : "")});
        Iterator<Map.Entry<String, JsonNode>> steps = run.path("steps").fields();
        int nameWidth = 10;
        for (Iterator<String> names = run.path("steps").fieldNames(); names.hasNext();) {
            nameWidth = Math.max(nameWidth, names.next().length());
        }
        while (steps.hasNext()) {
            Map.Entry<String, JsonNode> entry = steps.next();
            // in plain mode a line is due at once when this changes: the step's phase, or a new epoch
            JsonNode progress = entry.getValue().path("progress");
            String phase = entry.getValue().path("phase").asText() + ("epoch".equals(progress.path("phase")
                    .asText()) ? " epoch " + progress.path("done").asLong() : "");
            lines.add(new String[] {entry.getKey(), phase, String.format(Locale.ROOT, "  %-" + nameWidth + "s  %s",
                    entry.getKey(), step(entry.getKey(), entry.getValue(), now))});
        }
        run.path("outputs").fields().forEachRemaining(o -> lines.add(new String[] {"output " + o.getKey(), "",
                String.format("  output %-10s s3://%s/%s", o.getKey(), o.getValue().path("bucket").asText(),
                        o.getValue().path("key").asText())}));
        return lines;
    }

    private String step(String id, JsonNode step, Instant now) {
        String phase = step.path("phase").asText();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-11s", phase.toLowerCase(Locale.ROOT)
                .replace('_', ' ')));
        if (step.path("attempt").asInt() > 1) {
            text.append(" attempt ").append(step.path("attempt").asInt());
        }
        switch (phase) {
            case "RUNNING", "DISPATCHED" -> running(id, step, now, text);
            case "SUCCEEDED" -> {
                text.append(step.path("cached").asBoolean() ? " (cached)" : "");
                Duration took = between(step.path("startedAt"), step.path("finishedAt"));
                if (took != null && !step.path("cached").asBoolean()) {
                    text.append(" in ").append(Figures.duration(took));
                }
                step.path("metrics").fields().forEachRemaining(m -> text.append("  ")
                        .append(Figures.labelled(m.getKey(), m.getValue().asDouble())));
            }
            case "FAILED", "RETRY_WAIT", "CANCELLED" -> {
                if (step.path("error").isObject()) {
                    text.append(": ").append(step.path("error").path("message").asText());
                }
            }
            case "PRUNED" -> text.append(": ").append(step.path("pruned").asText());
            case "PAUSED" -> text.append(": waiting at epoch ").append(step.path("waitingAt").asText())
                    .append(" for the other trials");
            default -> {
            }
        }
        for (JsonNode attempt : step.path("attempts")) {
            text.append(RunView.stopped(attempt));
        }
        return text.toString().stripTrailing();
    }

    private void running(String id, JsonNode step, Instant now, StringBuilder text) {
        JsonNode progress = step.path("progress");
        if (!progress.isObject()) {
            Duration since = between(step.path("startedAt"), null);
            if ("DISPATCHED".equals(step.path("phase").asText())) {
                text.append(" waiting for a worker");
            } else if (since != null) {
                text.append(" for ").append(Figures.duration(since));
            }
            return;
        }
        String unit = progress.path("phase").asText();
        long done = progress.path("done").asLong();
        long total = progress.path("total").asLong();
        text.append(' ').append(bar(done, total)).append(' ').append(done);
        if (total > 0) {
            text.append('/').append(total);
        }
        text.append(' ').append(unit).append(unit.equals("epoch") && total != 1 ? "s" : "");
        JsonNode m = progress.path("metrics");
        if (unit.equals("epoch")) {
            // what matters most first, so that a narrow terminal cuts the least useful figures
            if (m.has("trainMacroF1") || m.has("valMacroF1")) {
                text.append("  F1");
                append(text, " val ", m.path("valMacroF1"), "%.3f");
                append(text, " train ", m.path("trainMacroF1"), "%.3f");
            }
            append(text, "  loss ", m.path("loss"), "%.3f");
            if (m.path("etaSeconds").isNumber() && done < total) {
                text.append("  ETA ").append(Figures.seconds(m.path("etaSeconds").asDouble()));
            }
            append(text, "  ", m.path("imagesPerSecond"), "%.0f images/s");
            if (m.has("maskAccuracy")) {
                text.append("  acc");
                append(text, " mask ", m.path("maskAccuracy"), "%.2f");
                append(text, " gender ", m.path("genderAccuracy"), "%.2f");
                append(text, " age ", m.path("ageAccuracy"), "%.2f");
            }
            return;
        }
        Seen first = seen.get(id);
        if (first == null || !first.phase().equals(unit) || first.done() > done) {
            seen.put(id, new Seen(unit, done, now));
            return;
        }
        double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
        if (seconds >= 2 && done > first.done()) {
            double rate = (done - first.done()) / seconds;
            text.append(String.format(Locale.ROOT, "  %.1f %s/s", rate, unit));
            if (total > done) {
                text.append("  ETA ").append(Figures.seconds((total - done) / rate));
            }
        }
    }

    private static void append(StringBuilder text, String label, JsonNode value, String format) {
        if (value.isNumber()) {
            text.append(label).append(String.format(Locale.ROOT, format, value.asDouble()));
        }
    }

    static String bar(long done, long total) {
        if (total <= 0) {
            return "[" + " ".repeat(BAR) + "]";
        }
        int full = (int) Math.min(BAR, Math.round(BAR * (double) done / total));
        return "[" + "#".repeat(full) + ".".repeat(BAR - full) + "]";
    }

    private String elapsed(JsonNode run, Instant now) {
        Duration d = between(run.path("createdAt"), run.path("finishedAt"));
        return d == null ? "" : Figures.duration(d);
    }

    /** From one instant field to another, or to now when the second is missing; null without a start. */
    private Duration between(JsonNode from, JsonNode to) {
        if (!from.isTextual()) {
            return null;
        }
        Instant end = to != null && to.isTextual() ? Instant.parse(to.asText()) : clock.instant();
        return Duration.between(Instant.parse(from.asText()), end);
    }
}
