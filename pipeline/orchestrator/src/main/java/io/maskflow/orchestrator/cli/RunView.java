package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** A run as a few lines of text: status, then one line per step with its attempt, progress and figures. */
final class RunView {

    private RunView() {
    }

    static String render(JsonNode run) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s  %s  %s%s%n", run.path("runId").asText(), run.path("pipeline").asText(),
                run.path("status").asText(), run.path("reason").isTextual() ? "  (" + run.path("reason").asText()
                        + ")" : ""));
        Iterator<Map.Entry<String, JsonNode>> steps = run.path("steps").fields();
        while (steps.hasNext()) {
            Map.Entry<String, JsonNode> entry = steps.next();
            JsonNode step = entry.getValue();
            String phase = step.path("phase").asText().toLowerCase(Locale.ROOT);
            StringBuilder line = new StringBuilder(String.format("  %-18s %-11s", entry.getKey(), phase));
            if (step.path("attempt").asInt() > 1) {
                line.append(" attempt ").append(step.path("attempt").asInt());
            }
            if (step.path("cached").asBoolean()) {
                line.append(" (cached)");
            }
            JsonNode progress = step.path("progress");
            if (progress.isObject() && !"succeeded".equals(phase)) {
                line.append(String.format(" %s %d/%d", progress.path("phase").asText(), progress.path("done").asLong(),
                        progress.path("total").asLong()));
                progress.path("metrics").fields().forEachRemaining(m -> line.append(String.format(" %s=%.4g",
                        m.getKey(), m.getValue().asDouble())));
            }
            step.path("metrics").fields().forEachRemaining(m -> line.append(String.format(" %s=%.4g", m.getKey(),
                    m.getValue().asDouble())));
            if (step.path("error").isObject()) {
                line.append(" error: ").append(step.path("error").path("message").asText());
            }
            if (step.path("pruned").isTextual()) {
                line.append(" ").append(step.path("pruned").asText());
            }
            for (JsonNode attempt : step.path("attempts")) {
                line.append(stopped(attempt));
            }
            text.append(line).append('\n');
        }
        text.append(searchTable(run));
        run.path("outputs").fields().forEachRemaining(o -> text.append(String.format("  output %-10s s3://%s/%s%n",
                o.getKey(), o.getValue().path("bucket").asText(), o.getValue().path("key").asText())));
        return text.toString();
    }

    /**
     * For a run of the {@code search} pipeline (steps {@code trial-0}, {@code trial-1}, …): one line per trial with
     * the parameters in which the trials differ, the epochs it ran, its best validation macro F1 and how it ended,
     * then the trainer-epochs used against a full run of the same trials. Empty for other runs.
     */
    static String searchTable(JsonNode run) {
        java.util.List<Map.Entry<String, JsonNode>> trials = new java.util.ArrayList<>();
        run.path("steps").fields().forEachRemaining(e -> {
            if (e.getKey().matches("trial-\\d+")) {
                trials.add(e);
            }
        });
        if (trials.size() < 2) {
            return "";
        }
        java.util.Set<String> varied = new java.util.TreeSet<>();
        JsonNode first = trials.get(0).getValue().path("spec").path("parameters");
        for (Map.Entry<String, JsonNode> trial : trials) {
            trial.getValue().path("spec").path("parameters").fields().forEachRemaining(p -> {
                if (!p.getValue().equals(first.path(p.getKey()))) {
                    varied.add(p.getKey());
                }
            });
        }
        StringBuilder text = new StringBuilder("  search:\n");
        long used = 0;
        long planned = 0;
        for (Map.Entry<String, JsonNode> trial : trials) {
            JsonNode step = trial.getValue();
            long epochs = 0;
            double best = Double.NaN;
            for (JsonNode point : step.path("history")) {
                epochs = Math.max(epochs, point.path("done").asLong());
                JsonNode value = point.path("metrics").path("valMacroF1");
                best = value.isNumber() && !(value.asDouble() <= best) ? value.asDouble() : best;
            }
            long total = step.path("spec").path("parameters").path("epochs").asLong(epochs);
            used += epochs;
            planned += total;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    %-9s", trial.getKey()));
            for (String key : varied) {
                line.append(String.format(Locale.ROOT, " %s=%s", key, step.path("spec").path("parameters").path(key)
                        .asText()));
            }
            String phase = step.path("phase").asText();
            line.append(String.format(Locale.ROOT, "  epochs %d/%d  best valMacroF1 %s  %s", epochs, total,
                    Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.4f", best), "PRUNED".equals(phase)
                            ? "stopped early" : "PAUSED".equals(phase) ? "waiting at epoch "
                            + step.path("waitingAt").asText() : phase.toLowerCase(Locale.ROOT)));
            text.append(line).append('\n');
        }
        text.append(String.format(Locale.ROOT, "    %d of the %d trainer-epochs a full run of these trials would take "
                + "(%d %%)%n", used, planned, planned == 0 ? 0 : Math.round(100.0 * used / planned)));
        return text.toString();
    }

    /** For an attempt the orchestrator asked to stop: whether, and how soon, its worker stopped. */
    static String stopped(JsonNode attempt) {
        if (!attempt.path("stopRequestedAt").isTextual()) {
            return "";
        }
        String which = " (attempt " + attempt.path("attempt").asInt();
        if (!attempt.path("endedAt").isTextual()) {
            return which + " asked to stop; not stopped yet)";
        }
        Duration after = Duration.between(Instant.parse(attempt.path("stopRequestedAt").asText()),
                Instant.parse(attempt.path("endedAt").asText()));
        return String.format(Locale.ROOT, "%s %s %.1f s after the stop was asked)", which,
                "cancelled".equals(attempt.path("outcome").asText()) ? "stopped" : "ended "
                        + attempt.path("outcome").asText(), Math.max(0, after.toMillis()) / 1000.0);
    }

    /** The report's {@code sideBySide} row of its headline figure; a missing node when it has none. */
    static JsonNode headlineFigure(JsonNode report) {
        for (JsonNode figure : report.path("sideBySide")) {
            if (figure.path("headline").asBoolean()) {
                return figure;
            }
        }
        return MissingNode.getInstance();
    }

    /** " (0.5012 – 0.5731 in 90 % of draws of its 240 persons)", or nothing when the figure has no interval. */
    private static String personsInterval(JsonNode figure) {
        JsonNode interval = figure.path("persons90");
        return interval.isObject() ? String.format(Locale.ROOT, " (%.4f – %.4f in 90 %% of draws of its %d persons)",
                interval.path("low").asDouble(), interval.path("high").asDouble(), interval.path("persons").asInt())
                : "";
    }

    /** The headline of an evaluation report: what it was measured on, macro F1, the heads, the eval folder. */
    static String reportSummary(JsonNode report) {
        JsonNode f = report.path("figures");
        JsonNode headline = headlineFigure(report);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "evaluated on %s (%d images): macro F1 %.4f%s; accuracy mask %.3f, gender %.3f, age %.3f%n",
                report.path("evaluatedOn").asText(), f.path("count").asInt(), f.path("macroF1").asDouble(),
                personsInterval(headline), f.path("heads").path("mask").path("accuracy").asDouble(),
                f.path("heads").path("gender").path("accuracy").asDouble(), f.path("heads").path("age")
                        .path("accuracy").asDouble()));
        for (JsonNode figure : report.path("sideBySide")) {
            if (!figure.path("headline").asBoolean()) {
                text.append(String.format(Locale.ROOT, "  beside it, %s (%d images): macro F1 %s%s%n",
                        figure.path("on").asText(), figure.path("images").asInt(), figure.path("macroF1").isNumber()
                        ? String.format(Locale.ROOT, "%.4f", figure.path("macroF1").asDouble()) : "none",
                        personsInterval(figure)));
            }
        }
        JsonNode eval = report.path("evalSet");
        if (eval.isObject()) {
            text.append(String.format(Locale.ROOT, "eval folder: %d images predicted%s%s%n", eval.path("count")
                    .asInt(), eval.path("macroF1").isNumber() ? String.format(Locale.ROOT, ", macro F1 %.4f against "
                    + "the kept answers", eval.path("macroF1").asDouble()) : "", eval.path("unreadable").size() == 0
                    ? "" : "; " + eval.path("unreadable").size() + " could not be read and were answered with class "
                    + eval.path("fallbackClass").asInt()));
        }
        if (report.path("evalNote").isTextual()) {
            text.append(report.path("evalNote").asText()).append('\n');
        }
        JsonNode promotion = report.path("promotion");
        text.append(promotion.path("promoted").asBoolean() ? "promoted: " : "not promoted: ")
                .append(promotion.path("reason").asText()).append('\n');
        return text.toString();
    }
}
