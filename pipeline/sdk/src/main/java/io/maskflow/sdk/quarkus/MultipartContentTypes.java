package io.maskflow.sdk.quarkus;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses a multipart request whose {@code Content-Type} the framework's form parser cannot read, before it reads
 * the body: without a boundary, with an empty one ({@code boundary=}), or with a {@code charset} other than the
 * ASCII-compatible ones it reads parts in. The parser failed on those with an index out of bounds (a 500), an
 * unsupported-encoding error taken for an outage (a 503 whose reason was the charset's name, or empty), or, for
 * UTF-16, a 413 for a body of 15 KB. Now a 400 or a 415 that says what to send. Installed in every service.
 */
@ApplicationScoped
public class MultipartContentTypes {

    /** The charsets a multipart body's headers and fields are read in; others are refused (415). */
    static final Set<String> CHARSETS = Set.of("utf-8", "us-ascii", "iso-8859-1");
    /** RFC 2046's boundary: 1 to 70 of these characters, not ending in a space. */
    private static final Pattern BOUNDARY =
            Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3).handler(context -> {
            Optional<Refusal> refusal = check(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
            if (refusal.isPresent()) {
                BodyLimitResponses.refuseUnread(context, refusal.get().status(), refusal.get().error());
            } else {
                context.next();
            }
        });
    }

    /** Why a request with this {@code Content-Type} is refused: the status and the reason. */
    record Refusal(int status, String error) {
    }

    /** Empty when the header is not a multipart one, or is one the form parser reads. */
    static Optional<Refusal> check(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        Map<String, String> parameters = parameters(contentType);
        String boundary = parameters.get("boundary");
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            return Optional.of(new Refusal(400, "a multipart Content-Type needs a boundary of 1 to 70 letters, digits"
                    + " or '()+_,-./:=? characters (RFC 2046), as in 'multipart/form-data; boundary=x7Zq'; got "
                    + (boundary == null ? "none" : "'" + boundary + "'")));
        }
        String charset = parameters.get("charset");
        if (charset != null && !CHARSETS.contains(charset.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(415, "a multipart body is read as UTF-8 (or US-ASCII, ISO-8859-1); the "
                    + "charset '" + charset + "' is not taken: leave it out or send UTF-8"));
        }
        return Optional.empty();
    }

    /** The header's parameters by lower-case name, values unquoted; a name given twice keeps its first value. */
    static Map<String, String> parameters(String contentType) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = contentType.indexOf(';');
        while (at >= 0 && at < contentType.length()) {
            int equals = contentType.indexOf('=', at + 1);
            int next = contentType.indexOf(';', at + 1);
            if (equals < 0 || (next >= 0 && next < equals)) {
                at = next; // a parameter without a value
                continue;
            }
            String name = contentType.substring(at + 1, equals).trim().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            String value;
            if (start < contentType.length() && contentType.charAt(start) == '"') {
                int close = contentType.indexOf('"', start + 1);
                value = contentType.substring(start + 1, close < 0 ? contentType.length() : close);
                next = close < 0 ? -1 : contentType.indexOf(';', close);
            } else {
                value = contentType.substring(start, next < 0 ? contentType.length() : next).trim();
            }
            parameters.putIfAbsent(name, value);
            at = next;
        }
        return parameters;
    }
}
