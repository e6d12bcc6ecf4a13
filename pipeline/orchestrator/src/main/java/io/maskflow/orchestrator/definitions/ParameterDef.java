package io.maskflow.orchestrator.definitions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named parameter of a pipeline.
 *
 * @param type {@code int}, {@code number}, {@code string}, {@code boolean}, {@code list}; {@code dataset} (a data
 *     set in the store, by key or {@code s3://bucket/prefix}; empty means none, and steps that take it as input
 *     {@code params.<name>} get the data set's reference); {@code faces} (the same for a set of bare face photos
 *     under {@code faces/}); {@code object} (a map whose fields and their types
 *     are those of its default; a request gives some of them and the rest keep their defaults); or {@code space}
 *     (a search's space, see {@link SearchSpace}: a map a request replaces whole, since a search may cover other
 *     parameters than the default's)
 * @param defaultValue the value when a run request does not give one (YAML key {@code default})
 * @param description what it means, for the API and the web page
 */
public record ParameterDef(String type, Object defaultValue, String description) {

    private static final List<String> TYPES = List.of("int", "number", "string", "boolean", "list", "dataset",
            "faces", "object", "space");

    /** Whether {@code value} is of this parameter's type; whole numbers count as numbers too. */
    public boolean accepts(Object value) {
        return switch (type) {
            case "int" -> isInt(value);
            case "number" -> value instanceof Number;
            case "string", "dataset", "faces" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "list" -> value instanceof List<?>;
            case "object", "space" -> value instanceof Map<?, ?>;
            default -> false;
        };
    }

    /** Whether this parameter names a data set in the store ({@code dataset} or {@code faces}). */
    public boolean isDataset() {
        return "dataset".equals(type) || "faces".equals(type);
    }

    /** Whether a value counts as given: a non-empty text, list or map, true, or a number other than 0. */
    public static boolean isSet(Object value) {
        if (value instanceof String text) {
            return !text.isBlank();
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return false;
    }

    /**
     * The value in its canonical Java form (ints as Integer or Long); an object's given fields over its defaults,
     * each checked against the type of its default.
     */
    public Object normalise(Object value) {
        if ("int".equals(type)) {
            return normaliseInt(value);
        }
        if ("object".equals(type) && value instanceof Map<?, ?> given) {
            Map<String, Object> merged = new LinkedHashMap<>();
            ((Map<?, ?>) defaultValue).forEach((k, v) -> merged.put(String.valueOf(k), normaliseInt(v)));
            for (Map.Entry<?, ?> field : given.entrySet()) {
                String name = String.valueOf(field.getKey());
                if (!merged.containsKey(name)) {
                    throw new DefinitionException("has no field '" + name + "'; its fields are " + merged.keySet());
                }
                Object expected = merged.get(name);
                Object actual = field.getValue();
                boolean sameType = sameKind(merged.get(name), actual);
                if (!sameType) {
                    throw new DefinitionException("field '" + name + "' must be like its default '"
                            + shown(expected) + "', got '" + shown(actual) + "'");
                }
                merged.put(name, normaliseInt(actual));
            }
            return merged;
        }
        return value;
    }

    private static boolean sameKind(Object expected, Object actual) {
        if (isInt(expected)) {
            return isInt(actual);
        }
        if (expected instanceof Number) {
            return actual instanceof Number;
        }
        if (expected instanceof List<?>) {
            return actual instanceof List<?>;
        }
        if (expected instanceof Map<?, ?>) {
            return actual instanceof Map<?, ?>;
        }
        return expected != null && actual != null && expected.getClass().equals(actual.getClass());
    }

    /**
     * Whether a value is a whole number a long holds: an Integer or a Long, or a floating value with no fraction
     * within the long range (4.0 is 4). A floating value beyond it (1e20, or 1e400 read as infinity) is refused as the
     * literal 9223372036854775808 is: turned into a long it became 9223372036854775807, a value nobody gave.
     */
    private static boolean isInt(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double d && isWholeLong(d);
    }

    /** Finite, without a fraction, and from -2^63 up to (not including) 2^63, so {@code longValue()} is exact. */
    private static boolean isWholeLong(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
    }

    private static Object normaliseInt(Object value) {
        if (value instanceof Double d && isWholeLong(d)) {
            return d.longValue() == d.intValue() ? (Object) d.intValue() : (Object) d.longValue();
        }
        return value;
    }

    /**
     * A value as a message shows it: a map or list as JSON ({@code {"a":1}}, not Java's {@code {a=1}}), so that it
     * reads as what the requester sent; anything else as it is.
     */
    public static String shown(Object value) {
        if (!(value instanceof Map<?, ?> || value instanceof java.util.Collection<?>)) {
            return String.valueOf(value);
        }
        try {
            return io.maskflow.contracts.json.EventCodec.instance().mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return String.valueOf(value);
        }
    }

    static boolean knownType(String type) {
        return TYPES.contains(type);
    }

    static ParameterDef fromYaml(String name, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new DefinitionException("parameter '" + name + "' must be a map with type and default");
        }
        Object type = map.get("type");
        if (!(type instanceof String t) || !knownType(t)) {
            throw new DefinitionException("parameter '" + name + "' has unknown type '" + type + "'; use one of "
                    + TYPES);
        }
        Object description = map.get("description");
        ParameterDef def = new ParameterDef(t, map.get("default"), description == null ? "" : description.toString());
        if (def.defaultValue() == null) {
            throw new DefinitionException("parameter '" + name + "' has no default");
        }
        if (!def.accepts(def.defaultValue())) {
            throw new DefinitionException("parameter '" + name + "' is " + t + " but its default '"
                    + def.defaultValue() + "' is not");
        }
        for (Object key : map.keySet()) {
            if (!List.of("type", "default", "description").contains(key)) {
                throw new DefinitionException("parameter '" + name + "' has unknown field '" + key + "'");
            }
        }
        return def;
    }
}
