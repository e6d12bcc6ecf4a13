package io.maskflow.orchestrator.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a schedule fires, from its record and its last firing, at fixed instants. */
class ScheduleDueTest {

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + "Z");
    }

    private static final Schedule EVERY_5S = new Schedule("quick", "train-and-serve", Map.of("epochs", 1),
            "*/5 * * * * ?", "UTC", false, at("10:00:03"), null);

    private static ScheduleStore.Stored fired(Schedule schedule, String slot) {
        return new ScheduleStore.Stored(schedule, slot == null ? null
                : new Schedule.Fired(at(slot), Schedule.runId(schedule.name(), at(slot)), at(slot)));
    }

    @Test
    void noSlotAtOrBeforeCreationFires() {
        assertThat(ScheduleFiring.due(fired(EVERY_5S, null), at("10:00:04"))).isEmpty();
        assertThat(ScheduleFiring.due(fired(EVERY_5S, null), at("10:00:05.200"))).contains(at("10:00:05"));
    }

    @Test
    void aFiredSlotDoesNotFireAgain() {
        assertThat(ScheduleFiring.due(fired(EVERY_5S, "10:00:05"), at("10:00:09"))).isEmpty();
        assertThat(ScheduleFiring.due(fired(EVERY_5S, "10:00:05"), at("10:00:10"))).contains(at("10:00:10"));
    }

    @Test
    void afterADowntimeOneCatchUpRunForTheLatestMissedSlot() {
        // fired 10:00:05, then every replica down until 10:05:02: 59 slots missed, the one of 10:05:00 fires
        assertThat(ScheduleFiring.due(fired(EVERY_5S, "10:00:05"), at("10:05:02"))).contains(at("10:05:00"));
        assertThat(ScheduleFiring.due(fired(EVERY_5S, "10:05:00"), at("10:05:04"))).isEmpty();
    }

    @Test
    void aPausedScheduleDoesNotFireAndOnResumeSkipsTheSlotsItMissed() {
        Schedule paused = EVERY_5S.withPaused(true, at("10:00:06"));
        assertThat(ScheduleFiring.due(fired(paused, "10:00:05"), at("10:03:00"))).isEmpty();
        Schedule resumed = paused.withPaused(false, at("10:03:01"));
        assertThat(ScheduleFiring.due(fired(resumed, "10:00:05"), at("10:03:04"))).isEmpty();
        assertThat(ScheduleFiring.due(fired(resumed, "10:00:05"), at("10:03:05"))).contains(at("10:03:05"));
    }

    @Test
    void aSlotsRunIdIsTheSameEverywhere() {
        assertThat(Schedule.runId("nightly", Instant.parse("2026-12-01T02:00:00Z")))
                .isEqualTo("nightly-20261201-020000");
        assertThat(Schedule.runId("nightly", Instant.parse("2026-12-01T02:00:00.000000001Z")))
                .isEqualTo("nightly-20261201-020000");
    }
}
