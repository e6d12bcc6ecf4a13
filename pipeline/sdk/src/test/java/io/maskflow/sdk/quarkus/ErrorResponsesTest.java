package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactUnreadableException;

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
                new NumberFormatException("For input string: \"x\"")), null);

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(((Map<?, ?>) answer.getEntity()).get("error").toString())
                .contains("parameter is not of the type", "For input string: \"x\"");
    }

    /** An answer a service built itself and threw (a 413 naming its limit) goes out as it was written. */
    @Test
    void anAnswerTheServiceWroteKeepsItsReasonAndHeaders() {
        Response written = Response.fromResponse(ErrorResponses.json(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is larger than the 10 bytes a test takes")).header("Connection", "close").build();

        Response answer = responses.webApplication(new WebApplicationException(written), null);

        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getHeaderString("Connection")).isEqualTo("close");
        assertThat(((Map<?, ?>) answer.getEntity()).get("error")).isEqualTo(
                "the body is larger than the 10 bytes a test takes");
    }

    @Test
    void aResourceThatIsNotThereStaysA404() {
        assertThat(responses.webApplication(new NotFoundException("no run 'r1'"), null).getStatus()).isEqualTo(404);
        assertThat(responses.webApplication(new NotFoundException(new NotFoundException("gone")), null).getStatus())
                .isEqualTo(404);
        assertThat(responses.webApplication(new BadRequestException("bad"), null).getStatus()).isEqualTo(400);
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

    record Upload(java.util.List<Entry> files) {
    }

    record Entry(long size) {
    }

    /**
     * A wrong value deep in a body is named by where it is, without the parser's advice on its own settings (it was
     * "Cannot coerce String value ("12") to `long` value (but could if coercion was enabled using `CoercionConfig`)").
     */
    @Test
    void aWrongValueIsNamedByWhereItIsWithoutTheParsersAdvice() {
        ObjectMapper json = new ObjectMapper();
        new StrictJson().customize(json);
        Response response = responses.mismatchedInput(catchThrowableOfType(
                () -> json.readValue("{\"files\": [{\"size\": 1}, {\"size\": \"12\"}]}", Upload.class),
                com.fasterxml.jackson.databind.exc.MismatchedInputException.class));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) ((Map<?, ?>) response.getEntity()).get("error"))
                .isEqualTo("invalid body: field 'files[1].size': got \"12\", a string, where a whole number is "
                        + "expected");
    }

    /**
     * A multipart part whose base64 transfer encoding does not decode was answered with the decoder's words alone,
     * "Last unit does not have enough valid bits"; the stack is the one the form parser throws from.
     */
    @Test
    void aBase64PartThatDoesNotDecodeIsNamedSo() {
        IllegalArgumentException thrown = new IllegalArgumentException("Last unit does not have enough valid bits");
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Base64$Decoder", "decode0", "Base64.java", 855),
            new StackTraceElement("org.jboss.resteasy.reactive.server.core.multipart.MultipartParser$Base64Encoding",
                    "handle", "MultipartParser.java", 337)});
        assertThat((String) ((Map<?, ?>) responses.illegalArgument(thrown).getEntity()).get("error"))
                .startsWith("a multipart part sent with Content-Transfer-Encoding: base64 is not valid base64 "
                        + "(Last unit does not have enough valid bits)");
        assertThat(((Map<?, ?>) responses.illegalArgument(new IllegalArgumentException("size is wrong"))
                .getEntity()).get("error")).isEqualTo("size is wrong");
    }

    private static Checked read(ObjectMapper json, String body) throws IOException {
        return BodyLimitResponses.readJsonAtMost(json, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                64, "a test takes", Checked.class);
    }

    /**
     * A stored object named by the client that is not what it was named as, or not Maskflow's, is the client's
     * reference at fault: 400 and 422 with the reason, not the 503 of a store that did not answer.
     */
    @Test
    void anObjectThatIsNotWhatItWasNamedAsIsNoOutage() {
        Response unreadable = responses.unreadable(new ArtifactUnreadableException(
                "s3://b/x.csv is not a shard index (the index.json of a preprocess step): ..."));
        assertThat(unreadable.getStatus()).isEqualTo(400);
        assertThat(((Map<?, ?>) unreadable.getEntity()).get("error").toString()).startsWith("s3://b/x.csv is not");
        Response foreign = responses.corrupted(new ArtifactCorruptedException(
                "s3://b/y has no SHA-256 in its metadata: it was not written by Maskflow"));
        assertThat(foreign.getStatus()).isEqualTo(422);
        assertThat(((Map<?, ?>) foreign.getEntity()).get("error").toString()).contains("not written by Maskflow");
        assertThat(responses.io(new java.io.IOException("connection refused")).getStatus()).isEqualTo(503);
    }
}
