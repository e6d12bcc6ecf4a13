package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.engine.RunStore;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The open event streams of {@code GET /runs/{id}/events}, served by one timer thread. Each stream gets the run at
 * once, then again whenever its version moves: a run this replica drives is checked in its engine every
 * {@link #CHECK_EVERY} (cheap: a number under the engine's lock); any other is read from the store every
 * {@link #STORE_EVERY}, so a stream keeps going when its run moves to another replica. A stream carries the run as
 * it stands at each check, not every change: changes that come within one check (a step's last progress and its end,
 * say) arrive as one event. A comment every {@code maskflow.events.keep-alive} shows a quiet stream is alive. After a
 * run has ended the stream sends it one last time, then {@code end}, and closes.
 */
@ApplicationScoped
public class RunStreams {

    static final Duration CHECK_EVERY = Duration.ofMillis(250);
    static final Duration STORE_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(RunStreams.class);

    @Inject
    RunEngine engine;
    @Inject
    RunStore runs;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "maskflow.events.keep-alive", defaultValue = "15s")
    Duration keepAlive;

    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "run-event-streams");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        streams.forEach(Stream::close);
    }

    /** Starts streaming {@code run} (already found) to a client. */
    void open(RunState run, SseEventSink sink, Sse sse) {
        Stream stream = new Stream(run.runId, sink, sse);
        stream.send(run);
        if (!stream.closed) {
            streams.add(stream);
        }
    }

    private void check() {
        for (Stream stream : streams) {
            try {
                stream.check();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("event stream of run %s: %s", stream.runId, e.toString());
                stream.close();
            }
            if (stream.closed) {
                streams.remove(stream);
            }
        }
    }

    private final class Stream {

        final String runId;
        final SseEventSink sink;
        final Sse sse;
        long version = -1;
        long sentAt;
        long storeReadAt;
        volatile boolean closed;

        Stream(String runId, SseEventSink sink, Sse sse) {
            this.runId = runId;
            this.sink = sink;
            this.sse = sse;
        }

        void check() throws IOException {
            if (sink.isClosed()) {
                closed = true;
                return;
            }
            long now = System.nanoTime();
            OptionalLong owned = engine.version(runId);
            if (owned.isPresent()) {
                if (owned.getAsLong() != version) {
                    Optional<RunState> run = engine.find(runId);
                    if (run.isPresent()) {
                        send(run.get());
                    }
                }
            } else if (now - storeReadAt >= STORE_EVERY.toNanos()) {
                storeReadAt = now;
                Optional<RunState> run = runs.load(runId);
                if (run.isEmpty()) {
                    // deleted while followed
                    sink.send(sse.newEventBuilder().name("end").data("run " + runId + " no longer exists").build());
                    close();
                    return;
                }
                if (run.get().version != version) {
                    send(run.get());
                }
            }
            if (!closed && now - sentAt >= keepAlive.toNanos()) {
                sink.send(sse.newEventBuilder().comment("keep-alive").build());
                sentAt = now;
            }
        }

        void send(RunState run) {
            String data;
            try {
                data = json.writeValueAsString(run);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("run " + runId + " cannot be written as JSON", e);
            }
            version = run.version;
            sentAt = System.nanoTime();
            CompletionStage<?> sent = sink.send(sse.newEventBuilder().name("run").id(Long.toString(run.version))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
            if (run.status != null && run.status.isFinal()) {
                // nothing more from the timer; the sink is closed once both events are written (closed at once,
                // before the first write had started the answer, the answer was started twice: an error logged)
                closed = true;
                sent.thenCompose(ok -> sink.send(sse.newEventBuilder().name("end").data(run.status.name()).build()))
                        .whenComplete((ok, failed) -> close());
            } else {
                sent.whenComplete((ok, failed) -> {
                    if (failed != null) {
                        close();
                    }
                });
            }
        }

        void close() {
            closed = true;
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing the event stream of run %s: %s", runId, e.toString());
            }
        }
    }
}
