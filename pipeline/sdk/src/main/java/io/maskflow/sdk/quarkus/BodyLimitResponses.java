package io.maskflow.sdk.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} gets the same JSON error as every other bad request
 * ({@code {"status": 413, "error": "..."}}), where Quarkus alone answers a bare 413 with no body. Runs just before
 * Quarkus' own check, on the declared length; a chunked body that outgrows the limit fails later with 413 and is
 * given the same body. A request that asked {@code Expect: 100-continue} still gets Quarkus' bare 413. The rest of a
 * refused body is read and dropped before the connection closes, so the client always reads the answer.
 */
@ApplicationScoped
public class BodyLimitResponses {

    /** How long, and how many bytes, a refused body is read and dropped before the connection is closed. */
    static final Duration LINGER = Duration.ofSeconds(5);
    static final long LINGER_BYTES = 256L * 1024 * 1024;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize limit;

    void install(@Observes Router router) {
        long max = limit.asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            // a client that sent Expect: 100-continue has not sent the body and waits for the answer alone (Java 17's
            // HttpClient never finishes reading one with a body then): Quarkus' bare 413 answers it
            if (declaredOver(context, max) && !waitsToSend(context)) {
                tooLarge(context, max);
            } else {
                context.next();
            }
        });
        router.route().failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                tooLarge(context, max);
            } else {
                context.next();
            }
        });
    }

    /**
     * Reads a body that an endpoint takes whole, at most {@code max} bytes of it; past that, a 413 that names the
     * limit ({@code "the body is larger than the N bytes <what>"}), the rest left unread and the connection closed
     * after the answer. Bounds a body sent without a length (chunked), which {@link #limit} cannot refuse unread.
     */
    public static byte[] readAtMost(InputStream body, int max, String what) throws IOException {
        byte[] bytes = body.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new WebApplicationException(Response.fromResponse(ErrorResponses.json(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body is larger than the " + max + " bytes " + what))
                    .header("Connection", "close").build());
        }
        return bytes;
    }

    /**
     * Reads a JSON body of at most {@code max} bytes as {@link #readAtMost} does (413 beyond) and maps it to
     * {@code type} with {@code json} (a body that does not parse or bind is a 400 through {@link ErrorResponses});
     * {@code null} for an empty body. For endpoints that would otherwise let the framework buffer and bind a body of
     * any size up to {@code quarkus.http.limits.max-body-size}.
     */
    public static <T> T readJsonAtMost(ObjectMapper json, InputStream body, int max, String what, Class<T> type)
            throws IOException {
        byte[] bytes = readAtMost(body, max, what);
        return bytes.length == 0 ? null : json.readValue(bytes, type);
    }

    /**
     * A stricter limit for the requests whose path matches {@code pathRegex} (an endpoint whose bodies are small by
     * nature, parsed into memory): a declared length over {@code max} is refused with 413 and {@code reason}
     * before a byte of the body is read; a client that asked {@code Expect: 100-continue} gets a bare 413, as from
     * Quarkus. A chunked body has no declared length: the endpoint must bound what it reads itself.
     */
    public static void limit(Router router, String pathRegex, long max, String reason) {
        router.routeWithRegex(pathRegex).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(context -> {
            if (!declaredOver(context, max)) {
                context.next();
            } else if (waitsToSend(context)) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end()
                        .onComplete(sent -> context.request().connection().close());
            } else {
                tooLarge(context, "the body is larger than the " + max + " bytes " + reason);
            }
        });
    }

    /** Whether the request declares a body longer than {@code max} bytes. */
    private static boolean declaredOver(RoutingContext context, long max) {
        return declaredLength(context) > max;
    }

    /**
     * The body length the request declares ({@code Content-Length}), or -1 when it declares none or one that is
     * not a number. Runs for every request: the pattern is compiled once.
     */
    static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && DECIMAL.matcher(length).matches() ? Long.parseLong(length) : -1;
    }

    /** Whether the client waits for an answer before it sends the body ({@code Expect: 100-continue}). */
    private static boolean waitsToSend(RoutingContext context) {
        return "100-continue".equalsIgnoreCase(context.request().getHeader(HttpHeaders.EXPECT));
    }

    private static void tooLarge(RoutingContext context, long max) {
        tooLarge(context, "the body is larger than the " + max + " bytes this service takes");
    }

    private static void tooLarge(RoutingContext context, String error) {
        refuseUnread(context, 413, error);
    }

    /**
     * Answers a request whose body has not been read with the JSON error of {@code status}, then reads and drops
     * the body and closes the connection ({@link #drainThenClose}).
     */
    static void refuseUnread(RoutingContext context, int status, String error) {
        HttpServerRequest request = context.request();
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("status", status).put("error", error).encode())
                .onComplete(sent -> drainThenClose(context.vertx(), request));
    }

    /**
     * Reads and drops what the client is still sending, then closes. Closing at once while the body is still
     * arriving makes the client's next write meet a reset, and a reset may discard the answer before the client
     * has read it (it then sees no answer at all). As web servers' "lingering close" does, the draining is bounded
     * in bytes and in time, so a client that never stops sending is cut off all the same.
     */
    static void drainThenClose(Vertx vertx, HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long[] drained = {0};
        long timer = vertx.setTimer(LINGER.toMillis(), fired -> request.connection().close());
        request.exceptionHandler(ignored -> { });
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > LINGER_BYTES) {
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(ended -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }
}
