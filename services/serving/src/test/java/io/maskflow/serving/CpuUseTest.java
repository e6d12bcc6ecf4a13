package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The benchmark's CPU counters read from this test's own process: only threads named inference-… count as such. */
class CpuUseTest {

    @Test
    void onlyThreadsNamedInferenceCountAsInference() throws InterruptedException {
        CpuUse.Mark mark = CpuUse.mark(ProcessHandle.current().pid());
        CountDownLatch spun = new CountDownLatch(2);
        CountDownLatch counted = new CountDownLatch(1);
        Thread inference = spinning("inference-test-0", 400, spun, counted);
        Thread other = spinning("executor-thread-1", 400, spun, counted);
        // a thread that has ended is no longer listed, nor is its CPU time: read the counters while both live
        spun.await();
        CpuUse use = mark.since();
        counted.countDown();
        inference.join();
        other.join();

        // each thread spun 0.4 s of CPU (less if the two shared a core with the rest of the machine); /proc counts
        // in ticks of 10 ms
        assertThat(use.inferenceSeconds()).isBetween(0.2, 0.5);
        assertThat(use.processSeconds()).isGreaterThanOrEqualTo(use.inferenceSeconds() + 0.2);
        assertThat(use.inferenceCores()).isGreaterThan(0).isLessThanOrEqualTo(1.05);
    }

    /** A started thread that keeps a core busy for {@code millis} of its own CPU time, then waits to be let go. */
    private static Thread spinning(String name, long millis, CountDownLatch spun, CountDownLatch letGo) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread thread = new Thread(() -> {
            long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
            double sink = 0;
            while (threads.getCurrentThreadCpuTime() < until) {
                for (int i = 0; i < 10_000; i++) {
                    sink += Math.sqrt(i);
                }
            }
            if (sink < 0) {
                System.out.println(sink);
            }
            spun.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        return thread;
    }
}
