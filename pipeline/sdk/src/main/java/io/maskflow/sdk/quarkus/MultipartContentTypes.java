package io.maskflow.sdk.quarkus;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a multipart request whose {@code Content-Type} the framework's form parser cannot read, before it reads
 * the body: without a boundary, with an empty one ({@code boundary=}), or with a {@code charset} in which ASCII is
 * not written as ASCII (UTF-16), or that is no charset at all. The parser failed on those with an index out of
 * bounds (a 500), an unsupported-encoding error taken for an outage (a 503 whose reason was the charset's name, or
 * empty), or, for UTF-16, a 413 for a body of 15 KB. Now a 400 or a 415 that says what to send. Installed in
 * every service, for requests with a body (POST, PUT, PATCH).
 */
@ApplicationScoped
public class MultipartContentTypes {

    /** The longest boundary taken: RFC 2046 allows 70 characters; some clients write longer ones. */
    static final int MAX_BOUNDARY = 200;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3).handler(context -> {
            HttpMethod method = context.request().method();
            boolean body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            Optional<Refusal> refusal = body ? check(context.request().getHeader(HttpHeaders.CONTENT_TYPE))
                    : Optional.empty();
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
        if (boundary == null || boundary.isBlank() || boundary.length() > MAX_BOUNDARY
                || boundary.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            return Optional.of(new Refusal(400, "a multipart Content-Type needs a boundary of 1 to " + MAX_BOUNDARY
                    + " printable ASCII characters, as in 'multipart/form-data; boundary=x7Zq'; got "
                    + (boundary == null ? "none" : "'" + boundary + "'")));
        }
        String charset = parameters.get("charset");
        if (charset != null && !asciiCompatible(charset)) {
            return Optional.of(new Refusal(415, "a multipart body's headers are read in an ASCII-compatible charset "
                    + "(UTF-8 if none is named); the charset '" + charset + "' is not one: leave it out or send "
                    + "UTF-8"));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code name} is a charset this JVM knows in which the 128 ASCII characters are written as in ASCII
     * (UTF-8, ISO-8859-1, windows-1252 and their aliases), as the form parser needs to find the boundaries and
     * headers; UTF-16 is not, and an empty or unknown name is no charset.
     */
    static boolean asciiCompatible(String name) {
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return false; // IllegalCharsetNameException, UnsupportedCharsetException
        }
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        return charset.canEncode() && Arrays.equals(new String(ascii, StandardCharsets.US_ASCII).getBytes(charset),
                ascii);
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
