package io.maskflow.datagen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of this JVM's threads by kind (drawing, upload, HTTP client, garbage collector, JIT compiler, the rest),
 * user and kernel apart, read from {@code /proc/self/task} (Linux only; elsewhere it reports nothing).
 *
 * <p>The threads that draw and upload live only as long as one generation, and a thread's time can be read only
 * while it lives, so a sampler reads every thread every 20 ms and keeps the last reading of each; a phase's time
 * is the growth of the readings from {@link #mark()} to {@link #since}. The time of the last 20 ms of a thread that
 * ended is lost, and the clock ticks are 10 ms: figures per phase of a few seconds are good to a few per cent.
 */
final class ThreadCpu implements AutoCloseable {

    /** Kinds of thread, by the start of the name the kernel keeps (15 characters). */
    static final String[] KINDS = {"drawing", "upload", "HTTP client", "GC", "JIT", "other"};
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final String PROCESS = "process";

    private final Map<String, Reading> last = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** One thread's (or, under the key "process", the whole process's) cumulative clock ticks. */
    record Reading(String kind, long user, long system) {
    }

    ThreadCpu() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The readings now, to pass to {@link #since} at the end of a phase. */
    Map<String, Reading> mark() {
        sample();
        return Map.copyOf(last);
    }

    /**
     * Milliseconds of CPU per kind since {@code start} (user + kernel), and "kernel" for the kernel's part of all.
     * "other" is what the process spent beyond the named kinds, so it holds threads too short-lived to be sampled.
     */
    Map<String, Double> since(Map<String, Reading> start) {
        sample();
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String kind : KINDS) {
            millis.put(kind, 0.0);
        }
        double named = 0;
        for (Map.Entry<String, Reading> entry : last.entrySet()) {
            Reading now = entry.getValue();
            if (entry.getKey().equals(PROCESS) || now.kind().equals("other")) {
                continue;
            }
            Reading before = start.getOrDefault(entry.getKey(), new Reading(now.kind(), 0, 0));
            double spent = 10.0 * (now.user() + now.system() - before.user() - before.system());
            millis.merge(now.kind(), spent, Double::sum);
            named += spent;
        }
        Reading now = last.get(PROCESS);
        Reading before = start.get(PROCESS);
        if (now != null && before != null) {
            millis.put("other", 10.0 * (now.user() + now.system() - before.user() - before.system()) - named);
            millis.put("kernel", 10.0 * (now.system() - before.system()));
        }
        return millis;
    }

    private void sample() {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        read(TASKS.getParent(), PROCESS);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                read(task, task.getFileName().toString());
            }
        } catch (IOException e) {
            // a thread ended while being listed; the next sample reads the others
        }
    }

    private void read(Path task, String key) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
            return;
        }
        // pid (comm) state ppid ... utime is field 14, stime 15; comm may hold spaces and parentheses
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        last.put(key, new Reading(kind(stat.substring(open + 1, close)),
                Long.parseLong(fields[11]), Long.parseLong(fields[12])));
    }

    private static String kind(String name) {
        if (name.startsWith("datagen-worker")) {
            return "drawing";
        }
        if (name.startsWith("datagen-upload")) {
            return "upload";
        }
        if (name.startsWith("OkHttp") || name.startsWith("Okio")) {
            return "HTTP client";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
            return "JIT";
        }
        return "other";
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
