package io.maskflow.orchestrator.cli;

import java.time.Duration;
import java.util.Locale;

/** Numbers as a person reads them: durations in minutes and seconds, counts whole, rates with their unit. */
final class Figures {

    private Figures() {
    }

    /** {@code 48 s}, {@code 2 min 41 s}, {@code 1 h 05 min}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    static String seconds(double seconds) {
        return Double.isFinite(seconds) ? duration(Duration.ofMillis(Math.round(seconds * 1000))) : "?";
    }

    /** A figure by its name: counts whole, F1 and accuracies with 3 decimals, rates and seconds with units. */
    static String named(String name, double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("persecond")) {
            return String.format(Locale.ROOT, "%.1f/s", value);
        }
        if (lower.endsWith("seconds")) {
            return seconds(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (lower.contains("learningrate")) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
