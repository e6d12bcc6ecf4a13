package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the framework's own refusals become. */
class ErrorResponsesTest {

    private final ErrorResponses responses = new ErrorResponses();

    /** As the framework throws it for {@code ?page=x} where a number is taken: a 404 caused by the conversion. */
    @Test
    void aParameterOfTheWrongTypeIsA400ThatSaysWhy() {
        Response answer = responses.webApplication(new NotFoundException(
                new NumberFormatException("For input string: \"x\"")));

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(((Map<?, ?>) answer.getEntity()).get("error").toString())
                .contains("parameter is not of the type", "For input string: \"x\"");
    }

    /** An answer a service built itself and threw (a 413 naming its limit) goes out as it was written. */
    @Test
    void anAnswerTheServiceWroteKeepsItsReasonAndHeaders() {
        Response written = Response.fromResponse(ErrorResponses.json(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is larger than the 10 bytes a test takes")).header("Connection", "close").build();

        Response answer = responses.webApplication(new WebApplicationException(written));

        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getHeaderString("Connection")).isEqualTo("close");
        assertThat(((Map<?, ?>) answer.getEntity()).get("error")).isEqualTo(
                "the body is larger than the 10 bytes a test takes");
    }

    @Test
    void aResourceThatIsNotThereStaysA404() {
        assertThat(responses.webApplication(new NotFoundException("no run 'r1'")).getStatus()).isEqualTo(404);
        assertThat(responses.webApplication(new NotFoundException(new NotFoundException("gone"))).getStatus())
                .isEqualTo(404);
        assertThat(responses.webApplication(new BadRequestException("bad")).getStatus()).isEqualTo(400);
    }

    /** What {@code readJsonAtMost} is given by an endpoint's record type; its check refuses a missing value. */
    record Checked(String name) {
        Checked {
            if (name == null) {
                throw new IllegalArgumentException("a name is needed");
            }
        }
    }

    /**
     * A record's own check says what was wrong with a body an endpoint read itself, as with one the framework read
     * (it was "Cannot construct instance of ..., problem: a name is needed"); a body that does not parse names the
     * parser's reason; one over the limit is a 413 naming it.
     */
    @Test
    void aBodyAnEndpointReadsItselfIsRefusedAsTheFrameworkWouldRefuseIt() {
        ObjectMapper json = new ObjectMapper();
        Response missing = responses.unreadableJson(catchThrowableOfType(() -> read(json, "{}"),
                JsonProcessingException.class));
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(((Map<?, ?>) missing.getEntity()).get("error")).isEqualTo("invalid body: a name is needed");
        Response broken = responses.unreadableJson(catchThrowableOfType(() -> read(json, "{\"name\": "),
                JsonProcessingException.class));
        assertThat((String) ((Map<?, ?>) broken.getEntity()).get("error")).startsWith("invalid body: Unexpected end");
        Response large = catchThrowableOfType(() -> read(json, "{\"name\": \"" + "x".repeat(100) + "\"}"),
                WebApplicationException.class).getResponse();
        assertThat(large.getStatus()).isEqualTo(413);
        assertThat(large.getEntity().toString()).contains("the body is larger than the 64 bytes a test takes");
    }

    private static Checked read(ObjectMapper json, String body) throws IOException {
        return BodyLimitResponses.readJsonAtMost(json, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                64, "a test takes", Checked.class);
    }
}
