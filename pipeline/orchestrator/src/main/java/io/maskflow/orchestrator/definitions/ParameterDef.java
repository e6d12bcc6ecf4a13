package io.maskflow.orchestrator.definitions;

import java.util.List;
import java.util.Map;

/**
 * A named parameter of a pipeline.
 *
 * @param type {@code int}, {@code number}, {@code string}, {@code boolean} or {@code list}
 * @param defaultValue the value when a run request does not give one (YAML key {@code default})
 * @param description what it means, for the API and the web page
 */
public record ParameterDef(String type, Object defaultValue, String description) {

    /** Whether {@code value} is of this parameter's type; whole numbers count as numbers too. */
    public boolean accepts(Object value) {
        return switch (type) {
            case "int" -> value instanceof Integer || value instanceof Long
                    || value instanceof Double d && d == Math.rint(d);
            case "number" -> value instanceof Number;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "list" -> value instanceof List<?>;
            default -> false;
        };
    }

    /** The value in its canonical Java form (ints as Integer or Long). */
    public Object normalise(Object value) {
        if ("int".equals(type) && value instanceof Double d) {
            return d.longValue() == d.intValue() ? (Object) d.intValue() : (Object) d.longValue();
        }
        return value;
    }

    static boolean knownType(String type) {
        return List.of("int", "number", "string", "boolean", "list").contains(type);
    }

    static ParameterDef fromYaml(String name, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new DefinitionException("parameter '" + name + "' must be a map with type and default");
        }
        Object type = map.get("type");
        if (!(type instanceof String t) || !knownType(t)) {
            throw new DefinitionException("parameter '" + name + "' has unknown type '" + type
                    + "'; use int, number, string, boolean or list");
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
