package io.maskflow.orchestrator.schedules;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.sdk.step.EventSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts the runs of the schedules whose slot has come. Every orchestrator replica does this at each check: it
 * publishes a run request on {@code maskflow.runs.requested} with the slot's run id ({@link Schedule#runId}),
 * keyed by that id, so every replica's request for a slot reaches the same owner, whose engine starts the run once
 * and ignores the other requests for the same id. Then it notes the slot in the schedule's {@code fired.json}. A
 * crash in between makes the next check request the same run again, which is ignored likewise.
 *
 * <p>After slots were missed (every replica down), only the latest missed slot fires: at most one catch-up run.
 * Free of Quarkus.
 */
public final class ScheduleFiring {

    /** The start of {@code requestedBy} of the runs schedules start: {@code schedule <name>}. */
    public static final String REQUESTED_BY = "schedule ";

    private static final Logger LOG = Logger.getLogger(ScheduleFiring.class);

    private final ScheduleStore store;
    private final EventSink events;
    private final Clock clock;

    public ScheduleFiring(ScheduleStore store, EventSink events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Fires every schedule whose slot has come; returns the run ids requested. */
    public List<String> fire() throws IOException {
        Instant now = clock.instant();
        List<String> requested = new ArrayList<>();
        for (ScheduleStore.Stored stored : store.loadAll()) {
            Schedule schedule = stored.schedule();
            try {
                Optional<Instant> slot = due(stored, now);
                if (slot.isEmpty()) {
                    continue;
                }
                String runId = Schedule.runId(schedule.name(), slot.get());
                events.publish(Topics.RUNS_REQUESTED, new RunRequestedEvent(Event.SCHEMA_VERSION, runId, null, runId,
                        schedule.pipeline(), schedule.parameters(), REQUESTED_BY + schedule.name(), now));
                store.saveFired(schedule.name(), new Schedule.Fired(slot.get(), runId, now));
                requested.add(runId);
                LOG.infof("schedule %s: requested run %s for the slot %s", schedule.name(), runId, slot.get());
            } catch (IOException | RuntimeException e) {
                // one schedule that cannot fire (a store error, an expression changed by hand) stops no other
                LOG.warnf("schedule %s could not fire (tried again at the next check): %s", schedule.name(),
                        e.getMessage());
            }
        }
        return requested;
    }

    /**
     * The slot a schedule fires now, if any: the latest slot at or before {@code now} that is after its creation
     * or last resume and after its last fired slot; nothing while it is paused.
     */
    public static Optional<Instant> due(ScheduleStore.Stored stored, Instant now) {
        Schedule schedule = stored.schedule();
        if (schedule.paused()) {
            return Optional.empty();
        }
        Instant after = schedule.firesAfter();
        if (stored.fired() != null && stored.fired().slot() != null && stored.fired().slot().isAfter(after)) {
            after = stored.fired().slot();
        }
        return schedule.slots().due(after, now);
    }
}
