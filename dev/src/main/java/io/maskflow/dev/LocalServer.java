package io.maskflow.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of the local stack, run as a child process from its own folder under the stack's data folder:
 * subclasses write their configuration, say how to start and how to tell that the server is ready.
 */
abstract class LocalServer implements AutoCloseable {

    protected final StackConfig config;
    protected final Path dir;
    private final String name;
    private ManagedProcess process;

    LocalServer(String name, StackConfig config, String folder) {
        this.name = name;
        this.config = config;
        this.dir = config.dataDir().resolve(folder);
    }

    /** Writes configuration files into {@link #dir} (and prepares storage) before every start. */
    abstract void prepare() throws IOException;

    /** The command line of the server. */
    abstract List<String> command();

    /** Whether the started server answers. */
    abstract boolean isReady(ManagedProcess process);

    /** The log file's name inside {@link #dir}. */
    abstract String logName();

    final void start(Duration timeout) {
        try {
            Files.createDirectories(dir);
            prepare();
            Files.deleteIfExists(dir.resolve(logName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the " + name + " in " + dir, e);
        }
        ManagedProcess started = ManagedProcess.start(name, command(), dir, dir.resolve(logName()));
        process = started;
        started.awaitReady(() -> isReady(started), timeout);
    }

    final ManagedProcess process() {
        return process;
    }

    @Override
    public final void close() {
        if (process != null) {
            process.close();
        }
    }
}
