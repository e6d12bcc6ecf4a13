package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;
import java.time.Instant;

/**
 * Topic {@code maskflow.deadletter}: a message that could not be read, kept with the reason so that nothing is
 * lost silently. Written by any consumer; read by operators (and alerts).
 *
 * @param runId the run id if it could be read from the message, else {@code unknown}
 * @param stepId the step id if it could be read from the message, else {@code unknown}
 * @param sourceTopic where the message was read
 * @param partition its partition
 * @param offset its offset
 * @param consumer the service that gave up on it
 * @param reason why, e.g. {@code malformed JSON at line 1 column 7}
 * @param payload the message as text, cut to {@link #MAX_PAYLOAD} characters
 */
public record DeadLetterEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        String sourceTopic,
        int partition,
        long offset,
        String consumer,
        String reason,
        String payload,
        Instant time) implements Event {

    /** The longest payload kept, in characters. */
    public static final int MAX_PAYLOAD = 65_536;

    /** The run and step id of a message whose ids could not be read. */
    public static final String UNKNOWN = "unknown";

    public DeadLetterEvent {
        runId = runId == null || runId.isBlank() ? UNKNOWN : runId;
        stepId = stepId == null || stepId.isBlank() ? UNKNOWN : stepId;
        Require.nonBlank(sourceTopic, "sourceTopic");
        Require.nonBlank(consumer, "consumer");
        Require.nonBlank(reason, "reason");
        idempotencyKey = idempotencyKey == null ? sourceTopic + "/" + partition + "/" + offset : idempotencyKey;
        payload = payload == null ? "" : payload;
        if (payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD);
        }
        time = time == null ? Instant.now() : time;
    }
}
