package io.maskflow.orchestrator.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronSlotsTest {

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + "Z");
    }

    @Test
    void aSlotIsDueFromItsSecondOnUntilTheNextOne() {
        CronSlots every5s = CronSlots.of("*/5 * * * * ?", null);
        assertThat(every5s.due(at("10:00:02"), at("10:00:04.999"))).isEmpty();
        assertThat(every5s.due(at("10:00:02"), at("10:00:05"))).contains(at("10:00:05"));
        assertThat(every5s.due(at("10:00:02"), at("10:00:09.900"))).contains(at("10:00:05"));
        assertThat(every5s.due(at("10:00:05"), at("10:00:09.900"))).as("a fired slot is not due again").isEmpty();
        assertThat(every5s.due(at("10:00:05"), at("10:00:10"))).contains(at("10:00:10"));
    }

    /**
     * A range that goes backwards, {@code 31-1} (Quartz reads it as wrapping round: the 31st and the 1st), was taken
     * and fired on the 31st alone (a probe of the running stack, 2026-12-07, night): refused, saying how to write it.
     */
    @Test
    void aRangeThatGoesBackwardsIsRefusedSayingHowToWriteIt() {
        assertThatThrownBy(() -> CronSlots.of("0 0 0 31-1 * ?", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron: '0 0 0 31-1 * ?' has the range 31-1, which goes backwards (it would wrap round): "
                        + "write its two ends as two ranges, e.g. 31,1 or 22-23,0-2");
        assertThatThrownBy(() -> CronSlots.of("0 22-2/2 * * *", null)).hasMessageContaining("the range 22-2");
        assertThatThrownBy(() -> CronSlots.of("0 0 0 99999999999-1 * ?", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a Quartz");
        assertThat(CronSlots.of("0 0 22-23,0-2 * * ?", null).next(at("10:00:00"), 2))
                .containsExactly(at("22:00:00"), at("23:00:00"));
    }

    @Test
    void afterMissedSlotsOnlyTheLatestIsDue() {
        CronSlots everyMinute = CronSlots.of("0 * * * * ?", "UTC");
        // last fired 10:00, nothing up until 10:07:30: seven slots missed, one (10:07) fires
        assertThat(everyMinute.due(at("10:00:00"), at("10:07:30"))).contains(at("10:07:00"));
        assertThat(everyMinute.due(at("10:07:00"), at("10:07:59"))).isEmpty();
    }

    @Test
    void fiveFieldsAreUnixCronAndSixOrSevenQuartz() {
        assertThat(CronSlots.of("*/15 * * * *", null).next(at("10:01:00"), 3))
                .containsExactly(at("10:15:00"), at("10:30:00"), at("10:45:00"));
        assertThat(CronSlots.of("30 0 2 * * ?", null).nextAfter(at("10:00:00")))
                .contains(Instant.parse("2026-12-02T02:00:30Z"));
        assertThat(CronSlots.of("0 0 2 * * ? 2030", null).nextAfter(at("10:00:00")))
                .contains(Instant.parse("2030-01-01T02:00:00Z"));
    }

    @Test
    void slotsAreReadInTheirTimeZoneThroughDaylightSaving() {
        CronSlots twoInBerlin = CronSlots.of("0 0 2 * * ?", "Europe/Berlin");
        assertThat(twoInBerlin.nextAfter(at("00:00:00"))).contains(at("01:00:00")); // CET is UTC+1 in December
        assertThat(twoInBerlin.nextAfter(Instant.parse("2026-07-01T00:30:00Z")))
                .contains(Instant.parse("2026-07-02T00:00:00Z")); // CEST, UTC+2
        // 02:30 does not exist in Berlin on 29 March 2026 (clocks go from 02:00 to 03:00): no slot that day
        assertThat(CronSlots.of("0 30 2 * * ?", "Europe/Berlin").nextAfter(Instant.parse("2026-03-28T23:00:00Z")))
                .contains(Instant.parse("2026-03-30T00:30:00Z"));
        // 02:30 happens twice on 25 October 2026 (02:00-03:00 CEST, then CET): one slot, the first
        assertThat(CronSlots.of("0 30 2 * * ?", "Europe/Berlin").next(Instant.parse("2026-10-24T23:00:00Z"), 2))
                .containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void aNearestWeekdayPastTheTwentyEighthPassesTheMonthsWithoutThatDayBy() {
        // cron-utils throws "Invalid date 'FEBRUARY 30'" for such a month; Quartz fires in every month that has it
        CronSlots thirtiethW = CronSlots.of("0 0 0 30W * ?", null);
        assertThat(thirtiethW.next(at("13:00:00"), 4)).containsExactly(Instant.parse("2026-12-30T00:00:00Z"),
                Instant.parse("2027-01-29T00:00:00Z"), Instant.parse("2027-03-30T00:00:00Z"),
                Instant.parse("2027-04-30T00:00:00Z")); // 30 January 2027 is a Saturday
        assertThat(thirtiethW.latestAtOrBefore(Instant.parse("2027-03-05T00:00:00Z")))
                .contains(Instant.parse("2027-01-29T00:00:00Z"));
        assertThat(thirtiethW.due(Instant.parse("2027-01-29T00:00:00Z"), Instant.parse("2027-03-30T00:00:01Z")))
                .contains(Instant.parse("2027-03-30T00:00:00Z"));
        assertThat(CronSlots.of("0 0 0 31W 2 ?", null).nextAfter(at("13:00:00"))).as("31 February never comes")
                .isEmpty();
        assertThat(CronSlots.of("0 0 0 31W 2 ?", null).latestAtOrBefore(at("13:00:00"))).isEmpty();
    }

    @Test
    void badExpressionsAndZonesNameTheirField() {
        assertThatThrownBy(() -> CronSlots.of("*/5 * * * * *", null)).hasMessageStartingWith("cron: ")
                .hasMessageContaining("day-of-week");
        assertThatThrownBy(() -> CronSlots.of("0 0 25 * * ?", null)).hasMessageStartingWith("cron: ")
                .hasMessageContaining("25");
        assertThatThrownBy(() -> CronSlots.of("every day", null)).hasMessageStartingWith("cron: ");
        assertThatThrownBy(() -> CronSlots.of(" ", null)).hasMessage("cron is missing");
        assertThatThrownBy(() -> CronSlots.of("0 0 2 * * ?", "Mars/Olympus")).hasMessageStartingWith("timeZone: ");
    }

    @Test
    void nextListsComingSlotsInOrder() {
        assertThat(CronSlots.of("0 0 */6 * * ?", null).next(at("05:00:00"), 4)).isEqualTo(List.of(at("06:00:00"),
                at("12:00:00"), at("18:00:00"), Instant.parse("2026-12-02T00:00:00Z")));
        assertThat(CronSlots.of("0 0 2 31 2 ?", null).nextAfter(at("05:00:00"))).isEqualTo(Optional.empty());
    }

    /**
     * '* * * * * ?' was taken: its coming slots listed one a second while the orchestrator, looking every 5 s, fired
     * one run per look and passed the slots between by.
     */
    @Test
    void slotsCloserThanTheOrchestratorLooksAreRefused() {
        Duration look = Duration.ofSeconds(5);
        assertThat(CronSlots.of("* * * * * ?", null).shortestGap(at("05:00:00"), 100)).contains(Duration.ofSeconds(1));
        assertThat(Schedules.tooFrequent("* * * * * ?", CronSlots.of("* * * * * ?", null), at("05:00:00"), look))
                .contains("cron: '* * * * * ?' has slots 1 s apart, closer than the orchestrator looks for them (every"
                        + " 5 s, maskflow.schedules.check-every): it would start one run per look and pass the other"
                        + " slots by; give slots at least 5 s apart");
        // dense only once a day: seen in the first slots
        assertThat(Schedules.tooFrequent("0,2 0 2 * * ?", CronSlots.of("0,2 0 2 * * ?", null), at("05:00:00"), look))
                .hasValueSatisfying(problem -> assertThat(problem).contains("has slots 2 s apart"));
        assertThat(Schedules.tooFrequent("*/5 * * * * ?", CronSlots.of("*/5 * * * * ?", null), at("05:00:00"),
                look)).isEmpty();
        assertThat(Schedules.tooFrequent("0 2 * * *", CronSlots.of("0 2 * * *", null), at("05:00:00"), look))
                .isEmpty();
        assertThat(Schedules.tooFrequent("* * * * * ?", CronSlots.of("* * * * * ?", null), at("05:00:00"),
                Duration.ofMillis(500))).isEmpty();
        assertThat(CronSlots.of("0 0 2 1 1 ? 2027", null).shortestGap(at("05:00:00"), 100)).isEmpty();
    }
}
