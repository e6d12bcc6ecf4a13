package io.maskflow.orchestrator.messaging;

import io.maskflow.contracts.Texts;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.orchestrator.engine.NotOwnerException;
import io.maskflow.orchestrator.engine.NotSubmittedException;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunIdTakenException;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.sdk.quarkus.StepRequests;
import io.maskflow.sdk.step.EventSink;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The orchestrator's Kafka edge: run requests (the trigger), cancel requests and step events, read by one
 * consumer group from topics keyed by run id, decoded and handed to the {@link RunEngine}, which drives only the runs
 * of the partitions this replica owns ({@link RunOwnership}). A request that decodes but does not validate becomes a
 * REJECTED run; one that does not even decode is rejected when its run id can be read and names no run, and
 * dead-lettered otherwise;
 * one that cannot be submitted (the store does not answer while its data set is looked up, so nothing of the run is
 * kept) is rejected with that reason, never dropped. A run request that is not on its run id's partition (a console
 * producer sends no key) is published again keyed by its run id, so that it reaches the run's owner.
 */
@ApplicationScoped
public class RunMessages {

    /** The channel reading {@link #TOPICS}. */
    public static final String INCOMING = "orchestrator-in";
    /** The topics of the channel: they must have the same partition count (the first one's is the reference). */
    public static final List<String> TOPICS = List.of(Topics.STEPS_EVENTS, Topics.RUNS_REQUESTED,
            Topics.RUNS_CANCEL);

    private static final Logger LOG = Logger.getLogger(RunMessages.class);

    @Inject
    RunEngine engine;
    @Inject
    EventSink events;
    @Inject
    RunOwnership ownership;

    private final EventCodec codec = EventCodec.instance();

    @Incoming(INCOMING)
    @Blocking
    public void received(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.RUNS_REQUESTED -> runRequested(record);
            case Topics.RUNS_CANCEL -> cancelRequested(record);
            case Topics.STEPS_EVENTS -> stepEvent(record);
            default -> deadLetter(record, "the orchestrator does not read " + record.topic());
        }
    }

    void runRequested(ConsumerRecord<String, String> record) {
        RunRequestedEvent request;
        try {
            request = codec.decode(record.value(), RunRequestedEvent.class);
        } catch (MalformedEventException e) {
            String runId = codec.peekIds(record.value() == null ? "" : record.value())[0];
            if (runId != null && engine.find(runId).isPresent()) {
                // a REJECTED event under that id would land in the run that has it, as if that run were refused
                deadLetter(record, "run id " + runId + " is taken by a run, and this request cannot be read: "
                        + e.getMessage());
            } else if (runId != null && runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                reject(runId, "unknown", e.getMessage());
            } else {
                deadLetter(record, e.getMessage());
            }
            return;
        }
        int partitions = ownership.partitionCount(record.topic());
        if (partitions > 0 && record.partition() != PartitionOwnership.partitionOf(request.runId(), partitions)) {
            LOG.infof("run request %s arrived on partition %d (key %s); forwarding it keyed by its run id",
                    request.runId(), record.partition(), record.key());
            events.publish(Topics.RUNS_REQUESTED, request);
            return;
        }
        try {
            engine.submit(request);
        } catch (NotOwnerException e) {
            // the partition was revoked while the record was on its way; its new owner reads it again
            LOG.infof("run request %s skipped: %s", request.runId(), e.getMessage());
        } catch (RunIdTakenException e) {
            // the run under that id stays as it is; the other request is not lost without a word
            deadLetter(record, e.getMessage());
        } catch (NotSubmittedException e) {
            // nothing of the run was kept: say so, rather than drop the request
            reject(request.runId(), request.pipeline(), e.getMessage() + "; send the request again when the store "
                    + "answers");
        } catch (RuntimeException e) {
            if (engine.find(request.runId()).isPresent()) {
                throw e; // the run is kept: what failed was writing it, which goes again (a repeat is ignored)
            }
            // last resort: whatever the request made fail, its requester learns why instead of hearing nothing
            LOG.error("run request " + request.runId() + " failed", e);
            reject(request.runId(), request.pipeline(), e.getMessage() == null || e.getMessage().isBlank()
                    ? "the request could not be submitted: " + e : e.getMessage());
        }
    }

    /** A run request that will not run, answered on the run events topic, so the requester learns why. */
    private void reject(String runId, String pipeline, String reason) {
        LOG.warnf("run request %s rejected: %s", runId, reason);
        events.publish(Topics.RUNS_EVENTS, new RunStatusEvent(Event.SCHEMA_VERSION, runId, null, null,
                RunStatus.REJECTED, pipeline, reason, Map.of(), null));
    }

    void cancelRequested(ConsumerRecord<String, String> record) {
        RunCancelRequestedEvent request;
        try {
            request = codec.decode(record.value(), RunCancelRequestedEvent.class);
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (forwarded(record, request)) {
            return;
        }
        try {
            if (engine.forgetIfDeleted(request.runId())) {
                LOG.infof("run %s was deleted from the store by another orchestrator (%s); dropped here too",
                        request.runId(), request.reason());
                return;
            }
        } catch (IOException e) {
            LOG.warnf("could not tell whether run %s is still stored (%s); the cancel request is applied as it is",
                    request.runId(), e.getMessage());
        }
        if (engine.cancel(request.runId(), request.reason()).isEmpty()) {
            if (!engine.owns(request.runId())) {
                LOG.debugf("cancel request for run %s skipped: owned by another orchestrator", request.runId());
            } else if (!RunDeleter.REQUESTED_BY.equals(request.requestedBy()) && isUnknown(request.runId())) {
                deadLetter(record, "no run '" + request.runId() + "' to cancel: this orchestrator owns the run id's "
                        + "partition and neither holds nor stores such a run");
            } else {
                LOG.infof("cancel request for run %s skipped: the run is stored but not held here (finished)",
                        request.runId());
            }
        }
    }

    /**
     * Whether a run exists nowhere: not held by its owner (this replica) and not in the store. When the store does
     * not answer, the run is taken to exist (the message is logged, not dead-lettered).
     */
    private boolean isUnknown(String runId) {
        try {
            return !engine.isStored(runId);
        } catch (IOException e) {
            LOG.warnf("could not tell whether run %s is stored (%s); its message is skipped", runId, e.getMessage());
            return false;
        }
    }

    void stepEvent(ConsumerRecord<String, String> record) {
        StepStatusEvent event;
        try {
            event = codec.decode(record.value(), StepStatusEvent.class);
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (forwarded(record, event)) {
            return;
        }
        if (engine.version(event.runId()).isEmpty()) { // not held here
            if (!engine.owns(event.runId())) {
                LOG.debugf("step event of run %s skipped: owned by another orchestrator", event.runId());
            } else if (StepRequests.isServiceJob(event.runId(), event.stepId(), event.step())) {
                LOG.debugf("step event of %s left as is: a service's own job, not a run", event.runId());
            } else if (isUnknown(event.runId())) {
                deadLetter(record, "no run '" + event.runId() + "' for this step event: this orchestrator owns the "
                        + "run id's partition and neither holds nor stores such a run");
            } else {
                LOG.debugf("step event of run %s left as is: the run is stored but not held here (finished)",
                        event.runId());
            }
            return;
        }
        engine.onStepEvent(event).ifPresent(reason -> deadLetter(record, reason));
    }

    /**
     * Publishes a cancel request or step event again keyed by its run id when it arrived on another partition than
     * its run id's (a console producer's key, or none), as run requests are: the run's owner reads that partition,
     * and the replica that got it would have dropped it without a word.
     */
    private boolean forwarded(ConsumerRecord<String, String> record, Event event) {
        int partitions = ownership.partitionCount(record.topic());
        if (partitions <= 0 || record.partition() == PartitionOwnership.partitionOf(event.runId(), partitions)) {
            return false;
        }
        LOG.infof("%s of run %s arrived on partition %d (key %s); forwarding it keyed by its run id", record.topic(),
                event.runId(), record.partition(), record.key());
        events.publish(record.topic(), event);
        return true;
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        // the run and step it names, as far as they can be read (they were "unknown" even when the reason named them)
        String[] ids = codec.peekIds(record.value() == null ? "" : record.value());
        events.publish(Topics.DEAD_LETTER, new DeadLetterEvent(Event.SCHEMA_VERSION, cut(ids[0]), cut(ids[1]), null,
                record.topic(), record.partition(), record.offset(), "orchestrator", reason, record.value(), null));
    }

    private static String cut(String id) {
        return id == null ? null : Texts.cut(id, 200);
    }
}
