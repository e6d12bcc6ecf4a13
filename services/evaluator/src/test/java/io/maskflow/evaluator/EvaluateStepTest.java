package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.sdk.step.StepRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the evaluate step answers before it evaluates anything: bad parameters of a command that may be answered
 * from the cache, and model inputs it cannot order, end the attempt FAILED with the reason, not retried (neither
 * is lost, nor taken for an outage).
 */
class EvaluateStepTest {

    private final MemoryStore store = new MemoryStore();
    private final List<StepStatusEvent> events = new CopyOnWriteArrayList<>();
    private int commands;

    /** Bad parameters and the words their failure names. */
    static Stream<Arguments> badParameters() {
        return Stream.of(Arguments.of(Map.of("bogus", 1), "bogus"), Arguments.of(Map.of("tta", "yes"), "tta"),
                Arguments.of(Map.of("promotionMargin", 5), "promotionMargin"),
                Arguments.of(Map.of("promote", false, "ensemble", "Soft"), "ensemble"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void badParametersAreNotCacheableAndDoNotThrow(Map<String, Object> parameters, String named) {
        StepCommand command = command(parameters, Map.of());
        assertThat(command.cache()).isTrue();
        assertThatCode(() -> new EvaluateStep().cacheable(command)).doesNotThrowAnyException();
        assertThat(new EvaluateStep().cacheable(command)).isFalse();
    }

    @Test
    void onlyACommandThatDoesNotPromoteIsCacheable() {
        assertThat(new EvaluateStep().cacheable(command(Map.of("promote", false), Map.of()))).isTrue();
        assertThat(new EvaluateStep().cacheable(command(Map.of("promote", true), Map.of()))).isFalse();
        assertThat(new EvaluateStep().cacheable(command(Map.of(), Map.of()))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void aCacheableCommandWithBadParametersFailsWithTheirReason(Map<String, Object> parameters, String named)
            throws Exception {
        StepStatusEvent last = handle(command(parameters, Map.of("model", model(), "shards", shards())));

        assertThat(events).extracting(StepStatusEvent::status).containsExactly(StepStatus.STARTED, StepStatus.FAILED);
        assertThat(last.error().code()).isEqualTo("invalid-parameters");
        assertThat(last.error().retryable()).isFalse();
        assertThat(last.error().message()).contains(named);
    }

    @Test
    void aModelInputWhoseNumberDoesNotFitAnIntIsOrderedByItsValue() {
        ArtifactRef zero = ref("m0.zip");
        ArtifactRef largestInt = ref("mmax.zip");
        ArtifactRef huge = ref("mhuge.zip");
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        inputs.put("model-99999999999", huge);
        inputs.put("model-" + Integer.MAX_VALUE, largestInt);
        inputs.put("shards", shards());
        inputs.put("model-0", zero);

        assertThat(EvaluateStep.modelInputs(inputs)).containsExactly(zero, largestInt, huge);
        assertThat(EvaluateStep.modelInputs(Map.of("model-99999999999", huge, "shards", shards())))
                .containsExactly(huge);
    }

    @Test
    void aModelInputNamedOtherwiseIsKeptAfterTheNumberedOnes() {
        // a definition's forEach over names (train-${arch}) gives model-cnn and model-vit
        ArtifactRef one = ref("m1.zip");
        ArtifactRef cnn = ref("cnn.zip");
        ArtifactRef vit = ref("vit.zip");
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        inputs.put("model-vit", vit);
        inputs.put("model-cnn", cnn);
        inputs.put("model-1", one);

        assertThat(EvaluateStep.modelInputs(inputs)).containsExactly(one, cnn, vit);
    }

    @Test
    void modelInputsComeInTheOrderOfTheirNumber() throws Exception {
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        ArtifactRef ten = ref("m10.zip");
        ArtifactRef two = ref("m2.zip");
        ArtifactRef largest = ref("mmax.zip");
        inputs.put("model-10", ten);
        inputs.put("model-" + Integer.MAX_VALUE, largest);
        inputs.put("shards", shards());
        inputs.put("model-2", two);

        assertThat(EvaluateStep.modelInputs(inputs)).containsExactly(two, ten, largest);
        assertThat(EvaluateStep.modelInputs(Map.of("model", ten, "eval", two))).containsExactly(ten);
    }

    private StepCommand command(Map<String, Object> parameters, Map<String, ArtifactRef> inputs) {
        commands++;
        return StepCommand.of("run-" + commands, "evaluate", StepType.EVALUATE, 1, parameters, inputs);
    }

    /** Runs a command through the step runtime as the service does; gives its last event. */
    private StepStatusEvent handle(StepCommand command) throws Exception {
        new StepRuntime(new EvaluateStep(), store, (topic, event) -> {
            if (topic.equals(Topics.STEPS_EVENTS)) {
                events.add((StepStatusEvent) event);
            }
        }, new SimpleMeterRegistry(), "test").handle(command);
        assertThat(events).as("the command's events").isNotEmpty();
        return events.get(events.size() - 1);
    }

    private ArtifactRef model() {
        return ref("models/model.zip");
    }

    private ArtifactRef shards() {
        return ref("shards/index.json");
    }

    private ArtifactRef ref(String key) {
        return store.put(key, key.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }
}
