package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.Texts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * What the command line makes of an HTTP answer. An error status whose JSON body has an {@code error} field is the
 * server's own reason, which the commands print. Anything else they cannot use (an error status without that
 * reason, an empty body or one that is not JSON where JSON is expected: a wrong port, a proxy, the HTTP layer
 * refusing a request) is an {@link Unusable} answer naming the status and the address, so that no command takes an
 * empty answer for an empty success.
 */
final class HttpAnswers {

    /** The hint for answers from the orchestrator. */
    static final String ORCHESTRATOR = "is MASKFLOW_URL the orchestrator?";
    /** The hint for answers from serving. */
    static final String SERVING = "is MASKFLOW_SERVING_URL the serving service?";

    private static final int SHOWN = 120;

    private HttpAnswers() {
    }

    /** An answer a command cannot use; the message says what came back from where. */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * The JSON body of an answer: a success's, or an error's that carries the server's reason in {@code error} (or
     * in one of {@code alsoUnderstood}, fields the caller reads an error answer by); any other answer is
     * {@link Unusable}.
     *
     * @param hint what to check when the answer is not what the service gives ({@link #ORCHESTRATOR})
     */
    static JsonNode json(ObjectMapper json, HttpResponse<String> response, String hint, String... alsoUnderstood)
            throws Unusable {
        return TerminalText.safe(data(json, response, hint, alsoUnderstood));
    }

    /**
     * As {@link #json}, with the server's strings as they are: for an answer whose strings the CLI matches against
     * its own (the file names an upload still misses), where {@link TerminalText} would change a name it prints
     * safely. Print its strings through {@link TerminalText#safe(String)}.
     */
    static JsonNode data(ObjectMapper json, HttpResponse<String> response, String hint, String... alsoUnderstood)
            throws Unusable {
        String body = response.body() == null ? "" : response.body();
        JsonNode node = parse(json, body);
        if (response.statusCode() >= 400) {
            if (node != null && (node.path("error").isTextual()
                    || List.of(alsoUnderstood).stream().anyMatch(node::has))) {
                return node;
            }
            throw new Unusable(reason(response.statusCode(), response.uri(), body, hint));
        }
        if (node == null) {
            throw new Unusable("HTTP " + response.statusCode() + " from " + shown(response.uri()) + (body.isBlank()
                    ? " with an empty body where JSON was expected" : " with a body that is not JSON: "
                    + TerminalText.safe(firstLine(body))) + " (" + hint + ")");
        }
        return node;
    }

    /** The reason of an error answer: the server's own ({@code error} of a JSON body), else what came from where. */
    static String reason(HttpResponse<String> response, String hint) {
        return reason(response.statusCode(), response.uri(), response.body() == null ? "" : response.body(), hint);
    }

    /** As {@link #reason(HttpResponse, String)}, from the parts of an answer. */
    static String reason(int status, URI uri, String body, String hint) {
        JsonNode node = parse(new ObjectMapper(), body);
        if (node != null && node.path("error").isTextual()) {
            return TerminalText.safe(node.path("error").asText());
        }
        String why = status == 414 ? "the address is too long" : hint;
        return "HTTP " + status + " from " + shown(uri) + (body.isBlank() ? " with an empty body"
                : ": " + TerminalText.safe(firstLine(body))) + " (" + why + ")";
    }

    /** The body as JSON; null when it is empty or not JSON. */
    private static JsonNode parse(ObjectMapper json, String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Why a request got no answer, in words: Java's HTTP client gives some failures no message, and the CLI printed
     * the exception's class ({@code ConnectException}) for the most common one.
     */
    static String why(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException) {
                return "the host name does not resolve (no such host?)";
            }
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within the time allowed";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the time allowed";
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused (nothing listens there)";
        }
        if (e instanceof java.nio.channels.ClosedChannelException || e instanceof java.io.EOFException) {
            return "the connection was closed before an answer";
        }
        return e.getCause() instanceof IOException cause && cause != e ? why(cause) : "the connection failed";
    }

    /** An address short enough for a message: a 70,000-character run id is cut, saying how much was left out. */
    static String shown(URI uri) {
        String text = String.valueOf(uri);
        return Texts.cut(text, SHOWN);
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return Texts.cut(line, SHOWN);
    }
}
