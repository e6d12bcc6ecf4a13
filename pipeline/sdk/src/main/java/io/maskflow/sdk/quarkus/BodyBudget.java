package io.maskflow.sdk.quarkus;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the request bodies a service holds at once. Each body is within {@code quarkus.http.limits.max-body-size},
 * but an endpoint that takes its body whole holds it in the heap (and copies it while reading it), so thirty-two
 * 10 MB photos sent at once ran a 384 MB service out of heap: 500s, and an {@code OutOfMemoryError} can strike any
 * other thread. Before a body is read, its declared length (the size limit for a body sent without one) is taken
 * from a budget, {@code maskflow.http.body-budget} (a quarter of the heap by default), and given back when the
 * answer has gone. A request that does not fit waits, unread, up to {@code maskflow.http.body-budget-wait}
 * (5 s), then gets a 503 with {@code Retry-After}. A claim comes back after {@code maskflow.http.body-budget-hold}
 * (a minute) at the latest, so a client that declares large bodies and sends them slowly, or not at all, cannot keep
 * the budget from everyone else until the connections' 30-minute idle timeout. One body larger than the whole
 * budget takes all of it (it waits until nothing else is held; under steady traffic it may get the 503). A claim
 * that comes back after the hold time stops counting while its body may still be held: the bound is for requests
 * that take under a minute. Paths matching {@code maskflow.http.body-budget-exempt} (endpoints that stream
 * their body to disk, such as preprocess's zip uploads) are not counted.
 */
@ApplicationScoped
public class BodyBudget {

    /** How often a waiting request looks at the budget again. */
    static final long RETRY_MILLIS = 10;

    @ConfigProperty(name = "maskflow.http.body-budget")
    Optional<MemorySize> budget;
    @ConfigProperty(name = "maskflow.http.body-budget-wait", defaultValue = "5s")
    Duration wait;
    @ConfigProperty(name = "maskflow.http.body-budget-hold", defaultValue = "1m")
    Duration hold;
    @ConfigProperty(name = "maskflow.http.body-budget-exempt")
    Optional<String> exempt;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBody;

    void install(@Observes Router router) {
        long bytes = budget.map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 4);
        install(router, bytes, maxBody.asLongValue(), wait, hold, exempt.map(Pattern::compile).orElse(null));
    }

    /**
     * Installs the budget on {@code router}: after the size limits ({@link BodyLimitResponses}, Quarkus' own), so a
     * body refused for its size takes nothing, and before any endpoint reads a body.
     *
     * @param bytes the most body bytes held at once
     * @param unknownLength what a body sent without a length counts for
     * @param wait how long a request waits for room before its 503
     * @param hold the longest a request keeps its claim
     * @param exempt paths whose bodies are not counted, or null
     */
    public static void install(Router router, long bytes, long unknownLength, Duration wait, Duration hold,
            Pattern exempt) {
        AtomicLong free = new AtomicLong(bytes);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            long claim = Math.min(claim(context, unknownLength), bytes);
            if (claim == 0 || exempt != null && exempt.matcher(context.normalizedPath()).matches()) {
                context.next();
                return;
            }
            if (take(free, claim)) {
                admit(context, free, claim, hold);
                return;
            }
            context.request().pause();
            long deadline = System.nanoTime() + wait.toNanos();
            context.vertx().setPeriodic(RETRY_MILLIS, timer -> {
                if (context.response().closed() || context.response().ended()) {
                    // the client went away while it waited: it takes nothing (an end handler added now would
                    // never run, and its claim would stay taken)
                    context.vertx().cancelTimer(timer);
                } else if (take(free, claim)) {
                    context.vertx().cancelTimer(timer);
                    context.request().resume();
                    admit(context, free, claim, hold);
                } else if (System.nanoTime() > deadline) {
                    context.vertx().cancelTimer(timer);
                    busy(context, bytes);
                }
            });
        });
    }

    /**
     * What a request's body counts for: its declared length; the size limit when it has none but may have a body
     * (chunked in HTTP/1.1; in HTTP/2, which has no chunked encoding, a POST, PUT or PATCH whose stream has not
     * ended); 0 for no body.
     */
    private static long claim(RoutingContext context, long unknownLength) {
        HttpServerRequest request = context.request();
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) != null) {
            return Math.max(0, BodyLimitResponses.declaredLength(context));
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        boolean chunked = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        boolean http2Body = request.version() == HttpVersion.HTTP_2 && !request.isEnded()
                && (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                        || request.method() == HttpMethod.PATCH);
        return chunked || http2Body ? unknownLength : 0;
    }

    private static boolean take(AtomicLong free, long claim) {
        for (long left = free.get(); left >= claim; left = free.get()) {
            if (free.compareAndSet(left, left - claim)) {
                return true;
            }
        }
        return false;
    }

    /** Lets the request on; its claim comes back when the exchange ends, answered or cut off, or after {@code hold}. */
    private static void admit(RoutingContext context, AtomicLong free, long claim, Duration hold) {
        AtomicBoolean returned = new AtomicBoolean();
        Runnable giveBack = () -> {
            if (returned.compareAndSet(false, true)) {
                free.addAndGet(claim);
            }
        };
        long expiry = context.vertx().setTimer(hold.toMillis(), fired -> giveBack.run());
        context.addEndHandler(ended -> {
            context.vertx().cancelTimer(expiry);
            giveBack.run();
        });
        context.next();
    }

    /**
     * A 503 to a request whose body is still unread. In HTTP/1.1 the body is then read and dropped and the connection
     * closed, as for a 413; in HTTP/2 only the request's own stream ends, the connection's others go on.
     */
    private static void busy(RoutingContext context, long bytes) {
        boolean http2 = context.request().version() == HttpVersion.HTTP_2;
        HttpServerResponse response = context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader("Retry-After", "1");
        if (!http2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(new JsonObject().put("status", 503).put("error", "the service holds as many request bodies as "
                + "it takes at once (" + bytes + " bytes); send it again in a moment").encode())
                .onComplete(sent -> {
                    if (http2) {
                        context.request().resume();
                    } else {
                        BodyLimitResponses.drainThenClose(context.vertx(), context.request());
                    }
                });
    }
}
