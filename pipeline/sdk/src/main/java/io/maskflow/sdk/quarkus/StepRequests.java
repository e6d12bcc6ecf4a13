package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.step.EventSink;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A service's REST entrance to its own pipeline step: the request becomes a step command on the step's Kafka
 * topic, so it runs exactly as a pipeline's would (same checks, cache, events), and the answer says where to follow
 * it. Every service that starts its step over HTTP goes through here, so they all answer alike.
 */
public final class StepRequests {

    /** The largest step command a request may make; Kafka's default limit for a message is 1 MB. */
    static final int MAX_COMMAND_BYTES = 256 * 1024;

    private StepRequests() {
    }

    /**
     * Whether a step's run id and step id are those {@link #publish} gives a service's own job (no pipeline's run:
     * the orchestrator holds no run of that id, and its events are no stray ones): {@code <type>-<8 hex digits>} and
     * the step type's id.
     */
    public static boolean isServiceJob(String runId, String stepId, StepType step) {
        return stepId.equals(step.id()) && runId.matches(java.util.regex.Pattern.quote(step.id()) + "-[0-9a-f]{8}");
    }

    /**
     * Publishes the command and answers 202 with its run id, its step id (the step type's id), the command topic and
     * the events topic on which its progress and outcome appear.
     */
    public static Response publish(EventSink events, StepType step, Map<String, Object> parameters,
            Map<String, ArtifactRef> inputs) {
        String runId = step.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        StepCommand command = StepCommand.of(runId, step.id(), step, 1, parameters, inputs);
        int size = EventCodec.instance().encode(command).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_COMMAND_BYTES) {
            // the broker takes at most about a megabyte a message: refused there, it would be a 503 for bad input
            throw new WebApplicationException(ErrorResponses.json(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the request makes a step command of " + size + " bytes; at most " + MAX_COMMAND_BYTES
                            + " are taken (parameters are names and numbers, not data)"));
        }
        events.publish(step.commandTopic(), command);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("stepId", step.id());
        body.put("commandTopic", step.commandTopic());
        body.put("followOn", Topics.STEPS_EVENTS);
        return Response.accepted(body).build();
    }
}
