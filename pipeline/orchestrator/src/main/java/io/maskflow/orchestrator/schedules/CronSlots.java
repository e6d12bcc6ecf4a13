package io.maskflow.orchestrator.schedules;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slots of a cron expression in a time zone: the instants at which a schedule fires. An expression of 6 or 7
 * fields is read as Quartz cron (seconds first, optional year, {@code ?} in day-of-month or day-of-week: the
 * flavour of Quarkus' {@code @Scheduled}), one of 5 fields as Unix cron (minutes first). Both are parsed by
 * cron-utils; a local time that a daylight-saving change skips has no slot that day.
 */
public final class CronSlots {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
            CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
            CronType.UNIX));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronSlots(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /**
     * Parses a cron expression; an expression that does not parse or an unknown time zone is an
     * {@link IllegalArgumentException} naming the field ({@code cron}, {@code timeZone}).
     *
     * @param timeZone a zone id such as {@code Europe/Berlin}; null or blank is UTC
     */
    public static CronSlots of(String cron, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + timeZone + "' is not a time zone id such as UTC or "
                    + "Europe/Berlin (" + e.getMessage() + ")");
        }
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("cron is missing");
        }
        String text = cron.strip();
        ExecutionTime times;
        try {
            CronParser parser = text.split("\\s+").length == 5 ? UNIX : QUARTZ;
            times = ExecutionTime.forCron(parser.parse(text).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron: '" + cron + "' is not a Quartz (6 or 7 fields, seconds first) "
                    + "or Unix (5 fields) cron expression: " + e.getMessage());
        }
        return new CronSlots(times, zone);
    }

    /** The first slot strictly after {@code time}. */
    public Optional<Instant> nextAfter(Instant time) {
        return times.nextExecution(time.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The latest slot at or before {@code time}. */
    public Optional<Instant> latestAtOrBefore(Instant time) {
        // cron-utils looks strictly before, at whole seconds: the next whole second after time is the bound
        Instant bound = time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return times.lastExecution(bound.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The next {@code count} slots strictly after {@code time} (fewer when the expression stops firing). */
    public List<Instant> next(Instant time, int count) {
        List<Instant> slots = new ArrayList<>();
        Optional<Instant> slot = nextAfter(time);
        while (slot.isPresent() && slots.size() < count) {
            slots.add(slot.get());
            slot = nextAfter(slot.get());
        }
        return slots;
    }

    /**
     * The slot to fire now: the latest slot in {@code (after, now]}, or empty when no slot has come since
     * {@code after}. However many slots were missed (every replica down), that is one slot, the latest: the
     * catch-up rule.
     *
     * @param after the last slot fired, or when the schedule was created or resumed if later
     */
    public Optional<Instant> due(Instant after, Instant now) {
        Optional<Instant> first = nextAfter(after);
        if (first.isEmpty() || first.get().isAfter(now)) {
            return Optional.empty();
        }
        return latestAtOrBefore(now).filter(latest -> latest.isAfter(after)).or(() -> first);
    }
}
