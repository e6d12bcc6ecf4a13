package io.maskflow.contracts;

import java.util.Map;
import java.util.regex.Pattern;

/** Argument checks shared by the records of this module; each failure names the field. */
public final class Require {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Require() {
    }

    public static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /**
     * A run or step id: 1 to 128 letters, digits, '-', '_' or '.', starting with a letter or digit. Ids become
     * parts of artifact keys, so nothing else is allowed.
     */
    public static String id(String value, String field) {
        nonBlank(value, field);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-128 letters, digits, '-', '_' or '.', "
                    + "starting with a letter or digit, got '" + value + "'");
        }
        return value;
    }

    /** The longest idempotency key a message may give. */
    public static final int MAX_KEY = 512;

    /**
     * An idempotency key a sender gave: 1 to {@value #MAX_KEY} characters without control characters (a key is
     * copied into every event and log line of the work it names).
     */
    public static String key(String value, String field) {
        nonBlank(value, field);
        return line(value, field, MAX_KEY);
    }

    /**
     * Free text a sender gave that ends up in events, log lines and pages: at most {@code max} characters, none of
     * them a control character (a line break would start a forged log line) or an invisible format character (a
     * right-to-left override would show it reversed).
     */
    public static String line(String value, String field, int max) {
        if (value.length() > max || hasControlOrFormat(value)) {
            throw new IllegalArgumentException(field + " must be 1 to " + max + " characters without control "
                    + "or format characters, got " + value.length() + " characters");
        }
        return value;
    }

    /** Whether {@code value} holds a control character or an invisible format character (a bidi override). */
    public static boolean hasControlOrFormat(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /** A SHA-256 as Maskflow writes it: 64 lower-case hex digits. */
    public static String sha256(String value, String field) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits, got '" + value + "'");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /**
     * An unmodifiable copy of {@code map} (empty for none). A null value is refused naming its key — JSON's
     * {@code "persons": null} is a mistake to explain, not a default to guess.
     */
    public static <K, V> Map<K, V> copy(Map<K, V> map, String field) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((key, value) -> {
            if (key == null) {
                throw new IllegalArgumentException(field + ": a key is null");
            }
            if (value == null) {
                throw new IllegalArgumentException(field + ": '" + key + "' is null; leave it out");
            }
        });
        return Map.copyOf(map);
    }
}
