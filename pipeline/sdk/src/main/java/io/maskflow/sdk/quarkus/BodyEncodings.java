package io.maskflow.sdk.quarkus;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, before it reads the body, a request body the services would read as something it is not: one sent with
 * a {@code Content-Encoding} (the services read bodies as sent, so a gzip-compressed JSON body was a 400 "Illegal
 * character ((CTRL-CHAR, code 31))" and a {@code br} one was read as if plain), and a JSON body whose
 * {@code Content-Type} names a charset other than UTF-8 (read as UTF-8 all the same: a Latin-1 'é' was a 400 "Invalid
 * UTF-8 middle byte"). Now a 415 that says what to send. Installed in every service, for requests with a body.
 */
@ApplicationScoped
public class BodyEncodings {

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 4).handler(context -> {
            HttpMethod method = context.request().method();
            boolean body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            Optional<String> refusal = body ? check(context.request().getHeader(HttpHeaders.CONTENT_TYPE),
                    context.request().getHeader(HttpHeaders.CONTENT_ENCODING)) : Optional.empty();
            if (refusal.isPresent()) {
                BodyLimitResponses.refuseUnread(context, 415, refusal.get());
            } else {
                context.next();
            }
        });
    }

    /** Why a body sent with these headers is refused (a 415); empty when it is read as it was meant. */
    static Optional<String> check(String contentType, String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.strip().equalsIgnoreCase("identity")) {
            return Optional.of("the body is read as it is sent, not decoded: Content-Encoding '"
                    + contentEncoding.strip() + "' is not taken; send it uncompressed, without that header");
        }
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || type.endsWith("+json");
        String charset = MultipartContentTypes.parameters(contentType).get("charset");
        if (json && charset != null && !isUtf8(charset)) {
            return Optional.of("a JSON body is read as UTF-8; the charset '" + charset + "' is not taken: send the "
                    + "body in UTF-8 (and say charset=utf-8, or no charset)");
        }
        return Optional.empty();
    }

    private static boolean isUtf8(String name) {
        try {
            return Charset.forName(name.strip()).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false; // IllegalCharsetNameException, UnsupportedCharsetException
        }
    }
}
