package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.engine.RunStore;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
 * say) arrive as one event, and a client still taking the last event gets the run as it stands at the first check
 * after, so nothing piles up for a slow reader. A comment every {@code maskflow.events.keep-alive} shows a quiet
 * stream is alive. After a run has ended the stream sends it one last time, then {@code end}, and completes.
 *
 * <p>Each stream is a {@link Multi} that the HTTP layer subscribes to once the resource method has returned, and it
 * ends the answer when the stream completes or the client goes away. (Writing to an {@code SseEventSink} from here
 * and closing it raced with the request's own start of the answer: now and then a finished run's stream was closed
 * before the answer had started, and the request failed with an error logged.)
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
        streams.forEach(Stream::complete);
    }

    /** The events of {@code run} (already found) for one client, starting with the run as it stands. */
    Multi<OutboundSseEvent> open(RunState run, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            Stream stream = new Stream(run.runId, emitter, sse);
            stream.send(run);
            if (!stream.done()) {
                streams.add(stream);
            }
        });
    }

    private void check() {
        for (Stream stream : streams) {
            try {
                stream.check();
            } catch (IOException e) {
                // the store could not be read: the stream stays, and the next check reads it again
                LOG.debugf("event stream of run %s: %s", stream.runId, e.toString());
            } catch (RuntimeException e) {
                LOG.warnf("event stream of run %s ended: %s", stream.runId, e.toString());
                stream.complete();
            }
            if (stream.done()) {
                streams.remove(stream);
            }
        }
    }

    private final class Stream {

        final String runId;
        final MultiEmitter<? super OutboundSseEvent> emitter;
        final Sse sse;
        long version = -1;
        long sentAt;
        long storeReadAt;
        volatile boolean completed;

        Stream(String runId, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
            this.runId = runId;
            this.emitter = emitter;
            this.sse = sse;
        }

        boolean done() {
            return completed || emitter.isCancelled();
        }

        void check() throws IOException {
            if (done() || emitter.requested() == 0) {
                // gone, or still taking the last event: the next check sends the run as it stands then
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
                    emitter.emit(sse.newEventBuilder().name("end").data("run " + runId + " no longer exists").build());
                    complete();
                    return;
                }
                if (run.get().version != version) {
                    send(run.get());
                }
            }
            if (!done() && now - sentAt >= keepAlive.toNanos()) {
                emitter.emit(sse.newEventBuilder().comment("keep-alive").build());
                sentAt = now;
            }
        }

        /** Sends the run; after a run that has ended, its {@code end} and the stream's completion. */
        void send(RunState run) {
            String data;
            try {
                data = json.writeValueAsString(run);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("run " + runId + " cannot be written as JSON", e);
            }
            version = run.version;
            sentAt = System.nanoTime();
            emitter.emit(sse.newEventBuilder().name("run").id(Long.toString(run.version))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
            if (run.status != null && run.status.isFinal()) {
                emitter.emit(sse.newEventBuilder().name("end").data(run.status.name()).build());
                complete();
            }
        }

        void complete() {
            completed = true;
            emitter.complete();
        }
    }
}
