package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Accept headers take /predict's JSON answer (the framework did not check them for /predict). */
class PredictAcceptTest {

    @Test
    void jsonOrAnyRangeHoldingItIsTakenOtherTypesAreNot() {
        assertThat(PredictResource.acceptsJson(null)).isTrue();
        assertThat(PredictResource.acceptsJson(List.of(""))).isTrue();
        assertThat(PredictResource.acceptsJson(List.of("application/json"))).isTrue();
        assertThat(PredictResource.acceptsJson(List.of("*/*"))).isTrue();
        assertThat(PredictResource.acceptsJson(List.of("text/csv;q=0.9, application/*;q=0.1"))).isTrue();
        assertThat(PredictResource.acceptsJson(List.of("text/csv"))).isFalse();
        assertThat(PredictResource.acceptsJson(List.of("image/jpeg, text/html"))).isFalse();
        assertThat(PredictResource.acceptsJson(List.of("not a type"))).isFalse();
        assertThat(PredictResource.acceptsJson(List.of("application/json;q=0, text/csv"))).isFalse();
        assertThat(PredictResource.acceptsJson(List.of("application/json;q=x"))).isFalse();
        // every Accept header of a request counts (the second one was not read)
        assertThat(PredictResource.acceptsJson(List.of("text/csv", "application/json"))).isTrue();
        assertThat(PredictResource.acceptsJson(List.of())).isTrue();
    }
}
