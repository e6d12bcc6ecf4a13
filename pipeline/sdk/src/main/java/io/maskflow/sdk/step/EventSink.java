package io.maskflow.sdk.step;

import io.maskflow.contracts.events.Event;
import java.util.List;

/**
 * Publishes events. Returns once the broker has the event, so that a command is only acknowledged after its
 * result is safely out. Kafka in services; an in-memory list in unit tests.
 */
public interface EventSink {

    /**
     * @param topic the topic, from {@code io.maskflow.contracts.Topics}
     * @param event the event; its run id is the record key, so one run's events stay in order
     */
    void publish(String topic, Event event);

    /** An event and its topic. */
    record Outgoing(String topic, Event event) {
    }

    /**
     * Publishes several events, in order; returns once the broker has all of them. The Kafka sink sends them all
     * before waiting, so a batch costs about one round trip.
     */
    default void publishAll(List<Outgoing> batch) {
        batch.forEach(o -> publish(o.topic(), o.event()));
    }
}
