package io.maskflow.preprocess;

import io.maskflow.contracts.events.Event;
import io.maskflow.sdk.step.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what is published, for unit tests. */
public final class RecordingEvents implements EventSink {

    /** One published event. */
    public record Published(String topic, Event event) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, Event event) {
        published.add(new Published(topic, event));
    }

    /** Everything published so far, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The events of one type published so far, in order. */
    public <E extends Event> List<E> of(Class<E> type) {
        return published.stream().map(Published::event).filter(type::isInstance).map(type::cast).toList();
    }
}
