package io.maskflow.orchestrator.schedules;

import io.maskflow.orchestrator.datasets.StoreDatasets;
import io.maskflow.orchestrator.definitions.DefinitionException;
import io.maskflow.orchestrator.definitions.DefinitionResolver;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.definitions.PipelineDefinition;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Recurring runs: the schedules kept in the store ({@link ScheduleStore}), checked when created, and fired by a
 * timer in every orchestrator replica ({@link ScheduleFiring}); a slot starts one run however many replicas fire
 * it. See docs/orchestrator.md, "Schedules".
 */
@ApplicationScoped
public class Schedules {

    private static final Logger LOG = Logger.getLogger(Schedules.class);
    /** How many coming slots {@code GET /schedules/{name}} shows. */
    public static final int NEXT_SHOWN = 5;

    /**
     * A schedule as the API shows it.
     *
     * @param lastSlot the last slot fired, or null
     * @param lastRunId the run that slot requested, or null
     * @param lastFiredAt when it was fired, or null
     * @param nextFireTimes the coming slots (none while paused)
     */
    public record View(String name, String pipeline, Map<String, Object> parameters, String cron, String timeZone,
            boolean paused, Instant createdAt, Instant resumedAt, Instant lastSlot, String lastRunId,
            Instant lastFiredAt, List<Instant> nextFireTimes) {
    }

    @Inject
    ArtifactStore artifacts;
    @Inject
    EventSink events;
    @Inject
    PipelineCatalog catalog;
    @Inject
    StoreDatasets datasets;
    @Inject
    ScheduleSettings settings;

    private final Clock clock = Clock.systemUTC();
    private volatile ScheduleStore store;
    private volatile ScheduleFiring firing;
    /**
     * Held while a schedule is created, paused, resumed or deleted: each reads the schedule and writes it, and two at
     * once lost a create or brought a deleted schedule back. The store has no conditional write, so replicas can
     * still race (docs/orchestrator.md).
     */
    private final Object changes = new Object();

    ScheduleStore store() {
        if (store == null) {
            store = new ScheduleStore(artifacts);
        }
        return store;
    }

    /**
     * Checks and keeps a new schedule; a bad field is an {@link IllegalArgumentException} naming it. The parameters
     * are checked as a run request's are (the pipeline's parameter types, ranges and data sets).
     */
    public Schedule create(String name, String pipeline, Map<String, Object> parameters, String cron,
            String timeZone, boolean paused) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is missing");
        }
        if (!Schedule.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '-' or '_', starting with a "
                    + "letter or digit, got '" + name + "'");
        }
        if (pipeline == null || pipeline.isBlank()) {
            throw new IllegalArgumentException("pipeline is missing");
        }
        PipelineDefinition definition = catalog.find(pipeline).orElseThrow(() -> new IllegalArgumentException(
                "pipeline: no pipeline '" + pipeline + "'; defined: " + catalog.all().stream()
                        .map(PipelineDefinition::name).sorted().toList()));
        Instant now = clock.instant();
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        given.forEach((parameter, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("parameters: '" + parameter + "' is null; leave it out to use "
                        + "its default");
            }
        });
        try {
            DefinitionResolver.resolve(definition, given, Schedule.runId(name, now), datasets);
        } catch (DefinitionException e) {
            throw new IllegalArgumentException("parameters: " + e.getMessage(), e);
        }
        CronSlots slots = CronSlots.of(cron, timeZone);
        if (slots.nextAfter(now).isEmpty()) {
            throw new IllegalArgumentException("cron: '" + cron + "' never fires from now on");
        }
        tooFrequent(cron, slots, now, settings.checkEvery()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Schedule schedule = new Schedule(name, pipeline, given, cron.strip(),
                timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip(), paused, now, null);
        synchronized (changes) {
            if (store().load(name).isPresent()) {
                throw new NameTakenException(name);
            }
            store().clearFired(name); // a firing left from an earlier schedule of the same name
            store().save(schedule);
        }
        LOG.infof("schedule %s created: %s at '%s' (%s)%s", name, pipeline, schedule.cron(), schedule.timeZone(),
                paused ? ", paused" : "");
        return schedule;
    }

    /**
     * Why a schedule whose slots come closer together than the orchestrator looks for them is refused: each look
     * starts one run, for the latest slot that has come (the catch-up rule), so the slots between would be listed as
     * coming and never fired. Judged on the next 100 slots.
     */
    static Optional<String> tooFrequent(String cron, CronSlots slots, Instant now, Duration checkEvery) {
        return slots.shortestGap(now, 100).filter(gap -> gap.compareTo(checkEvery) < 0).map(gap -> "cron: '"
                + cron.strip() + "' has slots " + seconds(gap) + " apart, closer than the orchestrator looks for them"
                + " (every " + seconds(checkEvery) + ", maskflow.schedules.check-every): it would start one run per"
                + " look and pass the other slots by; give slots at least " + seconds(checkEvery) + " apart");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A schedule of that name exists (a 409 over HTTP): it must be deleted before one is made again. */
    public static final class NameTakenException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NameTakenException(String name) {
            super("schedule '" + name + "' exists; delete it first to change it");
        }
    }

    public Optional<View> find(String name) throws IOException {
        if (!Schedule.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return store().load(name).map(stored -> view(stored, NEXT_SHOWN));
    }

    /** Every schedule by name, each with its next slot. */
    public List<View> list() throws IOException {
        return store().loadAll().stream().map(stored -> view(stored, 1)).toList();
    }

    /** Pauses or resumes a schedule; a resumed one fires no slot it missed while paused. */
    public Optional<View> pause(String name, boolean pause) throws IOException {
        if (!Schedule.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        ScheduleStore.Stored changed;
        synchronized (changes) {
            Optional<ScheduleStore.Stored> stored = store().load(name);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Schedule schedule = stored.get().schedule();
            if (schedule.paused() != pause) {
                schedule = schedule.withPaused(pause, clock.instant());
                store().save(schedule);
                LOG.infof("schedule %s %s", name, pause ? "paused" : "resumed");
            }
            changed = new ScheduleStore.Stored(schedule, stored.get().fired());
        }
        return Optional.of(view(changed, NEXT_SHOWN));
    }

    /** Deletes a schedule; false when there was none. The runs it started stay. */
    public boolean delete(String name) throws IOException {
        if (!Schedule.NAME.matcher(name).matches()) {
            return false;
        }
        synchronized (changes) {
            if (store().load(name).isEmpty()) {
                return false;
            }
            store().delete(name);
        }
        LOG.infof("schedule %s deleted", name);
        return true;
    }

    private View view(ScheduleStore.Stored stored, int next) {
        Schedule s = stored.schedule();
        Schedule.Fired fired = stored.fired();
        List<Instant> coming;
        try {
            coming = s.paused() ? List.of() : s.slots().next(clock.instant(), next);
        } catch (IllegalArgumentException | DateTimeException e) {
            coming = List.of(); // an expression changed by hand in the store: shown, never fired
        }
        return new View(s.name(), s.pipeline(), s.parameters(), s.cron(), s.timeZone(), s.paused(), s.createdAt(),
                s.resumedAt(), fired == null ? null : fired.slot(), fired == null ? null : fired.runId(),
                fired == null ? null : fired.at(), coming);
    }

    @Scheduled(every = "${maskflow.schedules.check-every:5s}", delayed = "${maskflow.schedules.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!settings.enabled()) {
            return;
        }
        if (firing == null) {
            firing = new ScheduleFiring(store(), events, clock);
        }
        try {
            firing.fire();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("schedules could not be checked (tried again in %s): %s", seconds(settings.checkEvery()),
                    e.getMessage());
        }
    }
}
