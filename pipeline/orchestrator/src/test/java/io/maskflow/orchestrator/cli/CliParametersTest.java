package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code -p name=value}: a value that is JSON keeps its type; one that reads as a number in another way is sent as
 * that number (the services refuse a number sent as text, so {@code learningRate=.001} was refused); the rest is
 * text.
 */
class CliParametersTest {

    @Test
    void numbersWrittenAnyWayAreSentAsNumbersAndTheRestAsText() {
        String[] args = {"submit", "x", "-p", "persons=300", "-p", "learningRate=.001", "-p", "seed=007", "-p",
            "epochs=+3", "-p", "rate=1.", "-p", "promote=true", "-p", "styles=[\"a\",\"b\"]", "-p",
            "heldOutStyle=painted", "-p", "tag=1e999x"};
        Map<String, Object> params = CliArgs.parse(args).parameters();
        assertThat(params).containsEntry("persons", 300).containsEntry("learningRate", 0.001)
                .containsEntry("seed", 7L).containsEntry("epochs", 3L).containsEntry("rate", 1L)
                .containsEntry("promote", true).containsEntry("styles", List.of("a", "b"))
                .containsEntry("heldOutStyle", "painted").containsEntry("tag", "1e999x");
        assertThat(CliArgs.parse("schedule", "create", "n", "--param", "a=1", "-p", "b=2").parameters())
                .containsEntry("a", 1).containsEntry("b", 2);
        assertThatThrownBy(() -> CliArgs.parse("submit", "x", "-p", "novalue"))
                .hasMessage("-p takes name=value, got 'novalue'");
    }
}
