package io.maskflow.orchestrator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.TopicWatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays the step services in orchestrator tests: answers commands on the step topics with STARTED and SUCCEEDED
 * events carrying one output named as the real service names it, as a service built on the SDK would.
 */
final class StepPlayer {

    static final Map<StepType, String> OUTPUT = Map.of(StepType.DATAGEN, "dataset", StepType.PREPROCESS, "shards",
            StepType.TRAIN, "model", StepType.EVALUATE, "report");

    private final TopicWatcher kafka;
    private final EventCodec codec = EventCodec.instance();
    private final Set<String> answered = new HashSet<>();

    StepPlayer(TopicWatcher kafka) {
        this.kafka = kafka;
    }

    /** Answers every new command that matches; returns the commands answered. */
    List<StepCommand> answer(Predicate<StepCommand> which) {
        List<StepCommand> done = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.seen()) {
            String position = r.topic() + "-" + r.partition() + "@" + r.offset();
            if (!r.topic().startsWith(Topics.STEP_COMMANDS_PREFIX) || answered.contains(position)) {
                continue;
            }
            StepCommand c = codec.decode(r.value(), StepCommand.class);
            if (!which.test(c)) {
                continue;
            }
            answered.add(position);
            ArtifactRef out = new ArtifactRef("maskflow", "fake/" + c.runId() + "/" + c.stepId(), 1, "b".repeat(64));
            kafka.send(Topics.STEPS_EVENTS, c.runId(), codec.encode(StepStatusEvent.started(c, "fake")));
            kafka.send(Topics.STEPS_EVENTS, c.runId(), codec.encode(StepStatusEvent.succeeded(c,
                    Map.of(OUTPUT.get(c.step()), out), Map.of(), false, "fake")));
            done.add(c);
        }
        return done;
    }

    /** Answers every new command that matches with STARTED and a retryable FAILED; returns how many. */
    int fail(Predicate<StepCommand> which, String message) {
        int failed = 0;
        for (ConsumerRecord<String, String> r : kafka.seen()) {
            String position = r.topic() + "-" + r.partition() + "@" + r.offset();
            if (!r.topic().startsWith(Topics.STEP_COMMANDS_PREFIX) || answered.contains(position)) {
                continue;
            }
            StepCommand c = codec.decode(r.value(), StepCommand.class);
            if (which.test(c)) {
                answered.add(position);
                kafka.send(Topics.STEPS_EVENTS, c.runId(), codec.encode(StepStatusEvent.started(c, "fake")));
                kafka.send(Topics.STEPS_EVENTS, c.runId(), codec.encode(StepStatusEvent.failed(c,
                        new StepError("internal-error", message, true), "fake")));
                failed++;
            }
        }
        return failed;
    }

    /** Every command seen for a run, in the order seen. */
    List<StepCommand> commandsOf(String runId) {
        return kafka.seen().stream().filter(r -> r.topic().startsWith(Topics.STEP_COMMANDS_PREFIX))
                .map(r -> codec.decode(r.value(), StepCommand.class)).filter(c -> c.runId().equals(runId)).toList();
    }

    /** The command topic of a train-and-serve step id. */
    static String commandTopicOf(String stepId) {
        return switch (stepId) {
            case "generate" -> StepType.DATAGEN.commandTopic();
            case "preprocess" -> StepType.PREPROCESS.commandTopic();
            case "train" -> StepType.TRAIN.commandTopic();
            default -> StepType.EVALUATE.commandTopic();
        };
    }

    static TopicWatcher watch(LocalStack stack) {
        return new TopicWatcher(stack, StepType.DATAGEN.commandTopic(), StepType.PREPROCESS.commandTopic(),
                StepType.TRAIN.commandTopic(), StepType.EVALUATE.commandTopic(), Topics.RUNS_EVENTS,
                Topics.DEAD_LETTER);
    }
}
