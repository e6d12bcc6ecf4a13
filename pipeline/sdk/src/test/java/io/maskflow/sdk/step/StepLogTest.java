package io.maskflow.sdk.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The log lines of a step attempt are caught from its threads only, kept bounded and written with the run. */
class StepLogTest {

    private static final Logger LOG = Logger.getLogger("io.maskflow.test.StepLogTest");

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    private String stored(String key) throws Exception {
        ArtifactRef ref = store.stat(key).orElseThrow(() -> new AssertionError("no log at " + key));
        return new String(store.read(ref), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheLinesOfTheHandlerAndOfTheThreadsItStartsButNotOfOtherThreads() throws Exception {
        CountDownLatch otherMayLog = new CountDownLatch(1);
        CountDownLatch otherLogged = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                otherMayLog.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("a line of another command");
            otherLogged.countDown();
        });
        other.start();
        StepHandler handler = new StepHandler() {
            @Override
            public StepType type() {
                return StepType.TRAIN;
            }

            @Override
            public String codeVersion() {
                return "1";
            }

            @Override
            public StepResult run(StepContext context) throws Exception {
                LOG.infof("epoch %d of %d", 1, 3);
                Thread helper = new Thread(() -> LOG.warn("a line from a helper thread"));
                helper.start();
                helper.join();
                otherMayLog.countDown();
                otherLogged.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the disk is full");
            }
        };
        StepRuntime runtime = new StepRuntime(handler, store, new RecordingEventSink(), new SimpleMeterRegistry(),
                "w");
        runtime.handle(StepCommand.of("run-log", "train", StepType.TRAIN, 2, Map.of(), Map.of()));
        other.join();

        String log = stored(ArtifactKeys.stepLog("run-log", "train", 2));
        assertThat(log).contains("step train (train) attempt 2 of run run-log")
                .contains("INFO  [StepLogTest]").contains("epoch 1 of 3")
                .contains("a line from a helper thread")
                .contains("failed: the disk is full").contains("java.lang.IllegalStateException: the disk is full")
                .doesNotContain("a line of another command");
        LOG.info("a line after the attempt");
        assertThat(stored(ArtifactKeys.stepLog("run-log", "train", 2))).doesNotContain("a line after the attempt");
    }

    @Test
    void keepsTheFirstAndTheLastLinesAndSaysHowManyWereSkipped() throws Exception {
        int lines = StepLog.HEAD_LINES + StepLog.TAIL_LINES + 4000;
        String key = ArtifactKeys.stepLog("run-big", "generate", 1);
        try (StepLog ignored = StepLog.start(store, key, 0)) {
            for (int i = 1; i <= lines; i++) {
                LOG.infof("line %d %s", i, "x".repeat(i == 7 ? 10_000 : 10));
            }
        }

        List<String> kept = stored(key).lines().toList();
        assertThat(kept).hasSize(StepLog.HEAD_LINES + StepLog.TAIL_LINES + 1);
        assertThat(kept.get(0)).contains("line 1 ");
        assertThat(kept.get(6)).contains("line 7 ").contains("more characters)").hasSizeLessThan(200);
        assertThat(kept.get(StepLog.HEAD_LINES)).isEqualTo("… 4000 lines skipped …");
        assertThat(kept.get(kept.size() - 1)).contains("line " + lines + " ");
        assertThat(stored(key).length()).isLessThan(200 * (StepLog.HEAD_LINES + StepLog.TAIL_LINES));
    }

    @Test
    void writesTheLogWhileTheAttemptRuns() throws Exception {
        String key = ArtifactKeys.stepLog("run-live", "train", 1);
        try (StepLog ignored = StepLog.start(store, key, 1)) {
            LOG.info("still training");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.exists(key) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stored(key)).contains("still training");
        }
    }
}
