package io.maskflow.evaluator;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The lock every change of the promoted model takes, across all evaluator replicas. The store the project runs
 * against in development and tests (S3Proxy 2.6.0) ignores {@code If-Match} and {@code If-None-Match} on a PUT, so
 * the promoted-model record cannot be changed by a conditional write there; Kafka gives the lock instead: it is held
 * by whichever member of the consumer group {@value #GROUP} is assigned partition 0 of the evaluator's command topic.
 * The group uses the classic protocol with the eager range assignor, so a partition moves to another member only
 * after its holder leaves the group (closes) or is thrown out of it for not polling within the rebalance timeout.
 * A holder never polls while it holds the lock, so it keeps it until it closes; it checks before each write that it
 * got the lock less than {@link #MAX_HOLD} ago, well inside that timeout (a lease: a process frozen for longer than
 * the check-to-write gap could still write late, as with any lease). Threads of one replica queue on a local lock
 * first, so a replica is one member at a time.
 *
 * <p>The lock consumer reads no records: it starts at the end of the topic and never commits.
 */
public final class PromotionLock {

    /** The consumer group whose owner of partition 0 holds the lock. */
    public static final String GROUP = "maskflow-evaluator-promotions";
    /** How long a holder may keep the lock before a write; the group's rebalance timeout is twice as long. */
    static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String topic;
    private final Duration wait;
    private final ReentrantLock local = new ReentrantLock(true);

    /**
     * @param kafka the client settings (bootstrap servers and the login), without the {@code kafka.} prefix
     * @param topic a topic this service may read; partition 0 of it is the lock
     * @param wait how long {@link #acquire()} waits before it gives up
     */
    public PromotionLock(Map<String, Object> kafka, String topic, Duration wait) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.wait = wait;
    }

    /** The lock, held until the returned handle is closed. */
    public Held acquire() throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the promotion lock was not free within " + wait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the promotion lock", e);
        }
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            consumer = new KafkaConsumer<>(settings());
            consumer.subscribe(List.of(topic));
            TopicPartition first = new TopicPartition(topic, 0);
            while (!consumer.assignment().contains(first)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the promotion lock (partition 0 of " + topic + " in group " + GROUP
                            + ") was not free within " + wait.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(100));
            }
            return new Held(consumer, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
            local.unlock();
            throw e instanceof IOException io ? io : new IOException("cannot take the promotion lock: " + e, e);
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                settings.put(k, v);
            }
        });
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "maskflow-promotion-lock-" + UUID.randomUUID());
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_HOLD.toMillis() * 2);
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 250);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings;
    }

    /** The lock while it is held. */
    public final class Held implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final long since;

        private Held(KafkaConsumer<byte[], byte[]> consumer, long since) {
            this.consumer = consumer;
            this.since = since;
        }

        /** Fails when the lock was got too long ago to be sure it is still held. */
        public void check() throws IOException {
            long held = System.nanoTime() - since;
            if (held > MAX_HOLD.toNanos()) {
                throw new IOException("the promotion lock was held " + TimeUnit.NANOSECONDS.toSeconds(held)
                        + " s, longer than the " + MAX_HOLD.toSeconds() + " s it is sure to last");
            }
        }

        @Override
        public void close() {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                local.unlock();
            }
        }
    }
}
