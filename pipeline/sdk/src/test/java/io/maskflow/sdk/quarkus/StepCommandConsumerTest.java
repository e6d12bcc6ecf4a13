package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.step.EchoHandler;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A command read while the store is unreachable is tried again, not committed unanswered. */
class StepCommandConsumerTest {

    private final EventCodec codec = EventCodec.instance();
    private final List<StepStatusEvent> published = new CopyOnWriteArrayList<>();

    /** A store that refuses its first {@code failures} lookups, as an S3 server that is down does. */
    private static final class Outage extends InMemoryArtifactStore {
        private final AtomicInteger failures;

        Outage(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public Optional<ArtifactRef> stat(String key) {
            if (failures.getAndDecrement() > 0) {
                throw new java.io.UncheckedIOException(new ConnectException("Connection refused"));
            }
            return super.stat(key);
        }
    }

    private StepCommandConsumer consumer(InMemoryArtifactStore store, Duration retry) {
        StepCommandConsumer consumer = new StepCommandConsumer();
        consumer.handler = new EchoHandler();
        consumer.store = store;
        consumer.events = (String topic, Event event) -> {
            if (topic.equals(Topics.STEPS_EVENTS)) {
                published.add((StepStatusEvent) event);
            }
        };
        consumer.registry = new SimpleMeterRegistry();
        consumer.settings = new StepSettings() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<String> worker() {
                return Optional.of("test-worker");
            }

            @Override
            public Duration stopPoll() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration claimLease() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration unavailableRetry() {
                return retry;
            }
        };
        consumer.init();
        return consumer;
    }

    private ConsumerRecord<String, String> command(String runId) {
        StepCommand command = StepCommand.of(runId, "gen", StepType.DATAGEN, 1, Map.of("persons", 3, "seed", 5),
                Map.of());
        return new ConsumerRecord<>(StepType.DATAGEN.commandTopic(), 0, 7L, runId, codec.encode(command));
    }

    @Test
    void aCommandReadWhileTheStoreIsDownIsRunOnceItAnswers() throws Exception {
        consumer(new Outage(2), Duration.ofMinutes(1)).consume(command("run-outage"));

        assertThat(published).extracting(StepStatusEvent::status).containsExactly(StepStatus.STARTED,
                StepStatus.PROGRESS, StepStatus.SUCCEEDED);
        assertThat(published).extracting(StepStatusEvent::runId).containsOnly("run-outage");
    }

    @Test
    void aStoreThatStaysDownHandsTheCommandToTheStepTimeoutAfterTheRetryTime() {
        StepCommandConsumer consumer = consumer(new Outage(Integer.MAX_VALUE), Duration.ofSeconds(2));
        long start = System.nanoTime();

        assertThatThrownBy(() -> consumer.consume(command("run-down"))).hasRootCauseInstanceOf(IOException.class)
                .hasMessageContaining("Connection refused");
        // tried after 1 s; the next wait (2 s) would end beyond the 2 s allowed
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(2));
        assertThat(published).isEmpty();
    }
}
