package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
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
}
