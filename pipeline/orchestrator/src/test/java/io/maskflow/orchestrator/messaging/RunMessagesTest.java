package io.maskflow.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunStore;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StopRequest;
import io.maskflow.sdk.store.ArtifactKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A run request that resolving refuses is answered with a REJECTED run event naming why, never dropped. */
class RunMessagesTest {

    private static final ArtifactRef REF = new ArtifactRef("b", "k", 1, "a".repeat(64));
    /** Locates a data set as the store does: a name the store refuses throws a plain IllegalArgumentException. */
    private static final DatasetLocator STORE_LIKE = (value, kind) -> {
        ArtifactKeys.safeName(value);
        return REF;
    };

    private final List<Event> published = new ArrayList<>();
    private final RunMessages messages = new RunMessages();

    RunMessagesTest() {
        EventSink sink = (topic, event) -> published.add(event);
        RunStore store = new RunStore() {
            @Override
            public void save(RunState run) {
            }

            @Override
            public Optional<RunState> load(String runId) {
                return Optional.empty();
            }

            @Override
            public List<RunState> loadAll() {
                return List.of();
            }

            @Override
            public void requestStop(StopRequest request) {
            }
        };
        messages.engine = new RunEngine(PipelineCatalog.load(Optional.empty()), STORE_LIKE, store, sink,
                Clock.systemUTC(), Duration.ofSeconds(1));
        messages.events = sink;
        messages.ownership = new RunOwnership();
    }

    private RunStatusEvent request(String runId, Map<String, Object> parameters) {
        String json = EventCodec.instance().encode(new RunRequestedEvent(Event.SCHEMA_VERSION, runId, null, null,
                "search", parameters, "test", null));
        messages.received(new ConsumerRecord<>(Topics.RUNS_REQUESTED, 0, 0L, runId, json));
        return published.stream().filter(e -> e instanceof RunStatusEvent s && s.runId().equals(runId)
                && s.stepId().equals(Event.RUN_STEP_ID)).map(e -> (RunStatusEvent) e).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no run event for " + runId + ": " + published));
    }

    @Test
    void aDataSetNameTheStoreRefusesRejectsTheRunNamingTheParameter() {
        for (String bad : List.of("a//b", "./x", "bad\u0001name")) {
            RunStatusEvent answer = request("run-" + Math.abs(bad.hashCode()), Map.of("dataset", bad));
            assertThat(answer.status()).as(bad).isEqualTo(RunStatus.REJECTED);
            assertThat(answer.reason()).as(bad).contains("parameter 'dataset'").contains("artifact name");
        }
    }

    @Test
    void aRangeWhoseWidthIsNotFiniteRejectsTheRunNamingTheParameter() {
        RunStatusEvent answer = request("run-inf", Map.of("space", Map.of("learningRate",
                Map.of("uniform", List.of(-1e308, 1e308)))));
        assertThat(answer.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(answer.reason()).contains("learningRate").contains("finite");
    }

    /** What the run's steps would refuse late (here too few persons for the split) is refused on Kafka as over REST. */
    @Test
    void personsTooFewForTheSplitRejectTheRunNamingTheLeast() {
        RunStatusEvent answer = request("run-few", Map.of("persons", 1));
        assertThat(answer.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(answer.reason()).startsWith("parameter 'persons' is 1, fewer than the 2 persons training needs")
                .endsWith("give at least 2");
    }

    @Test
    void aGoodRequestIsAccepted() {
        assertThat(request("run-ok", Map.of()).status()).isEqualTo(RunStatus.ACCEPTED);
    }

    /**
     * A request that cannot be read but names a run that exists is dead-lettered: until 2026-12-07 its REJECTED
     * event went into that run's events, after its own statuses. One naming no run is still answered REJECTED.
     */
    @Test
    void anUnreadableRequestNamingARunThatExistsIsDeadLetteredNotRejectedIntoIt() {
        assertThat(request("run-here", Map.of()).status()).isEqualTo(RunStatus.ACCEPTED);
        published.clear();
        String misspelt = "{\"schemaVersion\":1,\"runId\":\"%s\",\"pipline\":\"train-and-serve\"}";
        messages.received(new ConsumerRecord<>(Topics.RUNS_REQUESTED, 0, 4L, "run-here",
                misspelt.formatted("run-here")));
        assertThat(published).noneMatch(RunStatusEvent.class::isInstance);
        assertThat(published).filteredOn(DeadLetterEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DeadLetterEvent) e).reason())
                        .startsWith("run id run-here is taken by a run, and this request cannot be read: ")
                        .contains("unknown field 'pipline'"))
                // the dead letter names the run it is about, as the services' do (it said "unknown")
                .satisfies(e -> assertThat(((DeadLetterEvent) e).runId()).isEqualTo("run-here"));
        messages.received(new ConsumerRecord<>(Topics.RUNS_REQUESTED, 0, 5L, "run-new",
                misspelt.formatted("run-new")));
        assertThat(published).filteredOn(RunStatusEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RunStatusEvent) e).status()).isEqualTo(RunStatus.REJECTED));
    }

    /**
     * The owner of a run another orchestrator deleted hears of it on the cancel topic and drops the run (this test's
     * store holds no saved state, as after a deletion); a cancel request for a run still stored only cancels.
     */
    @Test
    void aCancelRequestForAFinishedRunGoneFromTheStoreDropsIt() {
        assertThat(request("run-gone", Map.of()).status()).isEqualTo(RunStatus.ACCEPTED);
        messages.engine.cancel("run-gone", "test");
        String json = EventCodec.instance().encode(RunCancelRequestedEvent.of("run-gone", "the run was deleted",
                "run deletion"));
        messages.received(new ConsumerRecord<>(Topics.RUNS_CANCEL, 0, 1L, "run-gone", json));
        assertThat(messages.engine.find("run-gone")).isEmpty();
    }

    /** A cancel request for a run that exists nowhere is dead-lettered with the reason, not only logged. */
    @Test
    void aCancelRequestForARunThatExistsNowhereIsDeadLettered() {
        String json = EventCodec.instance().encode(RunCancelRequestedEvent.of("run-nobody", "stop it", "test"));
        messages.received(new ConsumerRecord<>(Topics.RUNS_CANCEL, 0, 2L, "run-nobody", json));
        assertThat(published).filteredOn(DeadLetterEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DeadLetterEvent) e).reason()).contains("no run 'run-nobody' to cancel"));
    }

    /** A deletion tells the run's owner on the cancel topic; an owner that does not hold the run has nothing to do. */
    @Test
    void aDeletionsNoticeForARunNotHeldHereIsNoDeadLetter() {
        String json = EventCodec.instance().encode(RunCancelRequestedEvent.of("run-deleted", RunDeleter.DELETED,
                RunDeleter.REQUESTED_BY));
        messages.received(new ConsumerRecord<>(Topics.RUNS_CANCEL, 0, 3L, "run-deleted", json));
        assertThat(published).noneMatch(DeadLetterEvent.class::isInstance);
    }

    /**
     * Step events that fit no step were taken without a word: one for a run that exists nowhere, or a step the run
     * does not have, was dropped; a SUCCEEDED event of the wrong kind of step failed the run, blaming the step it
     * named for outputs it never claimed (a probe of 2026-12-08). Each is dead-lettered now, and the run goes on.
     */
    @Test
    void stepEventsThatFitNoStepAreDeadLetteredAndLeaveTheRunAsItIs() {
        assertThat(request("run-steps", Map.of()).status()).isEqualTo(RunStatus.ACCEPTED);
        StepCommand first = published.stream().filter(StepCommand.class::isInstance).map(StepCommand.class::cast)
                .filter(c -> c.runId().equals("run-steps")).findFirst().orElseThrow();
        StepType other = first.step() == StepType.TRAIN ? StepType.DATAGEN : StepType.TRAIN;
        Map<String, StepStatusEvent> forged = new java.util.LinkedHashMap<>();
        forged.put("no run 'run-ghost' for this step event", StepStatusEvent.succeeded(StepCommand.of("run-ghost",
                first.stepId(), first.step(), 1, Map.of(), Map.of()), Map.of(), Map.of(), false, "w"));
        forged.put("run run-steps has no step 'nosuchstep'; its steps: [", StepStatusEvent.succeeded(
                StepCommand.of("run-steps", "nosuchstep", first.step(), 1, Map.of(), Map.of()), Map.of(), Map.of(),
                false, "w"));
        forged.put("step " + first.stepId() + " of run run-steps is a " + first.step() + " step, and this event is "
                + "from a " + other + " step", StepStatusEvent.succeeded(StepCommand.of("run-steps", first.stepId(),
                other, first.attempt(), Map.of(), Map.of()), Map.of(), Map.of(), false, "w"));
        long offset = 10;
        for (Map.Entry<String, StepStatusEvent> event : forged.entrySet()) {
            published.clear();
            messages.received(new ConsumerRecord<>(Topics.STEPS_EVENTS, 0, offset++, event.getValue().runId(),
                    EventCodec.instance().encode(event.getValue())));
            assertThat(published).as(event.getKey()).filteredOn(DeadLetterEvent.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((DeadLetterEvent) e).reason()).contains(event.getKey()));
        }
        // a service's own job (datagen's POST /datasets) has no run here, and its events are not stray
        published.clear();
        StepStatusEvent job = StepStatusEvent.started(StepCommand.of("datagen-0a1b2c3d", "datagen", StepType.DATAGEN,
                1, Map.of(), Map.of()), "w");
        messages.received(new ConsumerRecord<>(Topics.STEPS_EVENTS, 0, offset, job.runId(),
                EventCodec.instance().encode(job)));
        assertThat(published).isEmpty();
        RunState run = messages.engine.find("run-steps").orElseThrow();
        assertThat(run.status).isNotEqualTo(RunStatus.FAILED);
        assertThat(run.steps.get(first.stepId()).outputs).isEmpty();
    }

    /**
     * A cancel request or step event on another partition than its run id's (a console producer's key) reached a
     * replica that does not drive the run and was dropped without a word; it is published again keyed by the run
     * id, as a run request is, for the run's owner to read.
     */
    @Test
    void aMessageOnAnotherPartitionThanItsRunIdsIsForwardedKeyedByTheRunId() {
        org.apache.kafka.clients.consumer.MockConsumer<String, String> consumer =
                new org.apache.kafka.clients.consumer.MockConsumer<>("earliest");
        List<org.apache.kafka.common.TopicPartition> assigned = new ArrayList<>();
        for (String topic : RunMessages.TOPICS) {
            consumer.updatePartitions(topic, List.of(new org.apache.kafka.common.PartitionInfo(topic, 0, null, null,
                    null), new org.apache.kafka.common.PartitionInfo(topic, 1, null, null, null)));
            assigned.add(new org.apache.kafka.common.TopicPartition(topic, 0));
            assigned.add(new org.apache.kafka.common.TopicPartition(topic, 1));
        }
        messages.ownership.engine = messages.engine;
        messages.ownership.onPartitionsAssigned(consumer, assigned);
        int wrong = 1 - PartitionOwnership.partitionOf("run-elsewhere", 2);
        RunCancelRequestedEvent cancel = RunCancelRequestedEvent.of("run-elsewhere", "stop it", "test");
        messages.received(new ConsumerRecord<>(Topics.RUNS_CANCEL, wrong, 5L, "other-key",
                EventCodec.instance().encode(cancel)));
        StepStatusEvent event = StepStatusEvent.started(StepCommand.of("run-elsewhere", "generate", StepType.DATAGEN,
                1, Map.of(), Map.of()), "w");
        messages.received(new ConsumerRecord<>(Topics.STEPS_EVENTS, wrong, 6L, "other-key",
                EventCodec.instance().encode(event)));
        assertThat(published).containsExactly(cancel, event);
    }
}
