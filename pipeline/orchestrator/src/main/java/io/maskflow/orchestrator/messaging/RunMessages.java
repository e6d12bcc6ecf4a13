package io.maskflow.orchestrator.messaging;

import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.sdk.step.EventSink;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The orchestrator's Kafka edges: run requests (the trigger) and step events, decoded and handed to the
 * {@link RunEngine}. A request that decodes but does not validate becomes a REJECTED run; one that does not
 * even decode is rejected when its run id can be read, and dead-lettered otherwise.
 */
@ApplicationScoped
public class RunMessages {

    /** Channel of {@code maskflow.runs.requested}. */
    public static final String RUN_REQUESTS = "run-requests";
    /** Channel of {@code maskflow.steps.events}. */
    public static final String STEP_EVENTS = "step-events";

    private static final Logger LOG = Logger.getLogger(RunMessages.class);

    @Inject
    RunEngine engine;
    @Inject
    EventSink events;

    private final EventCodec codec = EventCodec.instance();

    @Incoming(RUN_REQUESTS)
    @Blocking
    public void runRequested(ConsumerRecord<String, String> record) {
        RunRequestedEvent request;
        try {
            request = codec.decode(record.value(), RunRequestedEvent.class);
        } catch (MalformedEventException e) {
            String runId = codec.peekIds(record.value() == null ? "" : record.value())[0];
            if (runId != null && runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                LOG.warnf("run request %s rejected: %s", runId, e.getMessage());
                events.publish(Topics.RUNS_EVENTS, new RunStatusEvent(Event.SCHEMA_VERSION, runId, null, null,
                        RunStatus.REJECTED, "unknown", e.getMessage(), Map.of(), null));
            } else {
                deadLetter(record, e.getMessage());
            }
            return;
        }
        engine.submit(request);
    }

    @Incoming(STEP_EVENTS)
    @Blocking
    public void stepEvent(ConsumerRecord<String, String> record) {
        try {
            engine.onStepEvent(codec.decode(record.value(), StepStatusEvent.class));
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        events.publish(Topics.DEAD_LETTER, new DeadLetterEvent(Event.SCHEMA_VERSION, null, null, null,
                record.topic(), record.partition(), record.offset(), "orchestrator", reason, record.value(), null));
    }
}
