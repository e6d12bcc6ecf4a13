package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.events.RunRequestedEvent;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** A broker that does not take an event is a dependency away: a request that publishes gets 503, not 500. */
class KafkaEventSinkTest {

    @Test
    @SuppressWarnings("unchecked")
    void anEventTheBrokerRefusesIsAnUnavailableDependency() {
        KafkaEventSink sink = new KafkaEventSink();
        sink.emitter = (Emitter<String>) Proxy.newProxyInstance(Emitter.class.getClassLoader(),
                new Class<?>[] {Emitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && args[0] instanceof Message<?> message) {
                        message.nack(new IOException("the broker is away"));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RunRequestedEvent event = new RunRequestedEvent(1, "run-1", null, null, "train-and-serve", Map.of(), "test",
                null);
        assertThatThrownBy(() -> sink.publish("maskflow.runs.requested", event))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("could not publish to maskflow.runs.requested: the broker is away");
        Response answer = new ErrorResponses().unavailable(new UncheckedIOException("x", new IOException("x")));
        assertThat(answer.getStatus()).isEqualTo(503);
    }
}
