package io.maskflow.orchestrator.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.orchestrator.engine.RunState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which finished runs retention deletes: those that finished longer than {@code maxAge} ago, and those beyond the
 * newest {@code keepLast} finished runs of their pipeline (newest by creation). Either rule is enough to delete a
 * run; a pipeline's own rule replaces the default field by field. Unfinished runs are never chosen and do not
 * count towards {@code keepLast}. With neither rule set (the default) nothing is deleted.
 *
 * @param defaults the rule of every pipeline without its own
 * @param pipelines pipeline name to its own rule
 */
public record RetentionPolicy(Rule defaults, Map<String, Rule> pipelines) {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** The longest maxAge taken: 100 years (a longer one would overflow when added to a run's end). */
    public static final Duration MAX_AGE = Duration.ofDays(36_525);

    /** One rule; empty fields do not delete. */
    public record Rule(Optional<Duration> maxAge, OptionalInt keepLast) {

        public Rule {
            if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
                throw new IllegalArgumentException("maxAge must be more than zero, got " + maxAge.get());
            }
            if (maxAge.isPresent() && maxAge.get().compareTo(MAX_AGE) > 0) {
                throw new IllegalArgumentException("maxAge must be at most 100 years (36525d), got " + maxAge.get());
            }
            if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
                throw new IllegalArgumentException("keepLast must be 0 or more, got " + keepLast.getAsInt());
            }
        }

        public static final Rule NONE = new Rule(Optional.empty(), OptionalInt.empty());

        /** This rule's fields, or the other's where this one has none. */
        Rule over(Rule other) {
            return new Rule(maxAge.or(other::maxAge), keepLast.isPresent() ? keepLast : other.keepLast);
        }

        boolean deletesAnything() {
            return maxAge.isPresent() || keepLast.isPresent();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            maxAge.ifPresent(d -> parts.add("maxAge " + d));
            keepLast.ifPresent(n -> parts.add("keepLast " + n));
            return parts.isEmpty() ? "keep everything" : String.join(", ", parts);
        }
    }

    public RetentionPolicy {
        pipelines = Map.copyOf(pipelines);
    }

    /** The rule of one pipeline. */
    public Rule ruleOf(String pipeline) {
        Rule own = pipelines.get(pipeline);
        return own == null ? defaults : own.over(defaults);
    }

    /** Whether this policy can delete anything at all. */
    public boolean deletesAnything() {
        return defaults.deletesAnything() || pipelines.values().stream().anyMatch(Rule::deletesAnything);
    }

    /** The runs to delete, oldest first, each with why. */
    public Map<String, String> select(Iterable<RunState> runs, Instant now) {
        Map<String, List<RunState>> byPipeline = new TreeMap<>();
        for (RunState run : runs) {
            if (run.status != null && run.status.isFinal()) {
                byPipeline.computeIfAbsent(String.valueOf(run.pipeline), p -> new ArrayList<>()).add(run);
            }
        }
        List<Map.Entry<RunState, String>> chosen = new ArrayList<>();
        byPipeline.forEach((pipeline, finished) -> {
            Rule rule = ruleOf(pipeline);
            finished.sort(Comparator.comparing((RunState r) -> r.createdAt, Comparator.nullsLast(
                    Comparator.naturalOrder())).reversed());
            for (int i = 0; i < finished.size(); i++) {
                RunState run = finished.get(i);
                Instant finishedAt = run.finishedAt != null ? run.finishedAt : run.createdAt;
                if (rule.keepLast().isPresent() && i >= rule.keepLast().getAsInt()) {
                    chosen.add(Map.entry(run, "not among the newest " + rule.keepLast().getAsInt()
                            + " finished run(s) of " + pipeline));
                } else if (rule.maxAge().isPresent() && finishedAt != null
                        && finishedAt.plus(rule.maxAge().get()).isBefore(now)) {
                    chosen.add(Map.entry(run, "finished " + finishedAt + ", more than " + rule.maxAge().get()
                            + " ago"));
                }
            }
        });
        chosen.sort(Comparator.comparing((Map.Entry<RunState, String> e) -> e.getKey().createdAt,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<String, String> selected = new LinkedHashMap<>();
        chosen.forEach(e -> selected.put(e.getKey().runId, e.getValue()));
        return selected;
    }

    /** A duration as {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 500ms} or ISO-8601 ({@code P30D}). */
    public static Duration duration(String text, String field) {
        String value = text.trim();
        Matcher simple = SIMPLE.matcher(value);
        Duration parsed;
        try {
            parsed = simple.matches() ? simple(Long.parseLong(simple.group(1)), simple.group(2))
                    : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a duration such as 30d, 12h, 90m or P30D, got '"
                    + text + "'");
        } catch (ArithmeticException | NumberFormatException e) { // more than a Duration or a long can hold
            parsed = null;
        }
        if (parsed == null || parsed.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException(field + " must be at most 100 years (36525d), got '" + text + "'");
        }
        return parsed;
    }

    private static Duration simple(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * Reads the per-pipeline rules: JSON such as {@code {"train-and-serve": {"maxAge": "30d", "keepLast": 20}}};
     * unknown fields and wrong types are refused, naming them.
     */
    public static Map<String, Rule> pipelineRules(String json) {
        Map<String, Rule> rules = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return rules;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("maskflow.retention.pipelines is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("maskflow.retention.pipelines must be a JSON object of pipeline "
                    + "name to {\"maxAge\": \"30d\", \"keepLast\": 20}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = "maskflow.retention.pipelines." + entry.getKey();
            JsonNode rule = entry.getValue();
            if (!rule.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with maxAge and/or keepLast");
            }
            Optional<Duration> maxAge = Optional.empty();
            OptionalInt keepLast = OptionalInt.empty();
            for (Iterator<Map.Entry<String, JsonNode>> fields = rule.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "maxAge" -> {
                        if (!value.isTextual()) {
                            throw new IllegalArgumentException(where + ".maxAge must be a duration text such as "
                                    + "\"30d\", got " + value);
                        }
                        maxAge = Optional.of(duration(value.asText(), where + ".maxAge"));
                    }
                    case "keepLast" -> {
                        if (!value.isInt()) {
                            throw new IllegalArgumentException(where + ".keepLast must be a whole number, got "
                                    + value);
                        }
                        keepLast = OptionalInt.of(value.asInt());
                    }
                    default -> throw new IllegalArgumentException(where + " has an unknown field '" + field.getKey()
                            + "' (known: maxAge, keepLast)");
                }
            }
            rules.put(entry.getKey(), new Rule(maxAge, keepLast));
        }
        return rules;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("default: ").append(defaults);
        pipelines.forEach((name, rule) -> text.append("; ").append(name).append(": ").append(rule.over(defaults)));
        return text.toString();
    }
}
