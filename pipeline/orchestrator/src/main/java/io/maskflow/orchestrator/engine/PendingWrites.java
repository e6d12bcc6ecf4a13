package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.events.StepCommand;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StopRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * What the engine's calls changed and has not yet written: stop requests for the store, events for the broker, runs
 * to save. {@link #flush()} writes them in that order — stops first, so a retry's command never reaches a worker
 * before its predecessor's stop; events before the runs' state, so a crash in between makes the restarted
 * orchestrator send the same command again (the step service drops it as a duplicate) rather than lose it.
 *
 * <p>An item is dropped once written; what the store or the broker does not take waits for the next flush (every
 * engine call and every tick), since the Kafka message behind a change is acknowledged anyway. Events the broker
 * refused {@value #PUBLISH_TRIES} flushes running are dropped with an error logged, so one it will never take
 * (too large, say) cannot hold up everything after it; a step whose command was lost is retried when its attempt
 * times out. The runs are saved even when their events were not sent. Not thread-safe: the engine's lock guards it.
 */
final class PendingWrites {

    static final int PUBLISH_TRIES = 3;

    private static final Logger LOG = Logger.getLogger(PendingWrites.class);

    private final RunStore store;
    private final EventSink events;
    private final List<StopRequest> stops = new ArrayList<>();
    private final List<EventSink.Outgoing> outbox = new ArrayList<>();
    private final Set<RunState> dirty = new LinkedHashSet<>();
    private int failedPublishes;

    PendingWrites(RunStore store, EventSink events) {
        this.store = store;
        this.events = events;
    }

    void stop(StopRequest request) {
        stops.add(request);
    }

    void publish(EventSink.Outgoing event) {
        outbox.add(event);
    }

    void save(RunState run) {
        dirty.add(run);
    }

    /** Forgets what is pending for a run (deleted from memory, or driven by another orchestrator from now on). */
    void forget(Predicate<String> runIds) {
        stops.removeIf(stop -> runIds.test(stop.runId()));
        outbox.removeIf(event -> runIds.test(event.event().runId()));
        dirty.removeIf(run -> runIds.test(run.runId));
    }

    /** Writes what is pending; throws the first failure, after saving what it could. */
    void flush() {
        for (; !stops.isEmpty(); stops.remove(0)) {
            try {
                store.requestStop(stops.get(0));
            } catch (IOException e) {
                StopRequest stop = stops.get(0);
                throw new UncheckedIOException("cannot ask " + stop.runId() + "/" + stop.stepId() + " to stop", e);
            }
        }
        RuntimeException unsent = null;
        if (!outbox.isEmpty()) {
            List<EventSink.Outgoing> batch = new ArrayList<>(outbox);
            batch.sort(Comparator.comparing(o -> o.event() instanceof StepCommand ? 0 : 1));
            try {
                // sent in part, the batch goes again whole: receivers drop repeats by their idempotency keys
                events.publishAll(batch);
                outbox.clear();
                failedPublishes = 0;
            } catch (RuntimeException e) {
                unsent = e;
                if (++failedPublishes >= PUBLISH_TRIES) {
                    LOG.errorf("dropped %d event(s) the broker refused %d times running: %s", outbox.size(),
                            failedPublishes, e.getMessage());
                    outbox.clear();
                    failedPublishes = 0;
                }
            }
        }
        for (Iterator<RunState> pending = dirty.iterator(); pending.hasNext(); pending.remove()) {
            RunState run = pending.next();
            run.version++;
            try {
                store.save(run);
            } catch (IOException e) {
                run.version--;
                throw new UncheckedIOException("cannot save run " + run.runId, e);
            }
        }
        if (unsent != null) {
            throw unsent;
        }
    }
}
