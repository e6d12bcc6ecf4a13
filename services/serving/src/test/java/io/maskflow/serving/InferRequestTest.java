package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A v2 body's values are kept up to the limit of the model served when it is read; a model of larger images
 * swapped in before the answer cannot be given the values past that limit as zeros.
 */
class InferRequestTest {

    private static InferRequest read(int values, long maxValues) throws Exception {
        String data = IntStream.rangeClosed(1, values).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[" + values + "],\"data\":["
                + data + "]}]}";
        return InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                maxValues);
    }

    @Test
    void valuesWithinTheLimitAreGivenBack() throws Exception {
        assertThat(read(12, 12).data().numbers(12)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void valuesCountedPastTheLimitAreNotGivenBackAsZeros() throws Exception {
        InferRequest request = read(3000, 2048);
        assertThat(request.data().count()).isEqualTo(3000);
        assertThatThrownBy(() -> request.data().numbers(3000))
                .isInstanceOf(InferenceProtocolResource.BadInput.class)
                .hasMessageContaining("which takes at most 2048; the model served since takes 3000");
    }

    @Test
    void aDimensionWithAFractionIsNoDimension() throws Exception {
        String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1.5,3],\"data\":[1,2,3]}]}";
        InferRequest request = InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                body.getBytes(StandardCharsets.UTF_8)), 100);
        // 1.5 was read as 1, and [1, 3] matched the three values
        assertThat(request.shape()).containsExactly(-1L, 3L);
    }

    /** A request id that is no string was given back as one ("123" for 123, "" for an object) until 2026-12-07. */
    @Test
    void anIdIsAStringOrNothing() throws Exception {
        String body = "{\"id\":%s,\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1],"
                + "\"data\":[1]}]}";
        for (String[] bad : new String[][] {{"123", "a number"}, {"{\"a\":1}", "an object"}, {"[\"x\"]", "a list"},
                {"true", "true or false"}}) {
            assertThatThrownBy(() -> InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                    body.formatted(bad[0]).getBytes(StandardCharsets.UTF_8)), 100))
                    .isInstanceOf(InferenceProtocolResource.BadInput.class)
                    .hasMessage("'id' is a string the answer gives back, got " + bad[1]);
        }
        assertThatThrownBy(() -> InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                body.formatted("\"" + "i".repeat(257) + "\"").getBytes(StandardCharsets.UTF_8)), 100))
                .hasMessage("'id' has 257 characters; at most 256 are given back");
        assertThat(InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                body.formatted("\"req-7\"").getBytes(StandardCharsets.UTF_8)), 100).id()).isEqualTo("req-7");
        assertThat(InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                body.formatted("null").getBytes(StandardCharsets.UTF_8)), 100).id()).isNull();
    }

    @Test
    void aBytesElementThatIsNoStringHasNoText() throws Exception {
        String body = "{\"inputs\":[{\"name\":\"image\",\"datatype\":\"BYTES\",\"shape\":[3],"
                + "\"data\":[{\"a\":1},null,\"aGk=\"]}]}";
        InferRequest request = InferRequest.read(new ObjectMapper(), new ByteArrayInputStream(
                body.getBytes(StandardCharsets.UTF_8)), 100);
        // an object was given the text "" and answered "element 0 of 'image' is empty"
        assertThat(request.data().text(0)).isNull();
        assertThat(request.data().text(1)).isNull();
        assertThat(request.data().text(2)).isEqualTo("aGk=");
    }
}
