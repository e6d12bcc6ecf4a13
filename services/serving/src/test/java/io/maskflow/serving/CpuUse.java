package io.maskflow.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent between two moments by one process and by the whole machine, from Linux's {@code /proc} (clock
 * ticks of 10 ms): what the benchmark needs to tell whether serving, or the load generator beside it, used the
 * cores.
 *
 * @param seconds wall-clock time between the two marks
 * @param processSeconds CPU time of the process (user and system, all its threads)
 * @param machineSeconds CPU time of every process on the machine (all but idle and I/O wait)
 */
record CpuUse(double seconds, double processSeconds, double machineSeconds) {

    private static final double TICK = 0.01;

    /** Cores the process kept busy on average. */
    double processCores() {
        return processSeconds / seconds;
    }

    /** Cores the machine kept busy on average. */
    double machineCores() {
        return machineSeconds / seconds;
    }

    /** The counters at one moment. */
    record Mark(long pid, long nanos, long processTicks, long machineTicks) {

        CpuUse since() {
            Mark now = mark(pid);
            return new CpuUse((now.nanos - nanos) / 1e9, (now.processTicks - processTicks) * TICK,
                    (now.machineTicks - machineTicks) * TICK);
        }
    }

    static Mark mark(long pid) {
        try {
            // /proc/<pid>/stat: the command in parentheses, then fields from the 3rd on; utime and stime are the
            // 14th and 15th
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long process = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            // /proc/stat's first line: cpu user nice system idle iowait irq softirq steal ...; steal is not counted
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new Mark(pid, System.nanoTime(), process, busy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU counters in /proc", e);
        }
    }
}
