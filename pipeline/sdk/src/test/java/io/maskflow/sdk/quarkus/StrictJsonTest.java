package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

/** REST bodies: nothing after the JSON value, and no fraction cut off a whole-number field. */
class StrictJsonTest {

    record FileEntry(long size, String sha256) {
    }

    record Job(Integer persons, double rate, Boolean promote, String name) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    StrictJsonTest() {
        new StrictJson().customize(mapper);
    }

    @Test
    void aFractionForAWholeNumberIsRefusedNotCut() throws Exception {
        // "size": 1.5 was read as 1
        assertThatThrownBy(() -> mapper.readValue("{\"size\": 1.5, \"sha256\": \"x\"}", FileEntry.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("1.5");
        assertThat(mapper.readValue("{\"size\": 3, \"sha256\": \"x\"}", FileEntry.class).size()).isEqualTo(3);
    }

    @Test
    void aStringForANumberOrATruthValueIsRefusedNotRead() throws Exception {
        // "persons": "1" was read as 1, "promote": "true" as true
        assertThatThrownBy(() -> mapper.readValue("{\"size\": \"12\", \"sha256\": \"x\"}", FileEntry.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("String value (\"12\")");
        assertThatThrownBy(() -> mapper.readValue("{\"persons\": \"1\"}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"rate\": \"0.5\"}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"promote\": \"true\"}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"persons\": \"\"}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        Job job = mapper.readValue("{\"persons\": 1, \"rate\": 0.5, \"promote\": true, \"name\": \"7\"}", Job.class);
        assertThat(job).isEqualTo(new Job(1, 0.5, true, "7"));
    }

    @Test
    void aNumberForATruthValueOrAScalarForAStringIsRefusedNotRead() throws Exception {
        // "paused": 1 was read as true, "name": 7 as "7", "name": false as "false"
        assertThatThrownBy(() -> mapper.readValue("{\"promote\": 1}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"promote\": 0}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": 7}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": 7.5}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": false}", Job.class))
                .isInstanceOf(MismatchedInputException.class);
        // in JSON's words, not Java's ("Cannot coerce Integer value (1) to `java.lang.Boolean` value")
        assertThat(io.maskflow.contracts.json.EventCodec.reason(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> mapper.readValue("{\"promote\": 1}", Job.class), MismatchedInputException.class)))
                .isEqualTo("field 'promote': got 1, a number, where true or false is expected");
        assertThat(io.maskflow.contracts.json.EventCodec.reason(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> mapper.readValue("{\"name\": [\"x\"]}", Job.class), MismatchedInputException.class)))
                .startsWith("field 'name': ").contains("`String`").doesNotContain("java.lang");
        assertThat(mapper.readValue("{\"rate\": 1, \"promote\": null}", Job.class))
                .isEqualTo(new Job(null, 1.0, null, null));
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotTheLastValueTaken() {
        assertThatThrownBy(() -> mapper.readValue("{\"size\": 1, \"sha256\": \"x\", \"size\": 900}",
                FileEntry.class)).hasMessageContaining("Duplicate field 'size'");
    }

    @Test
    void somethingAfterTheValueIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"size\": 3, \"sha256\": \"x\"} 7", FileEntry.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
