package io.maskflow.dev;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's view of Kafka: sends messages and keeps every message of some topics, read from their beginning by a
 * group of its own, so a test can wait for what a service publishes. Uses the test's own kafka-clients, logged in
 * as the stack's super user unless given another principal's settings.
 */
public final class TopicWatcher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    /**
     * Watches {@code topics} of the local stack of this JVM whose broker listens at {@code bootstrap}, as its super
     * user.
     */
    public TopicWatcher(String bootstrap, String... topics) {
        this(LocalStack.adminClientProperties(bootstrap), topics);
    }

    /** Watches {@code topics} of {@code stack} as its super user, who may read and write every topic. */
    public TopicWatcher(LocalStack stack, String... topics) {
        this(stack.kafkaClientProperties(KafkaUsers.ADMIN), topics);
    }

    /**
     * Watches {@code topics} with the given client settings ({@code bootstrap.servers} and the login, e.g.
     * {@link LocalStack#kafkaClientProperties}).
     */
    public TopicWatcher(Map<String, String> client, String... topics) {
        Properties p = new Properties();
        p.putAll(client);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.putAll(client);
        c.put("group.id", "test-watcher-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Sends one message and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e, e);
        }
    }

    /** Every message seen so far on the watched topics. */
    public List<ConsumerRecord<String, String>> seen() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Polls until {@code count} messages of {@code topic} match, and returns all that match; fails after timeout. */
    public List<String> await(String topic, Predicate<String> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            // a message without a value (a tombstone, or another test's garbage) matches nothing
            List<String> found = seen.stream().filter(r -> r.topic().equals(topic)).map(ConsumerRecord::value)
                    .filter(Objects::nonNull).filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout.toSeconds() + " s only " + found.size() + " of " + count
                        + " expected messages on " + topic + "; seen there: " + seen.stream()
                        .filter(r -> r.topic().equals(topic)).map(ConsumerRecord::value).toList());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
