package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.Texts;
import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the project's "your input is wrong" exceptions into HTTP 4xx answers with a JSON body
 * ({@code {"status": 400, "error": "..."}}) in every service, so bad input never becomes a 500.
 */
public class ErrorResponses {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ErrorResponses.class);
    /** What RESTEasy Reactive's form parser throws, as a bare RuntimeException, at its limit on form parts. */
    private static final java.util.regex.Pattern FORM_PART_LIMIT = java.util.regex.Pattern.compile(
            "Param limit of ([0-9]+) was exceeded");

    /** A JSON error answer. */
    public static Response json(Response.Status status, String message) {
        return json(status.getStatusCode(), message == null ? status.getReasonPhrase() : message);
    }

    /** A JSON error answer with a status {@link Response.Status} does not name (422). */
    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status, "error", message)).build();
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
        return json(Response.Status.BAD_REQUEST, base64PartProblem(e).orElse(e.getMessage()));
    }

    /**
     * The form parser's own failure on a multipart part sent with {@code Content-Transfer-Encoding: base64} that
     * is not base64: Java's decoder says only "Last unit does not have enough valid bits", which names neither the
     * part nor the encoding.
     */
    static java.util.Optional<String> base64PartProblem(IllegalArgumentException e) {
        boolean inBase64Part = java.util.Arrays.stream(e.getStackTrace())
                .anyMatch(frame -> frame.getClassName().endsWith("MultipartParser$Base64Encoding"));
        return inBase64Part ? java.util.Optional.of("a multipart part sent with Content-Transfer-Encoding: base64 is "
                + "not valid base64 (" + e.getMessage() + "); send the photo's bytes as they are, without a "
                + "transfer encoding") : java.util.Optional.empty();
    }

    @ServerExceptionMapper
    public Response notFound(ArtifactNotFoundException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        if (e.getResponse() != null && e.getResponse().hasEntity()) {
            return e.getResponse(); // an answer the service wrote itself (a 413 with its limit, say): as it is
        }
        Optional<Response> notAllowed = methodNotAllowed(e, request);
        if (notAllowed.isPresent()) {
            return notAllowed.get();
        }
        if (e instanceof jakarta.ws.rs.NotSupportedException && request != null) {
            return json(Response.Status.UNSUPPORTED_MEDIA_TYPE, unsupportedType(request));
        }
        if (e instanceof jakarta.ws.rs.NotAcceptableException && request != null) {
            return json(Response.Status.NOT_ACCEPTABLE, unacceptableType(request));
        }
        Optional<String> nothing = noEndpoint(e, request);
        if (nothing.isPresent()) {
            return json(Response.Status.NOT_FOUND, nothing.get());
        }
        Optional<String> parameter = unreadableParameter(e);
        if (parameter.isPresent()) {
            return json(Response.Status.BAD_REQUEST, parameter.get());
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return json(status == null ? Response.Status.BAD_REQUEST : status, bodyProblem(e).orElse(e.getMessage()));
    }

    /**
     * A 405 that names the methods the path takes, in the reason and the {@code Allow} header: for the framework's
     * 405 (whose answer had neither once mapped here) and for its 404 when the path is there but not for this method
     * ({@link AllowedMethods}). Empty for every other 404 (no endpoint at the path, or one that takes the method and
     * found nothing).
     */
    static Optional<Response> methodNotAllowed(WebApplicationException e, ContainerRequestContext request) {
        boolean framework404 = e instanceof jakarta.ws.rs.NotFoundException && e.getCause() == null;
        if (!(framework404 || e instanceof jakarta.ws.rs.NotAllowedException) || request == null) {
            return Optional.empty();
        }
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path : "/" + path;
        java.util.Set<String> allowed = new java.util.TreeSet<>(AllowedMethods.service().at(path));
        if (allowed.isEmpty() && e.getResponse() != null) {
            allowed.addAll(e.getResponse().getAllowedMethods());
        }
        if (allowed.isEmpty() || allowed.contains(method)) {
            return Optional.empty();
        }
        String methods = String.join(", ", allowed);
        return Optional.of(Response.fromResponse(json(Response.Status.METHOD_NOT_ALLOWED, method + " is not "
                + "allowed on " + Texts.cut(path, 200) + "; it takes " + methods)).header("Allow", methods).build());
    }

    /**
     * The framework's 404 for a path no endpoint of the service has: it said "Unable to find matching target resource
     * method" (or "HTTP 404 Not Found"), which does not tell a user who sent a request to the wrong service, or
     * misspelt a path, what happened. A 404 an endpoint raised itself has its own message and is left as it is.
     */
    static Optional<String> noEndpoint(WebApplicationException e, ContainerRequestContext request) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean framework = e instanceof jakarta.ws.rs.NotFoundException && e.getCause() == null
                && (message.startsWith("Unable to find matching") || message.equals("HTTP 404 Not Found"));
        if (!framework || request == null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String service = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class).orElse("this service");
        return Optional.of("no endpoint of " + service + " answers " + request.getMethod() + " "
                + Texts.cut(path.startsWith("/") ? path : "/" + path, 200) + ": its paths are listed at /q/openapi");
    }

    /**
     * Why a body's type was refused, with the types the endpoint takes: the framework's words were "The
     * content-type header value did not match the value in @Consumes", for {@code image/jpg} as for a zip sent as
     * {@code application/x-zip-compressed}.
     */
    static String unsupportedType(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path : "/" + path;
        String given = request.getHeaderString("Content-Type");
        java.util.Set<String> takes = AllowedMethods.service().consumes(request.getMethod(), path);
        return (given == null || given.isBlank() ? "the body has no Content-Type" : "the body's Content-Type '"
                + Texts.cut(given, 100) + "' is not one " + request.getMethod() + " " + Texts.cut(path, 200)
                + " takes") + (takes.isEmpty() ? "" : ": send " + String.join(", ", takes));
    }

    /**
     * Why an {@code Accept} header was refused, with the types the endpoint answers with: the framework's words were
     * "The accept header value did not match the value in @Produces".
     */
    static String unacceptableType(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path : "/" + path;
        java.util.Set<String> answers = AllowedMethods.service().produces(request.getMethod(), path);
        return "the Accept header '" + Texts.cut(String.valueOf(request.getHeaderString("Accept")), 100) + "' takes "
                + "nothing " + request.getMethod() + " " + Texts.cut(path, 200) + " answers with"
                + (answers.isEmpty() ? "" : ": it answers " + String.join(", ", answers));
    }

    /**
     * A query or path parameter that could not be turned into the type the endpoint takes ({@code ?page=x} for a
     * number): the framework says 404 with no reason, as Jakarta REST asks, and keeps the conversion's failure as the
     * cause. That is the client's mistake, so 400 with what could not be read.
     */
    static Optional<String> unreadableParameter(WebApplicationException e) {
        if (!(e instanceof jakarta.ws.rs.NotFoundException) || e.getCause() == null
                || e.getCause() instanceof WebApplicationException) {
            return Optional.empty();
        }
        Throwable cause = e.getCause();
        String why = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                : cause.getMessage();
        return Optional.of("a query or path parameter is not of the type this endpoint takes: " + why);
    }

    /**
     * A stored object that is not what its reference says (a CSV named as a shard index): the reference is at
     * fault, and reading it again reads the same bytes, so a 400, not the 503 of an outage.
     */
    @ServerExceptionMapper
    public Response unreadable(io.maskflow.sdk.store.ArtifactUnreadableException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /**
     * A stored object that is damaged (its content no longer matches its SHA-256) or was not written by Maskflow:
     * asking again cannot help, so no 503; 422, the request named something that cannot be used.
     */
    @ServerExceptionMapper
    public Response corrupted(io.maskflow.sdk.store.ArtifactCorruptedException e) {
        return json(422, e.getMessage() == null ? "the stored object is damaged" : e.getMessage());
    }

    /**
     * A multipart body whose part headers the form parser cannot read (a header without its colon, a bare CR or LF in
     * a name): the client's, 400; the parser's exception carries no message.
     */
    @ServerExceptionMapper
    public Response malformedMultipart(
            org.jboss.resteasy.reactive.server.core.multipart.MultipartParser.MalformedMessageException e) {
        return json(Response.Status.BAD_REQUEST, "malformed multipart body: a part's headers cannot be read (each is "
                + "'Name: value' on a line of its own, ended by CRLF, with no bare CR or LF inside)");
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

    /**
     * A multipart (or form) body with more parts than {@code quarkus.http.limits.max-parameters} (1,000): 413 with the
     * limit. The form parser says so only with a bare RuntimeException, so this maps RuntimeException; any other one
     * that no closer mapper took is a bug, answered 500 with a JSON body and logged with its stack, as Quarkus does.
     */
    @ServerExceptionMapper
    public Response runtime(RuntimeException e) {
        java.util.Optional<String> limit = formPartLimit(e);
        if (limit.isPresent()) {
            return json(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too many form parts: at most " + limit.get()
                    + " fields and files together");
        }
        LOG.error("request failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, "internal error (" + e.getClass().getName()
                + "); the service's log has the details");
    }

    /** The limit named by the form parser's "Param limit of N was exceeded", if that is what {@code e} is. */
    static java.util.Optional<String> formPartLimit(RuntimeException e) {
        if (e.getClass() != RuntimeException.class || e.getMessage() == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher matcher = FORM_PART_LIMIT.matcher(e.getMessage());
        return matcher.matches() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    /** A JSON body with an unknown field, a wrong type or a missing value: 400 naming it. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(Response.Status.BAD_REQUEST, invalidBody(e));
    }

    /** A body that is not JSON at all: 400 with the parser's reason. */
    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, invalidBody(e));
    }

    /**
     * What was wrong with a JSON body that could not be read, from the cause the framework wrapped: a record's own
     * check ("a file needs its sha256 or its etag") or the parser's first line, instead of a bare "Bad Request".
     */
    static java.util.Optional<String> bodyProblem(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                return java.util.Optional.of(invalidBody(j));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The reason a body was not read, the same whether the framework or an endpoint parsed it: a record's own check
     * ("a file needs its sha256 or its etag") or the parser's first line.
     */
    static String invalidBody(com.fasterxml.jackson.core.JsonProcessingException e) {
        return "invalid body: " + io.maskflow.contracts.json.EventCodec.reason(e);
    }
}
