package io.maskflow.orchestrator.schedules;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A numeric range {@code a-b} inside a field (before a step, a comma or the field's end). */
    private static final Pattern BACKWARDS = Pattern.compile("(?<![\\w#-])(\\d{1,9})-(\\d{1,9})(?![\\w#])");

    /** How many months cron-utils cannot compute are passed by before an expression is taken to fire no more. */
    private static final int MONTHS_PASSED_BY = 48;

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
        Matcher backwards = BACKWARDS.matcher(text);
        while (backwards.find()) {
            if (Integer.parseInt(backwards.group(1)) > Integer.parseInt(backwards.group(2))) {
                // Quartz reads it as wrapping round; cron-utils took the start alone (31-1 fired on the 31st only)
                throw new IllegalArgumentException("cron: '" + cron + "' has the range " + backwards.group(1) + "-"
                        + backwards.group(2) + ", which goes backwards (it would wrap round): write its two ends as "
                        + "two ranges, e.g. 31,1 or 22-23,0-2");
            }
        }
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

    /** The first slot strictly after {@code time}; empty when none comes within the years cron-utils looks ahead. */
    public Optional<Instant> nextAfter(Instant time) {
        ZonedDateTime from = time.atZone(zone);
        try {
            return times.nextExecution(from).map(ZonedDateTime::toInstant);
        } catch (DateTimeException e) {
            // cron-utils fails on a month without the day a nearest-weekday field names (30W in February: "Invalid
            // date 'FEBRUARY 30'") instead of passing it by as Quartz does. Such a month has no slot: look again
            // from the start of each month after from's, the month start itself included
            ZonedDateTime month = from.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            for (int i = 0; i < MONTHS_PASSED_BY; i++) {
                month = month.plusMonths(1);
                if (isSlot(month)) {
                    return Optional.of(month.toInstant());
                }
                try {
                    return times.nextExecution(month).map(ZonedDateTime::toInstant);
                } catch (DateTimeException again) {
                    // that month, or the next one with a slot, is another such month
                }
            }
            return Optional.empty();
        }
    }

    /** The latest slot at or before {@code time}; empty when none came within the years cron-utils looks back. */
    public Optional<Instant> latestAtOrBefore(Instant time) {
        // cron-utils looks strictly before, at whole seconds: the next whole second after time is the bound
        ZonedDateTime bound = time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        try {
            return times.lastExecution(bound).map(ZonedDateTime::toInstant);
        } catch (DateTimeException e) {
            // as in nextAfter: a month cron-utils cannot compute has no slot; look back from the last second of
            // each month before bound's in turn, that second included
            ZonedDateTime month = bound.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            for (int i = 0; i < MONTHS_PASSED_BY; i++) {
                ZonedDateTime lastSecond = month.minusSeconds(1);
                if (isSlot(lastSecond)) {
                    return Optional.of(lastSecond.toInstant());
                }
                try {
                    return times.lastExecution(lastSecond).map(ZonedDateTime::toInstant);
                } catch (DateTimeException again) {
                    month = month.minusMonths(1);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether {@code time} is a slot; cron-utils's check throws for the expressions above, even on a slot. */
    private boolean isSlot(ZonedDateTime time) {
        try {
            return times.isMatch(time);
        } catch (DateTimeException e) {
            return false;
        }
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
     * The shortest time between two of the next {@code count} slots after {@code time}, or empty when fewer than two
     * come: how often the schedule fires at its most frequent (a slot list that is dense only at some hours, such as
     * {@code 0,1 0 2 * * ?}, shows it in its first slots of the day).
     */
    public Optional<Duration> shortestGap(Instant time, int count) {
        List<Instant> slots = next(time, count);
        Duration shortest = null;
        for (int i = 1; i < slots.size(); i++) {
            Duration gap = Duration.between(slots.get(i - 1), slots.get(i));
            if (shortest == null || gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
        }
        return Optional.ofNullable(shortest);
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
