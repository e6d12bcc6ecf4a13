package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maskflow.contracts.run.Halving;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {

    private static final Halving HALVING = new Halving("trial-${t.index}", "valMacroF1", 2, 3);

    /** A trial whose epochs 1, 2, … scored {@code figures}. */
    private static SuccessiveHalving.Trial trial(String id, double... figures) {
        return trial(id, "valMacroF1", figures);
    }

    private static SuccessiveHalving.Trial trial(String id, String metric, double... figures) {
        List<StepState.EpochPoint> history = new ArrayList<>();
        for (int i = 0; i < figures.length; i++) {
            history.add(new StepState.EpochPoint(i + 1, 8, Instant.EPOCH, Map.of(metric, figures[i])));
        }
        return new SuccessiveHalving.Trial(id, history);
    }

    @Test
    void aTrialThatReachedItsLastEpochIsNotStopped() {
        SuccessiveHalving.Trial a = trial("a", 0.5, 0.6, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8);
        SuccessiveHalving.Trial b = trial("b", 0.3, 0.4, 0.5, 0.5, 0.6, 0.9, 0.6, 0.6);
        // epoch 6 is a rung (2 x 3); a trial of 6 epochs that ends there keeps its model whatever its figure
        List<StepState.EpochPoint> lastAtSix = new ArrayList<>();
        for (double f : new double[] {0.3, 0.35, 0.4, 0.4, 0.4, 0.4}) {
            lastAtSix.add(new StepState.EpochPoint(lastAtSix.size() + 1, 6, Instant.EPOCH, Map.of("valMacroF1", f)));
        }
        SuccessiveHalving.Trial ends = new SuccessiveHalving.Trial("e", lastAtSix);
        assertThat(SuccessiveHalving.verdict(HALVING, ends, List.of(a, b, ends))).isEmpty();
        // the same figures in a trial planned for 8 epochs are stopped at epoch 6
        SuccessiveHalving.Trial goesOn = trial("g", 0.3, 0.35, 0.4, 0.4, 0.4, 0.4);
        assertThat(SuccessiveHalving.verdict(HALVING, goesOn, List.of(a, b, goesOn))).isPresent();
    }

    @Test
    void inModeMinTheLowestFigureIsTheBest() {
        Halving byLoss = new Halving("trial-${t.index}", "valLoss", Halving.MIN, 2, 3);
        SuccessiveHalving.Trial a = trial("a", "valLoss", 2.0, 1.2, 1.0);
        SuccessiveHalving.Trial b = trial("b", "valLoss", 2.2, 1.6);
        // c's lowest loss up to the rung is its first epoch's 1.5: worse than a's 1.2, better than b's 1.6
        SuccessiveHalving.Trial c = trial("c", "valLoss", 1.5, 1.9);
        assertThat(SuccessiveHalving.verdict(byLoss, c, List.of(a, b, c))).hasValueSatisfying(why -> assertThat(why)
                .contains("valLoss 1.5000").contains("needed 1.2000"));
        SuccessiveHalving.Trial d = trial("d", "valLoss", 1.4, 1.1);
        assertThat(SuccessiveHalving.verdict(byLoss, d, List.of(a, b, c, d))).isEmpty();
        // the same figures read as "higher is better": c's figure is its highest loss, b's 2.2 the best
        Halving wrongWay = new Halving("trial-${t.index}", "valLoss", Halving.MAX, 2, 3);
        assertThat(SuccessiveHalving.verdict(wrongWay, c, List.of(a, b, c))).hasValueSatisfying(why -> assertThat(why)
                .contains("valLoss 1.9000").contains("needed 2.2000"));
    }

    @Test
    void rungsAreTheFirstEpochTimesPowersOfEta() {
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 18L, 54L)).filteredOn(HALVING::isRung)
                .containsExactly(2L, 6L, 18L, 54L);
    }

    @Test
    void aTrialGoesOnBetweenRungsAndWhileTooFewHaveReachedTheRung() {
        SuccessiveHalving.Trial a = trial("a", 0.5, 0.6, 0.7);
        SuccessiveHalving.Trial weak = trial("w", 0.1, 0.2);
        assertThat(SuccessiveHalving.verdict(HALVING, trial("w", 0.1), List.of(a))).isEmpty();
        // two at rung 2 (fewer than eta = 3): nothing to compare yet
        assertThat(SuccessiveHalving.verdict(HALVING, weak, List.of(a, weak))).isEmpty();
    }

    @Test
    void theWeakestAtARungAreStoppedAndTheBestGoOn() {
        SuccessiveHalving.Trial a = trial("a", 0.5, 0.6, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8);
        SuccessiveHalving.Trial b = trial("b", 0.3, 0.4, 0.5, 0.5, 0.6, 0.6);
        // at rung 2: a 0.6, b 0.4, c 0.45 → 3 reached, the best 1 goes on
        SuccessiveHalving.Trial c = trial("c", 0.45, 0.2);
        assertThat(SuccessiveHalving.verdict(HALVING, c, List.of(a, b, c))).hasValueSatisfying(why -> assertThat(why)
                .contains("epoch 2").contains("valMacroF1 0.4500").contains("best 1 of the 3 trials")
                .contains("needed 0.6000"));
        // the figure at a rung is the best epoch so far, not the last one
        SuccessiveHalving.Trial d = trial("d", 0.9, 0.2);
        assertThat(SuccessiveHalving.verdict(HALVING, d, List.of(a, b, c, d))).isEmpty();
        // a trial that never reached the rung does not count there
        SuccessiveHalving.Trial e = trial("e", 0.3);
        assertThat(SuccessiveHalving.verdict(HALVING, trial("f", 0.1, 0.3), List.of(a, e))).isEmpty();
    }

    @Test
    void theNextRungComparesOnlyTheTrialsThatGotThere() {
        SuccessiveHalving.Trial a = trial("a", 0.5, 0.6, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8);
        SuccessiveHalving.Trial b = trial("b", 0.3, 0.4, 0.5, 0.5, 0.6, 0.6, 0.6, 0.6);
        SuccessiveHalving.Trial pruned = trial("p", 0.1, 0.1);
        SuccessiveHalving.Trial g = trial("g", 0.1, 0.65, 0.66, 0.67, 0.68, 0.85);
        assertThat(SuccessiveHalving.verdict(HALVING, g, List.of(a, b, pruned, g))).isEmpty();
        SuccessiveHalving.Trial h = trial("h", 0.1, 0.65, 0.66, 0.67, 0.68, 0.59);
        // at rung 6: a 0.8, b 0.6, h 0.68 (its best so far) → h is second of 3: stopped
        assertThat(SuccessiveHalving.verdict(HALVING, h, List.of(a, b, pruned, h))).isPresent();
    }

    private static final Halving SYNC = new Halving("trial-${t.index}", "valMacroF1", "max", 2, 3, Halving.SYNC);

    @Test
    void theSynchronousScheduleWaitsAtRungsBeforeTheLastEpochAndNeverStopsOnItsOwn() {
        assertThat(SuccessiveHalving.pauseAt(SYNC, trial("a", 0.5, 0.6))).hasValue(2);
        assertThat(SuccessiveHalving.pauseAt(SYNC, trial("a", 0.5, 0.6, 0.7))).isEmpty();
        assertThat(SuccessiveHalving.pauseAt(HALVING, trial("a", 0.5, 0.6))).as("asynchronous").isEmpty();
        List<StepState.EpochPoint> lastAtSix = new ArrayList<>();
        for (int epoch = 1; epoch <= 6; epoch++) {
            lastAtSix.add(new StepState.EpochPoint(epoch, 6, Instant.EPOCH, Map.of("valMacroF1", 0.1)));
        }
        assertThat(SuccessiveHalving.pauseAt(SYNC, new SuccessiveHalving.Trial("e", lastAtSix))).isEmpty();
        SuccessiveHalving.Trial weak = trial("w", 0.1, 0.1);
        assertThat(SuccessiveHalving.verdict(SYNC, weak, List.of(trial("a", 0.5, 0.6), trial("b", 0.5, 0.6), weak)))
                .isEmpty();
    }

    @Test
    void theSynchronousVerdictWaitsForEveryTrialAndDoesNotDependOnTheirOrder() {
        SuccessiveHalving.Trial a = trial("a", 0.2, 0.3);
        SuccessiveHalving.Trial b = trial("b", 0.5, 0.4);
        SuccessiveHalving.Trial c = trial("c", 0.3, 0.35);
        SuccessiveHalving.Trial d = trial("d", 0.1);
        assertThat(SuccessiveHalving.decide(SYNC, 2, List.of(a, b, c, d), Set.of("a", "b", "c"), Set.of("d")))
                .isEmpty();
        SuccessiveHalving.Trial d2 = trial("d", 0.1, 0.45);
        // at epoch 2: b 0.5 (its best so far), d 0.45, c 0.35, a 0.3: the best 4 / 3 = 1 goes on
        for (List<SuccessiveHalving.Trial> order : List.of(List.of(a, b, c, d2), List.of(d2, c, b, a))) {
            SuccessiveHalving.RungDecision decision = SuccessiveHalving.decide(SYNC, 2, order,
                    Set.of("a", "b", "c", "d"), Set.of()).orElseThrow();
            assertThat(decision.resume()).containsExactly("b");
            assertThat(decision.stop()).containsOnlyKeys("a", "c", "d");
            assertThat(decision.stop().get("d")).contains("valMacroF1 0.4500").contains("best 1 of the 4 trials")
                    .contains("needed 0.5000");
        }
    }

    @Test
    void aTrialThatEndedAtTheRungCountsThereAndFewerThanEtaAllGoOn() {
        SuccessiveHalving.Trial ended = trial("e", 0.9, 0.9);
        SuccessiveHalving.Trial a = trial("a", 0.5, 0.6);
        SuccessiveHalving.Trial b = trial("b", 0.4, 0.5);
        // e finished at epoch 2 (best 0.9) and takes the one place; a and b wait there and both stop
        SuccessiveHalving.RungDecision decision = SuccessiveHalving.decide(SYNC, 2, List.of(ended, a, b),
                Set.of("a", "b"), Set.of()).orElseThrow();
        assertThat(decision.resume()).isEmpty();
        assertThat(decision.stop()).containsOnlyKeys("a", "b");
        // two at the rung: nothing to compare, both go on
        assertThat(SuccessiveHalving.decide(SYNC, 2, List.of(a, b), Set.of("a", "b"), Set.of()).orElseThrow()
                .resume()).containsExactly("a", "b");
        // a trial stopped at an earlier rung never reached this one and does not count
        SuccessiveHalving.Trial early = trial("p", 0.1, 0.1);
        SuccessiveHalving.Trial g = trial("g", 0.1, 0.65, 0.66, 0.67, 0.68, 0.85);
        SuccessiveHalving.Trial h = trial("h", 0.1, 0.65, 0.66, 0.67, 0.68, 0.59);
        SuccessiveHalving.Trial i = trial("i", 0.1, 0.2, 0.3, 0.3, 0.3, 0.3);
        SuccessiveHalving.RungDecision atSix = SuccessiveHalving.decide(SYNC, 6, List.of(early, g, h, i),
                Set.of("g", "h", "i"), Set.of()).orElseThrow();
        assertThat(atSix.resume()).containsExactly("g");
        assertThat(atSix.stop().get("h")).contains("best 1 of the 3 trials that reached epoch 6");
    }

    /** A trial whose last report is epoch {@code done} of {@code total}. */
    private static SuccessiveHalving.Trial at(long done, long total) {
        return new SuccessiveHalving.Trial("x", List.of(new StepState.EpochPoint(done, total, Instant.EPOCH,
                Map.of("valMacroF1", 0.5))));
    }

    @Test
    void hugeEpochsAreAnsweredAtOnceWithoutOverflow() {
        Halving byTwo = new Halving("trial-${t.index}", "valMacroF1", "max", 1, 2, Halving.SYNC);
        Duration limit = Duration.ofSeconds(10);
        assertTimeoutPreemptively(limit, () -> {
            assertThat(byTwo.isRung(Long.MAX_VALUE)).isFalse();
            assertThat(byTwo.isRung(1L << 62)).isTrue();
            assertThat(HALVING.isRung(Long.MAX_VALUE)).isFalse();
            assertThat(SuccessiveHalving.pauseAt(byTwo, at(Long.MAX_VALUE, 0))).isEmpty();
            assertThat(SuccessiveHalving.pauseAt(byTwo, at(1L << 62, 0))).hasValue(1L << 62);
            assertThat(SuccessiveHalving.verdict(new Halving("g", "valMacroF1", 1, 2), at(Long.MAX_VALUE, 4),
                    List.of())).isEmpty();
        });
        // the latest rung passed is found from the rungs up, not by counting epochs down from 10^12
        assertTimeoutPreemptively(limit, () -> assertThat(SuccessiveHalving.rungPassed(SYNC,
                at(1_000_000_000_000L, 0), 2)).hasValue(2L * 282_429_536_481L));
        assertTimeoutPreemptively(limit, () -> assertThat(SuccessiveHalving.rungPassed(byTwo,
                at(Long.MAX_VALUE, 0), 1)).hasValue(1L << 62));
        assertThat(SuccessiveHalving.rungPassed(SYNC, trial("a", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), 2)).hasValue(6);
        assertThat(SuccessiveHalving.rungPassed(SYNC, trial("a", 0.1, 0.2, 0.3, 0.4, 0.5), 2)).isEmpty();
    }
}
