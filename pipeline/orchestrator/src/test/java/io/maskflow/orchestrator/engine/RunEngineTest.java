package io.maskflow.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.orchestrator.ManualClock;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StopRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEngineTest {

    /** A clock the test moves by hand, from 2026-11-28 10:00 UTC. */
    static final class TestClock extends ManualClock {
        TestClock() {
            super(Instant.parse("2026-11-28T10:00:00Z"));
        }
    }

    static final class MemoryRunStore implements RunStore {
        final Map<String, String> saved = new HashMap<>();
        private final ObjectMapper json = EventCodec.instance().mapper();
        /** While true the store is away: every save fails. */
        boolean away;

        @Override
        public void save(RunState run) throws IOException {
            if (away) {
                throw new IOException("the store is away");
            }
            saved.put(run.runId, json.writeValueAsString(run));
        }

        @Override
        public Optional<RunState> load(String runId) throws IOException {
            String text = saved.get(runId);
            return text == null ? Optional.empty() : Optional.of(json.readValue(text, RunState.class));
        }

        @Override
        public List<RunState> loadAll() throws IOException {
            List<RunState> all = new ArrayList<>();
            for (String text : saved.values()) {
                all.add(json.readValue(text, RunState.class));
            }
            return all;
        }

        final List<StopRequest> stops = new ArrayList<>();

        @Override
        public void requestStop(StopRequest request) {
            stops.add(request);
        }
    }

    static final class Sink implements EventSink {
        final List<Event> published = new ArrayList<>();
        /** While true the broker is away: every publish fails. */
        boolean away;

        @Override
        public void publish(String topic, Event event) {
            if (away) {
                throw new IllegalStateException("the broker is away");
            }
            published.add(event);
        }

        List<StepCommand> commands() {
            return published.stream().filter(e -> e instanceof StepCommand).map(e -> (StepCommand) e).toList();
        }

        List<RunStatusEvent> runEvents() {
            return published.stream().filter(e -> e instanceof RunStatusEvent).map(e -> (RunStatusEvent) e)
                    .filter(e -> e.stepId().equals(Event.RUN_STEP_ID)).toList();
        }
    }

    private static final ArtifactRef REF = new ArtifactRef("b", "k", 1, "a".repeat(64));
    private final PipelineCatalog catalog = PipelineCatalog.load(Optional.empty());
    private final TestClock clock = new TestClock();
    private final MemoryRunStore store = new MemoryRunStore();
    private final Sink sink = new Sink();
    private RunEngine engine = new RunEngine(catalog, store, sink, clock, Duration.ofSeconds(1));

    private RunState submit(String pipeline, Map<String, Object> params, String runId) {
        return engine.submit(new RunRequestedEvent(1, runId, null, null, pipeline, params, "test", null));
    }

    private void succeed(StepCommand c, String... outputs) {
        Map<String, ArtifactRef> out = new HashMap<>();
        for (String name : outputs) {
            out.put(name, REF);
        }
        engine.onStepEvent(StepStatusEvent.started(c, "w"));
        engine.onStepEvent(StepStatusEvent.succeeded(c, out, Map.of("macroF1", 0.5), false, "w"));
    }

    private StepCommand last(String stepId) {
        List<StepCommand> commands = sink.commands().stream().filter(c -> c.stepId().equals(stepId)).toList();
        return commands.get(commands.size() - 1);
    }

    @Test
    void runsTrainAndServeStepByStepToTheEnd() {
        RunState run = submit("train-and-serve", Map.of("epochs", 2), "run-1");
        assertThat(run.status).isEqualTo(RunStatus.RUNNING);
        assertThat(sink.commands()).extracting(StepCommand::stepId).containsExactly("generate");
        assertThat(last("generate").parameters()).containsEntry("persons", 4800).containsEntry("style", "mixed");

        succeed(last("generate"), "dataset", "evalInfo");
        assertThat(last("preprocess").inputs()).containsEntry("dataset", REF);
        succeed(last("preprocess"), "shards");
        assertThat(last("train").parameters()).containsEntry("epochs", 2);
        succeed(last("train"), "model");
        assertThat(last("evaluate").inputs()).containsKeys("model", "shards");
        succeed(last("evaluate"), "report");

        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.outputs).containsKeys("model", "report");
        assertThat(sink.runEvents()).extracting(RunStatusEvent::status)
                .containsExactly(RunStatus.ACCEPTED, RunStatus.SUCCEEDED);
        assertThat(sink.runEvents().get(1).outputs()).containsKeys("model", "report");
    }

    /** Runs train-and-serve up to its last step, started; returns that step's command. */
    private StepCommand upToTheLastStep(String runId) {
        submit("train-and-serve", Map.of("epochs", 2), runId);
        succeed(last("generate"), "dataset", "evalInfo");
        succeed(last("preprocess"), "shards");
        succeed(last("train"), "model");
        StepCommand evaluate = last("evaluate");
        engine.onStepEvent(StepStatusEvent.started(evaluate, "w"));
        return evaluate;
    }

    @Test
    void whatTheStoreOrTheBrokerCouldNotTakeIsWrittenAtTheNextTick() throws Exception {
        StepCommand evaluate = upToTheLastStep("run-away");

        // the last step ends while the broker and the store are away: the engine has it, nobody else yet
        store.away = true;
        sink.away = true;
        long version = store.load("run-away").orElseThrow().version;
        assertThatThrownBy(() -> engine.onStepEvent(StepStatusEvent.succeeded(evaluate, Map.of("report", REF),
                Map.of(), false, "w"))).hasMessageContaining("cannot save run run-away");
        assertThat(engine.find("run-away").orElseThrow().status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(engine.find("run-away").orElseThrow().version).as("no version for a save that failed")
                .isEqualTo(version);
        assertThat(store.load("run-away").orElseThrow().status).isEqualTo(RunStatus.RUNNING);

        // the broker comes back: the run's end goes out at the next tick, its save still waits for the store
        sink.away = false;
        assertThatThrownBy(engine::tick).hasMessageContaining("cannot save run run-away");
        assertThat(sink.runEvents()).extracting(RunStatusEvent::status)
                .containsExactly(RunStatus.ACCEPTED, RunStatus.SUCCEEDED);

        store.away = false;
        engine.tick();
        assertThat(store.load("run-away").orElseThrow().status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(store.load("run-away").orElseThrow().version).isEqualTo(version + 1);
        engine.tick();
        assertThat(sink.runEvents()).as("sent once").hasSize(2);
    }

    @Test
    void eventsTheBrokerKeepsRefusingAreDroppedAndTheRunIsSavedMeanwhile() throws Exception {
        StepCommand evaluate = upToTheLastStep("run-refused");
        sink.away = true;
        assertThatThrownBy(() -> engine.onStepEvent(StepStatusEvent.succeeded(evaluate, Map.of("report", REF),
                Map.of(), false, "w"))).hasMessageContaining("the broker is away");
        assertThat(store.load("run-refused").orElseThrow().status).as("saved though its events were not sent")
                .isEqualTo(RunStatus.SUCCEEDED);
        for (int i = 1; i < PendingWrites.PUBLISH_TRIES; i++) {
            assertThatThrownBy(engine::tick).hasMessageContaining("the broker is away");
        }
        // refused as often as it is tried: dropped, and the engine goes on without them
        engine.tick();
        sink.away = false;
        engine.tick();
        assertThat(sink.runEvents()).extracting(RunStatusEvent::status).containsExactly(RunStatus.ACCEPTED);
    }

    /** Reports epochs 1, 2, … of a training with the given validation macro F1s. */
    private void epochs(StepCommand c, double... figures) {
        engine.onStepEvent(StepStatusEvent.started(c, "w"));
        epochsFrom(c, 1, figures);
    }

    /** Reports epochs {@code first}, {@code first + 1}, … with the given validation macro F1s. */
    private void epochsFrom(StepCommand c, int first, double... figures) {
        long total = ((Number) c.parameters().getOrDefault("epochs", 4)).longValue();
        for (int i = 0; i < figures.length; i++) {
            engine.onStepEvent(StepStatusEvent.progress(c, new Progress("epoch", first + i, total, null,
                    Map.of("valMacroF1", figures[i])), "w"));
        }
    }

    @Test
    void successiveHalvingStopsTheWeakTrialAndTheRunGoesOnWithoutIt() {
        RunState run = submit("search", Map.of("trials", 3, "epochs", 4, "halvingSchedule", "async",
                "halvingMinEpochs", 2), "run-s");
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        assertThat(sink.commands()).extracting(StepCommand::stepId).containsSubsequence("trial-0", "trial-1",
                "trial-2");
        assertThat(last("trial-1").parameters()).containsKeys("architecture", "learningRate", "weightDecay")
                .containsEntry("epochs", 4);

        epochs(last("trial-0"), 0.5, 0.6, 0.7, 0.7);
        succeed(last("trial-0"), "model");
        epochs(last("trial-1"), 0.4, 0.5);
        assertThat(run.steps.get("trial-1").phase).as("two at the first rung: too few to compare")
                .isEqualTo(StepPhase.RUNNING);
        epochs(last("trial-2"), 0.3, 0.35);
        StepState pruned = run.steps.get("trial-2");
        assertThat(pruned.phase).isEqualTo(StepPhase.PRUNED);
        assertThat(pruned.pruned).contains("epoch 2").contains("0.3500");
        assertThat(store.stops).extracting(StopRequest::stepId).containsExactly("trial-2");
        assertThat(sink.commands()).extracting(StepCommand::stepId).doesNotContain("evaluate");

        epochsFrom(last("trial-1"), 3, 0.6, 0.65);
        succeed(last("trial-1"), "model");
        assertThat(last("evaluate").inputs()).containsKeys("model-0", "model-1", "shards")
                .doesNotContainKey("model-2");
        engine.onStepEvent(StepStatusEvent.cancelled(last("trial-2"), "stopped", "w"));
        assertThat(pruned.phase).as("the stopped worker's answer changes nothing").isEqualTo(StepPhase.PRUNED);
        succeed(last("evaluate"), "report", "best");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.outputs).containsKeys("model", "report");
    }

    /** A search of three trials in the synchronous schedule, its trials dispatched. */
    private RunState synchronousSearch(int epochs, String runId) {
        RunState run = submit("search", Map.of("trials", 3, "epochs", epochs, "halvingMinEpochs", 2), runId);
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        return run;
    }

    @Test
    void theSynchronousScheduleHoldsTrialsAtTheRungThenResumesTheBestFromTheirCheckpoints() {
        RunState run = synchronousSearch(4, "run-y");
        StepCommand first = last("trial-0");
        epochs(first, 0.5, 0.6);
        StepState t0 = run.steps.get("trial-0");
        assertThat(t0.phase).isEqualTo(StepPhase.PAUSED);
        assertThat(t0.waitingAt).isEqualTo(2L);
        assertThat(store.stops).extracting(StopRequest::stepId).containsExactly("trial-0");
        // the stopped attempt finished another epoch before it saw the stop: kept in the curve; its end moves nothing
        epochsFrom(first, 3, 0.9);
        engine.onStepEvent(StepStatusEvent.cancelled(first, "stopped", "w"));
        assertThat(t0.phase).isEqualTo(StepPhase.PAUSED);
        assertThat(t0.history).hasSize(3);

        epochs(last("trial-1"), 0.4, 0.5);
        assertThat(run.steps.get("trial-1").phase).as("trial-2 can still reach the rung").isEqualTo(StepPhase.PAUSED);
        epochs(last("trial-2"), 0.3, 0.7);
        // at epoch 2: trial-2 0.7, trial-0 0.6 (its epoch 3 does not count there), trial-1 0.5: 1 of 3 goes on
        assertThat(t0.phase).isEqualTo(StepPhase.PRUNED);
        assertThat(t0.pruned).contains("valMacroF1 0.6000").contains("needed 0.7000");
        assertThat(run.steps.get("trial-1").phase).isEqualTo(StepPhase.PRUNED);
        // trial-2 goes on, but not before the attempt it was paused from has stopped: one attempt at a time
        assertThat(last("trial-2").attempt()).isEqualTo(1);
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.PAUSED);
        engine.onStepEvent(StepStatusEvent.cancelled(last("trial-2"), "stopped", "w"));
        StepCommand resumed = last("trial-2");
        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.DISPATCHED);

        // a failure after the resume is still retried: the resume did not use up the trial's one retry
        engine.onStepEvent(StepStatusEvent.failed(resumed, new StepError("internal-error", "disk full", true), "w"));
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.RETRY_WAIT);
        clock.now = clock.now.plusSeconds(1);
        engine.tick();
        StepCommand retry = last("trial-2");
        assertThat(retry.attempt()).isEqualTo(3);
        engine.onStepEvent(StepStatusEvent.started(retry, "w"));
        epochsFrom(retry, 3, 0.72, 0.75);
        assertThat(run.steps.get("trial-2").phase).as("epoch 4 is the last: no rung").isEqualTo(StepPhase.RUNNING);
        succeed(retry, "model");
        assertThat(last("evaluate").inputs()).containsKeys("model-2", "shards").doesNotContainKeys("model-0",
                "model-1");
        succeed(last("evaluate"), "report", "best");
        assertThat(run.status).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aPausedAttemptThatTrainsOnPastTheNextRungWaitsThereInsteadOfResuming() {
        RunState run = submit("search", Map.of("trials", 4, "epochs", 4, "halvingSchedule", "sync",
                "halvingMinEpochs", 1, "halvingEta", 2), "run-o");
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        StepCommand first = last("trial-0");
        epochs(first, 0.9);
        epochs(last("trial-1"), 0.8);
        engine.onStepEvent(StepStatusEvent.cancelled(last("trial-1"), "stopped", "w"));
        epochs(last("trial-2"), 0.3);
        epochs(last("trial-3"), 0.2);
        // rung 1: trial-0 and trial-1 go on; trial-1 resumes at once, trial-0's attempt has not stopped yet
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.PRUNED);
        assertThat(last("trial-1").attempt()).isEqualTo(2);
        assertThat(last("trial-0").attempt()).isEqualTo(1);
        epochsFrom(first, 2, 0.5);
        engine.onStepEvent(StepStatusEvent.cancelled(first, "stopped", "w"));
        StepState t0 = run.steps.get("trial-0");
        assertThat(t0.history).extracting(StepState.EpochPoint::done).containsExactly(1L, 2L);
        assertThat(t0.phase).as("it reached rung 2 while paused: judged there with trial-1").isEqualTo(
                StepPhase.PAUSED);
        assertThat(t0.waitingAt).isEqualTo(2L);
        assertThat(last("trial-0").attempt()).isEqualTo(1);

        StepCommand second = last("trial-1");
        engine.onStepEvent(StepStatusEvent.started(second, "w"));
        epochsFrom(second, 2, 0.7);
        // rung 2: best up to the rung, trial-0 0.9 against trial-1 0.8; one of two goes on
        assertThat(run.steps.get("trial-1").phase).isEqualTo(StepPhase.PRUNED);
        assertThat(last("trial-0").attempt()).isEqualTo(2);
        assertThat(t0.resumes).isEqualTo(1);
        assertThat(t0.attempts).hasSize(2);
    }

    @Test
    void aPausedTrialWhoseWorkerNeverAnswersResumesAtItsAttemptsDeadline() {
        RunState run = synchronousSearch(3, "run-d");
        epochs(last("trial-0"), 0.9, 0.9);
        epochs(last("trial-1"), 0.4, 0.5);
        epochs(last("trial-2"), 0.3, 0.4);
        StepState t0 = run.steps.get("trial-0");
        assertThat(t0.phase).isEqualTo(StepPhase.PAUSED);
        engine.tick();
        assertThat(last("trial-0").attempt()).isEqualTo(1);
        clock.now = t0.deadline.plusSeconds(1);
        engine.tick();
        assertThat(last("trial-0").attempt()).isEqualTo(2);
        assertThat(t0.phase).isEqualTo(StepPhase.DISPATCHED);
    }

    @Test
    void aTrialThatFinishesWhilePausedIsDoneAndCountsAtTheRung() {
        RunState run = synchronousSearch(3, "run-z");
        StepCommand first = last("trial-0");
        epochs(first, 0.5, 0.9);
        epochsFrom(first, 3, 0.9);
        succeed(first, "model");
        assertThat(run.steps.get("trial-0").phase).as("its last epoch was done before the stop arrived")
                .isEqualTo(StepPhase.SUCCEEDED);
        epochs(last("trial-1"), 0.4, 0.5);
        epochs(last("trial-2"), 0.3, 0.4);
        assertThat(run.steps.get("trial-1").phase).isEqualTo(StepPhase.PRUNED);
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.PRUNED);
        assertThat(last("evaluate").inputs()).containsKey("model-0").doesNotContainKeys("model-1", "model-2");
    }

    @Test
    void aSearchWithHalvingOffRunsEveryTrialToTheEnd() {
        RunState run = submit("search", Map.of("trials", 3, "epochs", 4, "halvingEta", 1), "run-g");
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        epochs(last("trial-0"), 0.5, 0.6);
        epochs(last("trial-1"), 0.4, 0.5);
        epochs(last("trial-2"), 0.3, 0.35);
        assertThat(run.steps.get("trial-2").phase).isEqualTo(StepPhase.RUNNING);
        assertThat(store.stops).isEmpty();
    }

    @Test
    void parallelBranchesAreDispatchedTogether() {
        submit("kfold-ensemble", Map.of("folds", 3), "run-k");
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        assertThat(sink.commands()).extracting(StepCommand::stepId)
                .containsExactly("generate", "preprocess", "train-0", "train-1", "train-2");
        succeed(last("train-1"), "model");
        succeed(last("train-0"), "model");
        assertThat(sink.commands()).extracting(StepCommand::stepId).doesNotContain("evaluate");
        succeed(last("train-2"), "model");
        assertThat(last("evaluate").inputs()).containsKeys("model-0", "model-1", "model-2", "shards");
    }

    @Test
    void aFailingStepIsRetriedWithBackoffThenFailsTheRunWithItsError() {
        RunState run = submit("train-and-serve", Map.of(), "run-2");
        StepCommand first = last("generate");
        engine.onStepEvent(StepStatusEvent.failed(first, new StepError("internal-error", "disk full", true), "w"));
        assertThat(run.steps.get("generate").phase).isEqualTo(StepPhase.RETRY_WAIT);
        engine.tick();
        assertThat(sink.commands()).hasSize(1);
        clock.now = clock.now.plusSeconds(1);
        engine.tick();
        StepCommand second = last("generate");
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.idempotencyKey()).isNotEqualTo(first.idempotencyKey());

        engine.onStepEvent(StepStatusEvent.failed(second, new StepError("internal-error", "disk full", true), "w"));
        clock.now = clock.now.plusSeconds(1);
        engine.tick();
        assertThat(sink.commands()).as("backoff doubled").hasSize(2);
        clock.now = clock.now.plusSeconds(1);
        engine.tick();
        StepCommand third = last("generate");
        assertThat(third.attempt()).isEqualTo(3);
        engine.onStepEvent(StepStatusEvent.failed(third, new StepError("internal-error", "disk full", true), "w"));

        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(run.reason).isEqualTo("step generate failed after 3 attempt(s): internal-error: disk full");
        assertThat(run.steps.get("preprocess").phase).isEqualTo(StepPhase.CANCELLED);
    }

    @Test
    void aUserErrorIsNotRetried() {
        RunState run = submit("train-and-serve", Map.of(), "run-3");
        engine.onStepEvent(StepStatusEvent.failed(last("generate"), new StepError("invalid-parameters", "bad",
                false), "w"));
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(sink.commands()).hasSize(1);
    }

    @Test
    void anAttemptPastItsTimeoutCountsAsFailed() {
        RunState run = submit("train-and-serve", Map.of(), "run-4");
        engine.onStepEvent(StepStatusEvent.started(last("generate"), "w"));
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        engine.tick();
        assertThat(run.steps.get("generate").error.code()).isEqualTo("timeout");
        assertThat(run.steps.get("generate").phase).isEqualTo(StepPhase.RETRY_WAIT);
        // a late answer of the timed-out attempt changes nothing
        succeed(sink.commands().get(0), "dataset");
        assertThat(run.steps.get("generate").phase).isEqualTo(StepPhase.RETRY_WAIT);
    }

    @Test
    void aTimedOutAttemptIsAskedToStopBeforeItsRetryIsSentAndItsLateEndIsNoted() {
        RunState run = submit("train-and-serve", Map.of(), "run-t");
        StepCommand first = last("generate");
        engine.onStepEvent(StepStatusEvent.started(first, "w1"));
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        engine.tick();
        assertThat(store.stops).singleElement().satisfies(stop -> {
            assertThat(stop.stepId()).isEqualTo("generate");
            assertThat(stop.attempt()).isEqualTo(1);
            assertThat(stop.reason()).contains("took longer than");
        });
        clock.now = clock.now.plusSeconds(1);
        engine.tick();
        assertThat(last("generate").attempt()).isEqualTo(2);

        Instant stoppedAt = clock.now.plusSeconds(2);
        engine.onStepEvent(new StepStatusEvent(1, first.runId(), first.stepId(), first.idempotencyKey() + "/c",
                first.step(), StepStatus.CANCELLED, 1, null, Map.of(), Map.of(), false,
                new StepError(StepStatusEvent.STOPPED, "timed out", false), "w1", stoppedAt));
        StepState step = run.steps.get("generate");
        assertThat(step.phase).as("the retry is not disturbed").isEqualTo(StepPhase.DISPATCHED);
        assertThat(step.attempts).extracting(a -> a.attempt).containsExactly(1, 2);
        assertThat(step.attempts.get(0).stopRequestedAt).isNotNull();
        assertThat(step.attempts.get(0).endedAt).isEqualTo(stoppedAt);
        assertThat(step.attempts.get(0).outcome).isEqualTo("cancelled");
        assertThat(step.attempts.get(1).stopRequestedAt).isNull();
    }

    @Test
    void cancellingARunAsksItsRunningStepsToStopAndNotesWhenTheyDid() throws Exception {
        RunState run = submit("kfold-ensemble", Map.of("folds", 2), "run-s");
        succeed(last("generate"), "dataset");
        succeed(last("preprocess"), "shards");
        engine.onStepEvent(StepStatusEvent.started(last("train-0"), "w0"));
        engine.cancel("run-s", "cancelled through the API");

        assertThat(store.stops).extracting(StopRequest::stepId).containsExactlyInAnyOrder("train-0", "train-1");
        assertThat(store.stops).allSatisfy(stop -> assertThat(stop.reason()).contains("cancelled through the API"));
        clock.now = clock.now.plusSeconds(3);
        engine.onStepEvent(StepStatusEvent.cancelled(last("train-0"), "the run cancelled", "w0"));
        AttemptState attempt = run.steps.get("train-0").attempts.get(0);
        assertThat(attempt.outcome).isEqualTo("cancelled");
        assertThat(attempt.endedAt).isAfter(attempt.stopRequestedAt);
        assertThat(run.status).isEqualTo(RunStatus.CANCELLED);
        assertThat(store.load("run-s")).get().satisfies(saved -> assertThat(saved.steps.get("train-0").attempts
                .get(0).outcome).as("the late end is saved").isEqualTo("cancelled"));
    }

    @Test
    void cancellingStopsDispatching() {
        RunState run = submit("train-and-serve", Map.of(), "run-5");
        engine.cancel("run-5", "changed my mind");
        succeed(last("generate"), "dataset");
        assertThat(run.status).isEqualTo(RunStatus.CANCELLED);
        assertThat(sink.commands()).hasSize(1);
        assertThat(run.steps.values()).allMatch(s -> s.phase == StepPhase.CANCELLED);
    }

    @Test
    void theSameRequestTwiceMakesOneRunAndABadOneIsRejected() {
        RunState first = submit("train-and-serve", Map.of(), "run-6");
        RunState second = submit("train-and-serve", Map.of(), "run-6");
        assertThat(second).isSameAs(first);
        assertThat(sink.commands()).hasSize(1);
        // another request under the same id is refused (RunIdTakenTest), not answered with this run
        assertThatThrownBy(() -> submit("train-and-serve", Map.of("epochs", 9), "run-6"))
                .isInstanceOf(RunIdTakenException.class);

        RunState rejected = submit("no-such-pipeline", Map.of(), "run-7");
        assertThat(rejected.status).isEqualTo(RunStatus.REJECTED);
        assertThat(rejected.reason).contains("no pipeline 'no-such-pipeline'");
        RunState badParam = submit("train-and-serve", Map.of("epochs", "many"), "run-8");
        assertThat(badParam.reason).isEqualTo("parameter 'epochs' must be int, got 'many'");
        assertThat(sink.runEvents()).filteredOn(e -> e.status() == RunStatus.REJECTED).hasSize(2);
    }

    @Test
    void aRunWhoseDataSetTheStoreCannotLookUpIsNotKeptSoItCanBeSentAgain() {
        engine = new RunEngine(catalog, (value, kind) -> {
            throw new UncheckedIOException("cannot look up data set '" + value + "'",
                    new IOException("connection refused"));
        }, store, sink, clock, Duration.ofSeconds(1));
        assertThatThrownBy(() -> submit("train-on-dataset", Map.of("dataset", "s3://maskflow/x/"), "run-ns"))
                .isInstanceOf(NotSubmittedException.class)
                .hasMessageStartingWith("run run-ns was not started: cannot look up data set");
        assertThat(engine.find("run-ns")).isEmpty();
        assertThat(sink.runEvents()).noneMatch(e -> e.runId().equals("run-ns"));
    }

    @Test
    void aRestartedEngineCarriesOnWithTheRunsItFindsInTheStore() throws Exception {
        submit("train-and-serve", Map.of(), "run-9");
        StepCommand generate = last("generate");
        engine.onStepEvent(StepStatusEvent.started(generate, "w"));
        engine.onStepEvent(StepStatusEvent.progress(generate, Progress.of("persons", 3, 80), "w"));

        engine = new RunEngine(catalog, store, sink, clock, Duration.ofSeconds(1));
        assertThat(engine.recover()).isEqualTo(1);
        RunState recovered = engine.find("run-9").orElseThrow();
        assertThat(recovered.steps.get("generate").phase).isEqualTo(StepPhase.RUNNING);
        assertThat(recovered.steps.get("generate").progress.done()).isEqualTo(3);
        succeed(generate, "dataset");
        assertThat(last("preprocess").runId()).isEqualTo("run-9");
        assertThat(last("preprocess").step()).isEqualTo(StepType.PREPROCESS);
    }

    @Test
    void aCachedStepCompletesAtOnceWithItsEarlierOutputs() {
        RunState run = submit("train-and-serve", Map.of(), "run-10");
        engine.onStepEvent(StepStatusEvent.succeeded(last("generate"), Map.of("dataset", REF), Map.of(), true,
                "w"));
        assertThat(run.steps.get("generate").cached).isTrue();
        assertThat(last("preprocess").inputs()).containsEntry("dataset", REF);
    }

    @Test
    void aMissingOutputFailsTheRunNamingIt() {
        RunState run = submit("train-and-serve", Map.of(), "run-11");
        succeed(last("generate"), "somethingElse");
        assertThat(run.status).isEqualTo(RunStatus.FAILED);
        assertThat(run.reason).contains("produced no output 'dataset'");
        assertThat(sink.published).filteredOn(e -> e instanceof RunStatusEvent r && !r.stepId().equals("run"))
                .isNotEmpty();
    }
}
