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
    void somethingAfterTheValueIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"size\": 3, \"sha256\": \"x\"} 7", FileEntry.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
