package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Event;
import io.maskflow.sdk.step.EventSink;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request that would make a step command larger than the broker takes is refused as too large, not sent. */
class StepRequestsTest {

    private final List<Event> sent = new ArrayList<>();
    private final EventSink events = (topic, event) -> sent.add(event);

    @Test
    void aCommandTooLargeForTheBrokerIsA413AndIsNotSent() {
        Map<String, Object> huge = Map.of("mixStyles", "classic," + " ".repeat(2_000_000) + "snapshot");

        WebApplicationException refused = catchThrowableOfType(() -> StepRequests.publish(events, StepType.DATAGEN,
                huge, Map.of()), WebApplicationException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getResponse().getStatus()).isEqualTo(413);
        assertThat(refused.getResponse().getEntity().toString()).contains("step command of", "bytes");
        assertThat(sent).isEmpty();
    }

    @Test
    void anOrdinaryRequestIsSentAndAccepted() {
        Response answer = StepRequests.publish(events, StepType.DATAGEN, Map.of("persons", 10), Map.of());

        assertThat(answer.getStatus()).isEqualTo(202);
        assertThat(sent).hasSize(1);
        // the orchestrator tells the events of such a job from stray ones by its ids
        io.maskflow.contracts.events.StepCommand command = (io.maskflow.contracts.events.StepCommand) sent.get(0);
        assertThat(StepRequests.isServiceJob(command.runId(), command.stepId(), command.step())).isTrue();
        assertThat(StepRequests.isServiceJob(command.runId(), "generate", StepType.DATAGEN)).isFalse();
        assertThat(StepRequests.isServiceJob("run-1", "datagen", StepType.DATAGEN)).isFalse();
        assertThat(StepRequests.isServiceJob(command.runId(), "train", StepType.TRAIN)).isFalse();
    }
}
