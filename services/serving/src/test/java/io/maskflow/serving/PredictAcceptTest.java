package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which Accept headers take /predict's JSON answer (the framework did not check them for /predict). */
class PredictAcceptTest {

    @Test
    void jsonOrAnyRangeHoldingItIsTakenOtherTypesAreNot() {
        assertThat(PredictResource.acceptsJson(null)).isTrue();
        assertThat(PredictResource.acceptsJson("")).isTrue();
        assertThat(PredictResource.acceptsJson("application/json")).isTrue();
        assertThat(PredictResource.acceptsJson("*/*")).isTrue();
        assertThat(PredictResource.acceptsJson("text/csv;q=0.9, application/*;q=0.1")).isTrue();
        assertThat(PredictResource.acceptsJson("text/csv")).isFalse();
        assertThat(PredictResource.acceptsJson("image/jpeg, text/html")).isFalse();
        assertThat(PredictResource.acceptsJson("not a type")).isFalse();
        assertThat(PredictResource.acceptsJson("application/json;q=0, text/csv")).isFalse();
        assertThat(PredictResource.acceptsJson("application/json;q=x")).isFalse();
    }
}
