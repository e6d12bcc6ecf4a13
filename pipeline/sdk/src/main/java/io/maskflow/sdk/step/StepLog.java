package io.maskflow.sdk.step;

import io.maskflow.contracts.Texts;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps the log lines of one step attempt with its run: {@code runs/<runId>/logs/<stepId>/<attempt>.log}. While
 * open it catches the log records of the thread that opened it and of the threads that thread starts (an
 * inheritable thread-local marks them; threads of pools started earlier are not caught), keeps the first
 * {@link #HEAD_LINES} and the last {@link #TAIL_LINES} lines with a "… n lines skipped …" line between (each line
 * cut at {@link #MAX_LINE} characters, so a log is at most about 150 KiB), writes them to the store every
 * {@link #FLUSH_SECONDS} seconds when something new came, and once more when closed. A log that cannot be written
 * is only a warning: it never fails the step.
 */
public final class StepLog implements AutoCloseable {

    static final int HEAD_LINES = 200;
    static final int TAIL_LINES = 800;
    static final int MAX_LINE = 150;
    static final long FLUSH_SECONDS = 5;

    private static final java.util.logging.Logger ROOT = Logger.getLogger("");
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StepLog.class);
    private static final InheritableThreadLocal<StepLog> CURRENT = new InheritableThreadLocal<>();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneOffset.UTC);
    /** The writer of logs while they grow; its thread does not inherit a log, so its own records are not caught. */
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(
            r -> {
                Thread t = new Thread(null, r, "step-log-writer", 0, false);
                t.setDaemon(true);
                return t;
            });
    private static final Handler CATCHER = new Catcher();

    static {
        ROOT.addHandler(CATCHER);
    }

    private final ArtifactStore store;
    private final String key;
    private final List<String> head = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final StepLog previous;
    private final Object writing = new Object();
    private final ScheduledFuture<?> flushing;
    private long skipped;
    private long version;
    private long written = -1;
    private boolean open = true;

    private StepLog(ArtifactStore store, String key, StepLog previous, long flushSeconds) {
        this.store = store;
        this.key = key;
        this.previous = previous;
        this.flushing = flushSeconds <= 0 ? null
                : FLUSHER.scheduleWithFixedDelay(this::flush, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    /** Starts catching the log lines of this thread (and the threads it starts) for one attempt. */
    public static StepLog start(ArtifactStore store, StepCommand command) {
        StepLog log = start(store, ArtifactKeys.stepLog(command.runId(), command.stepId(), command.attempt()),
                FLUSH_SECONDS);
        log.add(TIME.format(Instant.now()) + " step " + command.stepId() + " (" + command.step().id() + ") attempt "
                + command.attempt() + " of run " + command.runId() + " on " + hostName());
        return log;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "pid " + ProcessHandle.current().pid() : host;
    }

    static StepLog start(ArtifactStore store, String key, long flushSeconds) {
        StepLog log = new StepLog(store, key, CURRENT.get(), flushSeconds);
        CURRENT.set(log);
        return log;
    }

    /** Stops catching and writes the log; never throws. */
    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        if (CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
        if (flushing != null) {
            flushing.cancel(false);
        }
        flush();
    }

    /** Adds one line (already formatted); keeps the head, the tail and a count of what fell out between. */
    synchronized void add(String line) {
        String cut = Texts.cut(line, MAX_LINE);
        version++;
        if (head.size() < HEAD_LINES) {
            head.add(cut);
            return;
        }
        tail.addLast(cut);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
            skipped++;
        }
    }

    /** The log as it stands. */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        head.forEach(line -> text.append(line).append('\n'));
        if (skipped > 0) {
            text.append("… ").append(skipped).append(" lines skipped …\n");
        }
        tail.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private void flush() {
        // one write at a time, each of the newest text: a slow early write cannot overwrite a later one
        synchronized (writing) {
            String content;
            long at;
            synchronized (this) {
                if (version == written) {
                    return;
                }
                content = text();
                at = version;
            }
            try {
                store.put(key, content.getBytes(StandardCharsets.UTF_8), "text/plain");
                synchronized (this) {
                    written = at;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("cannot keep the log %s: %s", key, e.getMessage());
            }
        }
    }

    private synchronized boolean isOpen() {
        return open;
    }

    static String format(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : new SimpleFormatter().formatMessage(record);
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        StringBuilder line = new StringBuilder()
                .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                .append(String.format("%-5s", record.getLevel().getName())).append(" [")
                .append(logger.substring(logger.lastIndexOf('.') + 1)).append("] (")
                .append(Thread.currentThread().getName()).append(") ").append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace.toString().stripTrailing());
        }
        return line.toString();
    }

    /** The handler on the root logger: hands a record to the log of the thread that made it, if any. */
    private static final class Catcher extends Handler {

        @Override
        public void publish(LogRecord record) {
            StepLog log = CURRENT.get();
            if (log == null || !log.isOpen() || !isLoggable(record)) {
                return;
            }
            for (String line : format(record).split("\n", -1)) {
                log.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
