package io.maskflow.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.sdk.security.Roles;
import io.maskflow.vision.image.ImagePreparer;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /predict} with the photo as the raw body, read and answered on the HTTP event loop: the body is read
 * there, the photo queued still encoded for the inference worker that decodes it into its batch and runs it, and
 * the answer written when the batch has run. No request thread waits for it and RESTEasy is not involved: reading
 * a request and answering it through RESTEasy on a request thread cost 0.2 ms of a core more than this
 * (docs/serving.md, the runs of 2026-12-07, later), an eighth of what the photo's decoding and forward pass cost.
 *
 * <p>Only the plain request goes this way: an operator's (or an admin's) POST to {@code /predict} with no query, a
 * declared length above 0, a photo's Content-Type ({@link #PHOTO_TYPES}), an {@code Accept} that takes JSON, while a
 * model that decodes photos in its workers is loaded. Every other request (multipart, another type, no token or
 * another role, a chunked body, an ensemble, no model yet, ...) goes on to {@link PredictResource}, which answers
 * it as it answers the rest of the API. The answers are the same either way: same fields, same errors, same metrics.
 */
@ApplicationScoped
public class PredictRoute {

    /** The Content-Types {@code POST /predict} takes a raw photo in ({@link PredictResource#predict}). */
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/jpg", "application/octet-stream");
    private static final String JSON = "application/json;charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(PredictRoute.class);

    private final ModelHolder models;
    private final ServingMetrics metrics;
    private final ObjectMapper mapper;
    private final boolean enabled;
    /** Requests answered here rather than passed on: how the tests tell which way a request went. */
    private final LongAdder answered = new LongAdder();

    PredictRoute(ModelHolder models, ServingMetrics metrics, ObjectMapper mapper,
            @ConfigProperty(name = "maskflow.serving.event-loop-predict", defaultValue = "true") boolean enabled) {
        this.models = models;
        this.metrics = metrics;
        this.mapper = mapper;
        this.enabled = enabled;
    }

    void install(@Observes Router router) {
        if (enabled) {
            // ahead of RESTEasy (ROUTE_ORDER_DEFAULT), after the size limits and the body budget
            router.post("/predict").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        }
    }

    /** The requests answered here so far. */
    long answered() {
        return answered.sum();
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!"/predict".equals(request.path()) || request.query() != null || !plain(request.headers())) {
            context.next();
            return;
        }
        Context loop = Vertx.currentContext();
        // authentication is lazy in Maskflow's services: this asks for it (the token check is in memory); a request
        // whose token is refused goes on, and RESTEasy answers it 401 with the reason as for any endpoint
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
            if (isOperator(identity)) {
                try {
                    take(context, loop);
                } catch (RuntimeException e) {
                    context.fail(e);
                }
            } else {
                context.next();
            }
        }, refused -> context.next());
    }

    /**
     * Whether the headers are those of a plain raw photo: one declared length above 0 (a chunked body goes to
     * RESTEasy, which bounds it as it arrives), no {@code Expect} (RESTEasy answers {@code 100-continue}), one
     * photo Content-Type, Accept headers that take JSON.
     */
    static boolean plain(MultiMap headers) {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length == null || headers.getAll(HttpHeaders.CONTENT_LENGTH).size() > 1
                || headers.contains(HttpHeaders.TRANSFER_ENCODING) || headers.contains(HttpHeaders.EXPECT)
                || headers.getAll(HttpHeaders.CONTENT_TYPE).size() != 1) {
            return false;
        }
        try {
            if (Long.parseLong(length.strip()) <= 0) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        int parameters = type.indexOf(';');
        String essence = (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return PHOTO_TYPES.contains(essence) && PredictResource.acceptsJson(headers.getAll(HttpHeaders.ACCEPT));
    }

    private static boolean isOperator(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous() && identity.hasRole(Roles.OPERATOR);
    }

    private void take(RoutingContext context, Context loop) {
        Optional<LoadedModel> held = models.acquire();
        if (held.isEmpty() || !held.get().preparesInWorkers()) {
            // no model yet (RESTEasy answers 503), or one that prepares photos on the request thread (an ensemble)
            held.ifPresent(LoadedModel::release);
            context.next();
            return;
        }
        LoadedModel model = held.get();
        HttpServerRequest request = context.request();
        request.body().onComplete(body -> {
            if (body.failed()) {
                // the connection went before the whole photo came: no one to answer
                model.release();
                return;
            }
            long start = System.nanoTime();
            try {
                model.submitPhoto(body.result().getBytes()).whenComplete((prediction, failure) ->
                        loop.runOnContext(v -> {
                            try {
                                answer(context.response(), model, start, prediction, failure);
                            } finally {
                                model.release();
                            }
                        }));
            } catch (RuntimeException e) {
                model.release();
                context.fail(e);
            }
        });
        // the router holds a request's body back until a handler asks for it
        request.resume();
    }

    private void answer(HttpServerResponse response, LoadedModel model, long start, LoadedModel.Prediction prediction,
            Throwable failure) {
        answered.increment();
        if (failure == null) {
            try {
                send(response, 200, Buffer.buffer(mapper.writeValueAsBytes(PredictResource.single(prediction, model,
                        start))));
                metrics.request("ok", start);
            } catch (JsonProcessingException e) {
                // thrown here it would leave the client waiting for an answer that never comes
                LOG.errorf(e, "the answer to a /predict request does not serialise");
                error(response, 500, "the answer could not be written: " + e.getMessage());
                metrics.request("failed", 0);
            }
        } else if (failure instanceof ImagePreparer.Rejected rejected) {
            error(response, 400, rejected.getMessage());
            metrics.request("bad-input", start);
        } else if (failure instanceof LoadedModel.Unanswered unanswered) {
            // as ServingErrors answers it for the other endpoints
            error(response, 503, unanswered.getMessage());
            metrics.request("failed", 0);
        } else {
            LOG.errorf(failure, "the photo of a /predict request could not be prepared");
            error(response, 500, "the photo could not be prepared: " + failure.getMessage());
            metrics.request("failed", 0);
        }
    }

    /** The JSON error body every Maskflow service answers with. */
    private static void error(HttpServerResponse response, int status, String message) {
        send(response, status, new JsonObject().put("status", status).put("error", message).toBuffer());
    }

    private static void send(HttpServerResponse response, int status, Buffer json) {
        if (!response.ended() && !response.closed()) { // else the client has gone
            response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
        }
    }
}
