package io.maskflow.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatusEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes events as JSON. Reading is strict: the schema version must be {@link Event#SCHEMA_VERSION},
 * unknown fields are refused (a misspelt parameter is an error, not a silent default), and every failure is a
 * {@link MalformedEventException} whose message says what is wrong, fit for a dead-letter record or an HTTP 400.
 * Thread-safe.
 */
public final class EventCodec {

    private static final EventCodec INSTANCE = new EventCodec();

    private final ObjectMapper mapper = strict(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build());

    /**
     * Reads JSON as events and REST bodies are read (the services' REST mapper is given the same rules): a field
     * given twice ({@code {"runId": "a", "runId": "b"}}: which one was meant?), anything after the value, a fraction
     * for a whole number ({@code "attempt": 1.5} was cut to 1) and a string for a number or a truth value
     * ({@code "attempt": "2"}), a number for a truth value ({@code "paused": 1}) and a number or truth value for a
     * string ({@code "runId": 7}) are refused, not read one way.
     */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // after the JavaTimeModule, so it is asked first: "time": 1e300 was some other time, silently
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("maskflow-instants")
                .addDeserializer(java.time.Instant.class, new InstantAsText()));
        for (com.fasterxml.jackson.databind.type.LogicalType type : java.util.List.of(
                com.fasterxml.jackson.databind.type.LogicalType.Integer,
                com.fasterxml.jackson.databind.type.LogicalType.Float,
                com.fasterxml.jackson.databind.type.LogicalType.Boolean)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.EmptyString,
                            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        }
        // "paused": 1 was read as true, "paused": 0 as false
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        // "runId": 7 was read as "7", "name": true as "true"
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        return mapper;
    }

    public static EventCodec instance() {
        return INSTANCE;
    }

    /** The mapper behind the codec, configured the same way, for other JSON documents of the project. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(Event event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public <T extends Event> T decode(String json, Class<T> type) {
        json = withoutByteOrderMark(json);
        String name = type.getSimpleName();
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(name + ": the message is empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(name + ": not JSON: " + e.getOriginalMessage() + location(e), e);
        }
        if (!tree.isObject()) {
            throw new MalformedEventException(name + ": expected a JSON object, got " + tree.getNodeType());
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new MalformedEventException(name + ": schemaVersion is missing or not a whole number");
        }
        if (version.intValue() != Event.SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(name, version.intValue(), Event.SCHEMA_VERSION);
        }
        tree.fieldNames().forEachRemaining(field -> {
            if (!isComponent(type, field)) {
                throw new MalformedEventException(name + ": unknown field '" + field + "'");
            }
        });
        try {
            return mapper.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MalformedEventException(name + ": " + cause.getMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedEventException(name + ": unknown field '" + e.getPropertyName() + "'", e);
        } catch (InvalidFormatException e) {
            throw new MalformedEventException(name + ": field '" + path(e) + "' has an invalid value '"
                    + e.getValue() + "'", e);
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Cannot map `null`")) {
                throw new MalformedEventException(name + ": field '" + path(e) + "' is missing", e);
            }
            throw new MalformedEventException(name + ": " + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(name + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The event type a topic carries; step command topics all carry {@link StepCommand}. */
    public static Class<? extends Event> typeOfTopic(String topic) {
        return switch (topic) {
            case Topics.RUNS_REQUESTED -> RunRequestedEvent.class;
            case Topics.RUNS_CANCEL -> RunCancelRequestedEvent.class;
            case Topics.RUNS_EVENTS -> RunStatusEvent.class;
            case Topics.STEPS_EVENTS -> StepStatusEvent.class;
            case Topics.MODELS_PROMOTED -> ModelPromotedEvent.class;
            case Topics.DEAD_LETTER -> DeadLetterEvent.class;
            default -> {
                if (topic.startsWith(Topics.STEP_COMMANDS_PREFIX)) {
                    yield StepCommand.class;
                }
                throw new IllegalArgumentException("not a Maskflow topic: " + topic);
            }
        };
    }

    /**
     * The text without the byte order mark some tools write first, which the REST API reads past (its reader sees
     * the bytes): a run request sent through Kafka that way was dead-lettered as not JSON.
     */
    private static String withoutByteOrderMark(String json) {
        return json != null && json.startsWith("\uFEFF") ? json.substring(1) : json;
    }

    /** Best effort: the run and step id of a message that may not decode, for dead-letter records. */
    public String[] peekIds(String json) {
        json = withoutByteOrderMark(json);
        try {
            // leniently: a message refused for a field given twice still names its run in the dead letter
            JsonNode tree = mapper.reader().without(com.fasterxml.jackson.core.JsonParser.Feature
                    .STRICT_DUPLICATE_DETECTION).readTree(json);
            return new String[] {text(tree, "runId"), text(tree, "stepId")};
        } catch (JsonProcessingException | RuntimeException e) {
            return new String[] {null, null};
        }
    }

    /** Whether {@code name} is a component of the record {@code type}. */
    public static boolean isComponent(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals(name));
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree == null ? null : tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
    }

    /**
     * What a JSON reader's failure says to a person: a record's own check when one refused the value (its
     * {@link IllegalArgumentException}'s message), else the parser's first line without Jackson's location suffix
     * and its advice on its own settings, after the field it is about ({@code field 'files[1].size': ...}).
     */
    public static String reason(com.fasterxml.jackson.core.JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            // the parser's words named the Java class ("(class io.maskflow...RunRequest), not marked as ignorable")
            java.util.List<String> known = unknown.getKnownPropertyIds() == null ? java.util.List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown field '" + path(unknown) + "'" + (known.isEmpty() ? "" : ": it takes " + known);
        }
        String message = PARSER_ADVICE.matcher(e.getOriginalMessage().lines().findFirst().orElse("not readable JSON"))
                .replaceAll("");
        Matcher coercion = COERCION.matcher(message);
        if (coercion.matches()) {
            // "Cannot coerce Integer value (1) to `java.lang.Boolean` value": the Java types, not the JSON's
            message = "got " + coercion.group(2) + ", " + INPUTS.getOrDefault(coercion.group(1), "a value")
                    + ", where " + EXPECTED.getOrDefault(coercion.group(3), "a " + coercion.group(3)) + " is expected";
        }
        message = JAVA_TYPE.matcher(message).replaceAll("`$1`");
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return "field '" + path(m) + "': " + message;
        }
        return message;
    }

    /**
     * The parser's advice on its own settings, "(set DeserializationConfig.DeserializationFeature... to 'false' to
     * allow)", "(but might if coercion using `CoercionConfig` was enabled)" or ": enable
     * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow" (after a {@code NaN}): nothing a sender can act on.
     */
    private static final Pattern COERCION = Pattern.compile("Cannot coerce (\\w+) value \\((.*)\\) to `([\\w.$]+)` "
            + "value.*");
    /** A JSON value's kind, by the parser's name for it. */
    private static final Map<String, String> INPUTS = Map.of("Integer", "a number", "Float", "a number", "String",
            "a string", "Boolean", "true or false", "EmptyString", "an empty string");
    /** What a Java type takes, in JSON's words. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(Map.entry("boolean", "true or false"),
            Map.entry("java.lang.Boolean", "true or false"), Map.entry("int", "a whole number"),
            Map.entry("long", "a whole number"), Map.entry("short", "a whole number"),
            Map.entry("java.lang.Integer", "a whole number"), Map.entry("java.lang.Long", "a whole number"),
            Map.entry("double", "a number"), Map.entry("float", "a number"), Map.entry("java.lang.Double", "a number"),
            Map.entry("java.lang.Float", "a number"), Map.entry("java.lang.String", "a string"));
    /** A Java type in backquotes, {@code `java.lang.String`}: its simple name is enough. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`java\\.(?:lang|util|time)\\.(\\w+)`");

    private static final java.util.regex.Pattern PARSER_ADVICE = java.util.regex.Pattern.compile(
            " ?\\((?:set |enable |but could if |but might if |through reference chain)[^)]*\\)"
                    + "|:? enable `[^`]*` to allow");
}
