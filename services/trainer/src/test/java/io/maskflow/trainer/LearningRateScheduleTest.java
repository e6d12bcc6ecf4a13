package io.maskflow.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.maskflow.contracts.params.TrainParams.Schedule;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmUpRisesLinearlyToThePeakThenCosineFallsToOneHundredth() {
        LearningRateSchedule s = new LearningRateSchedule(Schedule.COSINE, 1f, 10, 110);
        assertThat(s.at(0)).isCloseTo(0.04f, within(1e-6f));
        assertThat(s.at(5)).isCloseTo(0.52f, within(1e-6f));
        assertThat(s.at(10)).isCloseTo(1f, within(1e-6f));
        assertThat(s.at(60)).isCloseTo(0.505f, within(1e-5f));
        assertThat(s.at(110)).isCloseTo(0.01f, within(1e-6f));
    }

    @Test
    void constantStaysAtThePeakAfterTheWarmUp() {
        LearningRateSchedule s = new LearningRateSchedule(Schedule.CONSTANT, 0.1f, 0, 50);
        assertThat(s.at(0)).isEqualTo(0.1f);
        assertThat(s.at(49)).isEqualTo(0.1f);
    }

    @Test
    void oneCyclePeaksAtThirtyPercentAndEndsNearZero() {
        LearningRateSchedule s = new LearningRateSchedule(Schedule.ONE_CYCLE, 1f, 0, 100);
        assertThat(s.at(30)).isCloseTo(1f, within(1e-6f));
        assertThat(s.at(15)).isLessThan(0.6f);
        assertThat(s.at(100)).isCloseTo(1e-4f, within(1e-6f));
    }

    @Test
    void aResumedRunContinuesTheSameCurve() {
        LearningRateSchedule s = new LearningRateSchedule(Schedule.COSINE, 1f, 10, 110);
        float expected = s.at(47);
        s.startAt(40);
        assertThat(s.getNewValue(7)).isEqualTo(expected);
    }
}
