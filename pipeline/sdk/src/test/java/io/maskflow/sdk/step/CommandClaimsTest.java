package io.maskflow.sdk.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.metrics.MetricNames;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A command handed to a second replica while the first still runs it (Kafka's redelivery after a rebalance) is run
 * once: the second waits for the first's outcome and publishes it again; a claim nobody renews any more (its holder
 * died) is taken over after its lease.
 */
@Timeout(30)
class CommandClaimsTest {

    private static final Duration LEASE = Duration.ofMillis(600);

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepCommand command = StepCommand.of("run-1", "gen", StepType.DATAGEN, 1, Map.of("persons", 3),
            Map.of());
    private final String claimKey = ArtifactKeys.commandClaim("run-1", "gen", 1);

    /** A step that waits to be let go, counting its runs. */
    private static final class HeldHandler extends EchoHandler {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public StepResult run(StepContext context) throws Exception {
            runs.incrementAndGet();
            started.countDown();
            release.await(20, TimeUnit.SECONDS);
            return super.run(context);
        }
    }

    private StepRuntime replica(StepHandler handler, String worker) {
        return new StepRuntime(handler, store, sink, registry, worker, Duration.ofMillis(50), LEASE);
    }

    @Test
    void aCommandHandedToASecondReplicaWhileTheFirstRunsItRunsOnce() throws Exception {
        HeldHandler handler = new HeldHandler();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> handle(replica(handler, "replica-a")));
        assertThat(handler.started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> handle(replica(handler, "replica-b")));
        // the second waits across several leases' worth of renewals, not only the first moments
        Thread.sleep(3 * LEASE.toMillis());
        assertThat(second).isNotDone();
        handler.release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        assertThat(handler.runs).hasValue(1);
        assertThat(sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class)).extracting(StepStatusEvent::status)
                .containsExactly(StepStatus.STARTED, StepStatus.PROGRESS, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED);
        assertThat(registry.find(MetricNames.STEPS).tags(MetricNames.TAG_OUTCOME, "duplicate").counter().count())
                .isEqualTo(1);
        assertThat(store.keys()).as("the claim is gone once the outcome is recorded").doesNotContain(claimKey);
    }

    @Test
    void aClaimNobodyRenewsIsTakenOverAfterItsLease() throws Exception {
        store.put(claimKey, EventCodec.instance().mapper().writeValueAsBytes(
                new CommandClaims.Claim("replica-that-died", "token", 4)), "application/json");
        HeldHandler handler = new HeldHandler();
        handler.release.countDown();
        long start = System.nanoTime();
        replica(handler, "replica-b").handle(command);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(handler.runs).hasValue(1);
        assertThat(waited).isGreaterThanOrEqualTo(LEASE.toMillis());
        assertThat(sink.on(Topics.STEPS_EVENTS, StepStatusEvent.class)).last()
                .extracting(StepStatusEvent::status).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(store.keys()).doesNotContain(claimKey);
    }

    /**
     * A replica restarted under its own name (a container restarted in its pod: process 1 on the same host) takes
     * over the claim its earlier life left at once, not after a lease.
     */
    @Test
    void aClaimLeftByAnEarlierRunOfTheSameReplicaIsTakenOverAtOnce() throws Exception {
        Duration longLease = Duration.ofSeconds(20);
        store.put(claimKey, EventCodec.instance().mapper().writeValueAsBytes(
                new CommandClaims.Claim("1@trainer-0", "token-of-the-killed-process", 9)), "application/json");
        HeldHandler handler = new HeldHandler();
        handler.release.countDown();
        long start = System.nanoTime();
        new StepRuntime(handler, store, sink, registry, "1@trainer-0", Duration.ofMillis(50), longLease)
                .handle(command);
        assertThat(handler.runs).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(longLease.dividedBy(4));
    }

    /**
     * The store failing while a replica waits is waited out: thrown, the command's message would be acknowledged
     * (the step services' failure strategy) with nobody left to run it when the holder had died.
     */
    @Test
    void theStoreFailingWhileAReplicaWaitsIsWaitedOut() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        InMemoryArtifactStore flaky = new InMemoryArtifactStore() {
            @Override
            public java.util.Optional<io.maskflow.contracts.ArtifactRef> stat(String key) {
                int look = key.equals(claimKey) ? looks.incrementAndGet() : 0;
                if (look >= 2 && look <= 4) {
                    // the real store's IOException, which this in-memory store's signature does not declare
                    CommandClaimsTest.<RuntimeException>sneaky(new java.io.IOException("the store did not answer"));
                }
                return super.stat(key);
            }
        };
        flaky.put(claimKey, EventCodec.instance().mapper().writeValueAsBytes(
                new CommandClaims.Claim("replica-that-died", "token", 4)), "application/json");
        HeldHandler handler = new HeldHandler();
        handler.release.countDown();
        new StepRuntime(handler, flaky, sink, registry, "replica-b", Duration.ofMillis(50), LEASE).handle(command);
        assertThat(looks.get()).isGreaterThan(4);
        assertThat(handler.runs).hasValue(1);
        assertThat(flaky.keys()).doesNotContain(claimKey);
    }

    @Test
    void twoReplicasHandedTheCommandAtTheSameMomentRunItOnce() throws Exception {
        HeldHandler handler = new HeldHandler();
        handler.release.countDown();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            await(go);
            handle(replica(handler, "replica-a"));
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            await(go);
            handle(replica(handler, "replica-b"));
        });
        go.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(handler.runs).hasValue(1);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable e) throws E {
        throw (E) e;
    }

    private void handle(StepRuntime runtime) {
        try {
            runtime.handle(command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
