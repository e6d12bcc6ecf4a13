package io.maskflow.orchestrator.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar: bytes and files done of the total, rate and time left. On a terminal it is redrawn in
 * place; otherwise (a pipe, a log) a plain line is printed every tenth of the way, so logs stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final String label;
    private final long totalBytes;
    private final int totalFiles;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;

    ProgressBar(PrintStream out, String label, long totalBytes, int totalFiles) {
        this(out, label, totalBytes, totalFiles, System.console() != null);
    }

    ProgressBar(PrintStream out, String label, long totalBytes, int totalFiles, boolean terminal) {
        this.out = out;
        this.label = label;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
        this.terminal = terminal;
    }

    synchronized void update(long bytes, int files) {
        long now = System.nanoTime();
        int tenth = totalBytes == 0 ? 10 : (int) (10 * bytes / totalBytes);
        if (terminal && now - lastDraw > 100_000_000L) {
            out.print("\r" + line(bytes, files));
            out.flush();
            lastDraw = now;
        } else if (!terminal && tenth > lastTenth && tenth < 10) {
            out.println(line(bytes, files));
            lastTenth = tenth;
        }
    }

    synchronized void done(long bytes, int files) {
        out.print((terminal ? "\r" : "") + line(bytes, files) + System.lineSeparator());
        out.flush();
    }

    String line(long bytes, int files) {
        double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? bytes / seconds : 0;
        String left = rate > 0 && bytes < totalBytes ? String.format(Locale.ROOT, ", %s left",
                duration((totalBytes - bytes) / rate)) : "";
        return String.format(Locale.ROOT, "%-9s [%s%s] %3.0f%%  %s / %s  %d / %d files  %s/s%s", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), 100 * fraction, size(bytes), size(totalBytes), files,
                totalFiles, size((long) rate), left);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
