package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the project's "your input is wrong" exceptions into HTTP 4xx answers with a JSON body
 * ({@code {"status": 400, "error": "..."}}) in every service, so bad input never becomes a 500.
 */
public class ErrorResponses {

    /** A JSON error answer. */
    public static Response json(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status.getStatusCode(), "error", message == null ? status.getReasonPhrase()
                        : message))
                .build();
    }

    /** The store (or another dependency) did not answer: the request may succeed later. */
    @ServerExceptionMapper
    public Response unavailable(java.io.UncheckedIOException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidParameters(InvalidParametersException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedEvent(MalformedEventException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(ArtifactNotFoundException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return json(status == null ? Response.Status.BAD_REQUEST : status, bodyProblem(e).orElse(e.getMessage()));
    }

    /**
     * An I/O error while handling a request: a multipart body that ends before its closing boundary is the
     * client's (400); any other is a dependency that did not answer, the store most often (503), not a 500.
     */
    @ServerExceptionMapper
    public Response io(java.io.IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.toLowerCase(java.util.Locale.ROOT).contains("multipart")) {
            return json(Response.Status.BAD_REQUEST, "malformed multipart body: " + message);
        }
        return json(Response.Status.SERVICE_UNAVAILABLE, message);
    }

    /** A JSON body with an unknown field, a wrong type or a missing value: 400 naming it. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(Response.Status.BAD_REQUEST, "invalid body: " + e.getOriginalMessage().lines().findFirst()
                .orElse("not readable JSON"));
    }

    /** A body that is not JSON at all: 400 with the parser's reason. */
    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, "invalid body: " + e.getOriginalMessage().lines().findFirst()
                .orElse("not readable JSON"));
    }

    /**
     * What was wrong with a JSON body that could not be read, from the cause the framework wrapped: a record's own
     * check ("a file needs its sha256 or its etag") or the parser's first line, instead of a bare "Bad Request".
     */
    static java.util.Optional<String> bodyProblem(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v && v.getCause() != null) {
                return java.util.Optional.of("invalid body: " + v.getCause().getMessage());
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                return java.util.Optional.of("invalid body: " + j.getOriginalMessage().lines().findFirst()
                        .orElse("not readable JSON"));
            }
        }
        return java.util.Optional.empty();
    }
}
