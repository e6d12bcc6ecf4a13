package io.maskflow.sdk.quarkus;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives a reason to the 400 answers the HTTP router writes before any endpoint runs, such as for an HTTP/1.1
 * request without a {@code Host} header: they were a bare status line with an empty body, where every endpoint's
 * refusal says what was wrong. The answer closes the connection once what the client still sends is drained, as
 * the other refusals before the body do. Other failures (and a 400 whose answer was begun) go on to the framework's
 * handlers as before. (A path whose percent-escapes do not decode, {@code /runs/%zz}, is refused by the HTTP server
 * before the router, still with an empty body: the framework offers no hook there.) Installed in every service.
 */
@ApplicationScoped
public class RoutingFailures {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 400 && !context.response().headWritten()) {
                BodyLimitResponses.refuseUnread(context, 400, reason(context));
            } else {
                context.next();
            }
        });
    }

    private static String reason(RoutingContext context) {
        Throwable failure = context.failure();
        String message = failure instanceof io.vertx.ext.web.handler.HttpException http && http.getPayload() != null
                ? http.getPayload() : failure == null ? null : failure.getMessage();
        return message == null || message.isBlank()
                ? "Bad Request: the request was refused before any endpoint read it" : message;
    }
}
