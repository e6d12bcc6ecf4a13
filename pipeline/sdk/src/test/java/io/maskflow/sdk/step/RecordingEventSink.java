package io.maskflow.sdk.step;

import io.maskflow.contracts.events.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps published events in memory, for unit tests only. */
final class RecordingEventSink implements EventSink {

    record Published(String topic, Event event) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, Event event) {
        published.add(new Published(topic, event));
    }

    <T extends Event> List<T> on(String topic, Class<T> type) {
        return published.stream().filter(p -> p.topic().equals(topic)).map(p -> type.cast(p.event())).toList();
    }
}
