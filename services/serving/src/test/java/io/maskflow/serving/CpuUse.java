package io.maskflow.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent between two moments by one process and by the whole machine, from Linux's {@code /proc} (clock
 * ticks of 10 ms): what the benchmark needs to tell whether serving, or the load generator beside it, used the
 * cores.
 *
 * @param seconds wall-clock time between the two marks
 * @param processSeconds CPU time of the process (user and system, all its threads)
 * @param machineSeconds CPU time of every process on the machine (all but idle and I/O wait)
 * @param inferenceSeconds CPU time of the process's threads named {@code inference-…} (serving's forward passes)
 */
record CpuUse(double seconds, double processSeconds, double machineSeconds, double inferenceSeconds) {

    private static final double TICK = 0.01;

    /** Cores the process kept busy on average. */
    double processCores() {
        return processSeconds / seconds;
    }

    /** Cores the machine kept busy on average. */
    double machineCores() {
        return machineSeconds / seconds;
    }

    /** Cores the inference threads kept busy on average (one worker busy all the time: 1). */
    double inferenceCores() {
        return inferenceSeconds / seconds;
    }

    /** The counters at one moment. */
    record Mark(long pid, long nanos, long processTicks, long machineTicks, long inferenceTicks) {

        CpuUse since() {
            Mark now = mark(pid);
            return new CpuUse((now.nanos - nanos) / 1e9, (now.processTicks - processTicks) * TICK,
                    (now.machineTicks - machineTicks) * TICK, (now.inferenceTicks - inferenceTicks) * TICK);
        }
    }

    static Mark mark(long pid) {
        try {
            long process = ticks(Path.of("/proc/" + pid + "/stat"));
            long inference = 0;
            try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        if (Files.readString(thread.resolve("comm")).startsWith("inference-")) {
                            inference += ticks(thread.resolve("stat"));
                        }
                    } catch (NoSuchFileException e) {
                        // the thread ended between the listing and the reading
                    }
                }
            }
            // /proc/stat's first line: cpu user nice system idle iowait irq softirq steal ...; steal is not counted
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new Mark(pid, System.nanoTime(), process, busy, inference);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU counters in /proc", e);
        }
    }

    /** utime + stime of a process's or a thread's {@code stat}: the 14th and 15th fields. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        // the command in parentheses, then fields from the 3rd on
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
