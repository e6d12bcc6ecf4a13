package io.maskflow.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.events.RunStatus;
import org.junit.jupiter.api.Test;

/** {@code GET /runs?status=}: any case of a status; another word is a 400 listing them, not Java's own message. */
class RunStatusQueryTest {

    @Test
    void aStatusInAnyCaseAndAnUnknownOneNamed() {
        assertThat(RunsResource.runStatus("succeeded")).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RunsResource.runStatus("Running")).isEqualTo(RunStatus.RUNNING);
        // it was "No enum constant io.maskflow.contracts.events.RunStatus.BOGUS"
        assertThatThrownBy(() -> RunsResource.runStatus("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("status must be one of [").hasMessageEndingWith("got 'bogus'")
                .hasMessageNotContaining("io.maskflow");
    }
}
