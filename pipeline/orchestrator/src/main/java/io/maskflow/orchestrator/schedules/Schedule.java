package io.maskflow.orchestrator.schedules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recurring run: a pipeline with parameters, started at every slot of a cron expression in a time zone, kept as
 * {@code schedules/<name>/schedule.json}. Only the REST API writes it; the firing timer writes the last fired slot
 * beside it ({@link Fired}), so that a pause is never overwritten by a firing.
 *
 * @param timeZone the zone the cron expression is read in, e.g. {@code Europe/Berlin}
 * @param createdAt when it was created: no slot at or before it fires
 * @param resumedAt when it was last resumed, or null: no slot missed while paused fires
 */
public record Schedule(String name, String pipeline, Map<String, Object> parameters, String cron, String timeZone,
        boolean paused, Instant createdAt, Instant resumedAt) {

    /** Names: letters, digits, '-' and '_', at most 64, so that a run id made of one and a slot stays short. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    public Schedule {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The same schedule paused, or resumed at {@code now}. */
    public Schedule withPaused(boolean pause, Instant now) {
        return new Schedule(name, pipeline, parameters, cron, timeZone, pause, createdAt,
                pause ? resumedAt : now);
    }

    /** Slots at or before this instant never fire: creation, or the last resume. */
    public Instant firesAfter() {
        return resumedAt != null && resumedAt.isAfter(createdAt) ? resumedAt : createdAt;
    }

    /** Its slots. */
    public CronSlots slots() {
        return CronSlots.of(cron, timeZone);
    }

    /**
     * The id of the run of one slot, the same in every replica: {@code <name>-<yyyyMMdd-HHmmss of the slot in
     * UTC>}. A second request for that id is ignored by the run's owner, which makes a slot start one run.
     */
    public static String runId(String name, Instant slot) {
        return name + "-" + SLOT.format(slot);
    }

    /**
     * The last firing of a schedule, kept as {@code schedules/<name>/fired.json}.
     *
     * @param slot the slot fired
     * @param runId the run it requested
     * @param at when it was fired (later than the slot after a catch-up)
     */
    public record Fired(Instant slot, String runId, Instant at) {
    }
}
