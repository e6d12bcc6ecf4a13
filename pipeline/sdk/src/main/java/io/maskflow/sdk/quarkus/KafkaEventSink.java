package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.step.EventSink;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes events through the {@value #CHANNEL} channel, choosing the topic per event, keyed by run id, and
 * waits until the broker has acknowledged them.
 */
@ApplicationScoped
public class KafkaEventSink implements EventSink {

    /** The outgoing channel every event of a service goes through; wired in the SDK's default configuration. */
    public static final String CHANNEL = "maskflow-out";

    private static final long SEND_TIMEOUT_SECONDS = 60;

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    @Override
    public void publish(String topic, Event event) {
        await(topic, send(topic, event));
    }

    @Override
    public void publishAll(List<Outgoing> batch) {
        List<CompletableFuture<Void>> sent = batch.stream().map(o -> send(o.topic(), o.event())).toList();
        for (int i = 0; i < sent.size(); i++) {
            await(batch.get(i).topic(), sent.get(i));
        }
    }

    private CompletableFuture<Void> send(String topic, Event event) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Message<String> message = Message.of(EventCodec.instance().encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(event.runId())
                        .build())
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return sent;
    }

    private static void await(String topic, CompletableFuture<Void> sent) {
        try {
            sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the broker is a dependency that did not answer, as the store can be: a request gets 503, not 500
            String why = "could not publish to " + topic + ": " + e.getCause().getMessage();
            throw new UncheckedIOException(why, new IOException(why, e.getCause()));
        } catch (TimeoutException e) {
            String why = "the broker did not acknowledge an event on " + topic + " within " + SEND_TIMEOUT_SECONDS
                    + " s";
            throw new UncheckedIOException(why, new IOException(why, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }
}
