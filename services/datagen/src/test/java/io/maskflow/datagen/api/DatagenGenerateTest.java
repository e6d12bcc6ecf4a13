package io.maskflow.datagen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.sdk.step.EventSink;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /datasets} called directly, without Quarkus: what is published, and what is refused unpublished. */
class DatagenGenerateTest {

    private final List<EventSink.Outgoing> published = new ArrayList<>();

    private DatagenResource resource() {
        DatagenResource resource = new DatagenResource();
        resource.json = new ObjectMapper();
        resource.events = (topic, event) -> published.add(new EventSink.Outgoing(topic, event));
        return resource;
    }

    private Response generate(String body) throws Exception {
        return resource().generate(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A valid request padded to megabytes (2 MB of spaces inside mixStyles, 200000 maskTypes) is a 413 read no
     * further than the 64 KiB limit, before it is parsed or published; one of a few hundred bytes starts a run.
     */
    @Test
    void aGenerateRequestOverTheLimitIsA413AndNothingIsPublished() throws Exception {
        String padded = "{\"style\": \"mixed\", \"mixStyles\": \"classic," + " ".repeat(2_000_000) + "snapshot\"}";
        String many = "{\"maskTypes\": [" + String.join(",", Collections.nCopies(200_000, "\"surgical\"")) + "]}";
        for (String body : List.of(padded, many)) {
            Response answer = catchThrowableOfType(() -> generate(body), WebApplicationException.class).getResponse();
            assertThat(answer.getStatus()).isEqualTo(413);
            assertThat(answer.getEntity().toString()).contains("larger than the 65536 bytes");
        }
        assertThat(published).isEmpty();

        assertThat(generate("{\"persons\": 5, \"maskTypes\": [\"surgical\", \"n95\"]}").getStatus()).isEqualTo(202);
        assertThat(published).hasSize(1);
    }
}
