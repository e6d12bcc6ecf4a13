package io.maskflow.orchestrator.definitions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.dataset.DatasetManifest;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pipeline definition from YAML and checks what can be checked before a run: known fields, services
 * and parameter types, references to declared parameters, well-formed inputs and durations. Whether the DAG
 * is sound and the steps' parameters fit their services is checked by {@link DefinitionResolver}, which every
 * load also runs once with the defaults.
 */
public final class DefinitionLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "description", "parameters", "steps", "outputs");
    private static final Set<String> STEP = Set.of("id", "service", "parameters", "inputs", "retries", "timeout",
            "cache", "forEach", "when", "halving");
    private static final Set<String> LOOP = Set.of("var", "in", "search", "method", "trials", "seed");
    private static final Set<String> HALVING = Set.of("metric", "mode", "minEpochs", "eta", "schedule");
    private static final Set<String> HALVING_REQUIRED = Set.of("metric", "minEpochs", "eta");
    private static final Pattern WHEN =
            Pattern.compile("!?params\\.([A-Za-z][A-Za-z0-9_]*)(\\.[A-Za-z][A-Za-z0-9_]*)?");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

    /** Stands for a data set while a definition is checked with its data set parameters given. */
    private static final DatasetLocator CHECK_DATASET = (value, kind) -> new ArtifactRef("check", value
            + DatasetManifest.FILE_NAME, 0, "0".repeat(64));

    private DefinitionLoader() {
    }

    public static PipelineDefinition parse(String yaml) {
        Map<String, Object> root;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = YAML.readValue(yaml, Map.class);
            root = map;
        } catch (IOException e) {
            throw new DefinitionException("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null) {
            throw new DefinitionException("the definition is empty");
        }
        unknownFields(root, TOP, "the definition");
        String name = text(root.get("name"), "name");
        String where = "pipeline '" + name + "': ";
        try {
            Map<String, ParameterDef> parameters = new LinkedHashMap<>();
            map(root.get("parameters"), "parameters").forEach((k, v) -> parameters.put(k, ParameterDef.fromYaml(k, v)));
            List<StepDef> steps = new ArrayList<>();
            Object rawSteps = root.get("steps");
            if (!(rawSteps instanceof List<?> list) || list.isEmpty()) {
                throw new DefinitionException("steps must be a non-empty list");
            }
            for (Object raw : list) {
                steps.add(step(raw, parameters));
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            map(root.get("outputs"), "outputs").forEach((k, v) -> outputs.put(k, text(v, "output " + k)));
            Object description = root.get("description");
            PipelineDefinition definition = new PipelineDefinition(name, description == null ? "" : description
                    .toString().strip(), parameters, steps, outputs);
            try {
                DefinitionResolver.resolve(definition, Map.of(), "check");
            } catch (DefinitionException.MissingParameter e) {
                // a pipeline that needs a data set is checked with one given, below
            }
            if (parameters.values().stream().anyMatch(ParameterDef::isDataset)) {
                Map<String, Object> given = new LinkedHashMap<>();
                parameters.forEach((n, p) -> {
                    if (p.isDataset()) {
                        given.put(n, "check/" + n + "/");
                    }
                });
                DefinitionResolver.resolve(definition, given, "check", CHECK_DATASET);
            }
            return definition;
        } catch (DefinitionException e) {
            throw new DefinitionException(where + e.getMessage(), e);
        }
    }

    private static StepDef step(Object raw, Map<String, ParameterDef> parameters) {
        Map<String, Object> map = map(raw, "a step");
        String id = text(map.get("id"), "step id");
        String where = "step '" + id + "': ";
        try {
            unknownFields(map, STEP, "the step");
            StepType service;
            try {
                service = StepType.fromId(text(map.get("service"), "service"));
            } catch (IllegalArgumentException e) {
                throw new DefinitionException(e.getMessage().replace("step type", "service"));
            }
            Map<String, Object> params = map(map.get("parameters"), "parameters");
            Map<String, List<String>> inputs = new LinkedHashMap<>();
            map(map.get("inputs"), "inputs").forEach((k, v) -> inputs.put(k, sources(k, v, parameters)));
            String forEachVar = null;
            Object forEachIn = null;
            Map<String, Object> search = null;
            if (map.get("forEach") != null) {
                Map<String, Object> loop = map(map.get("forEach"), "forEach");
                unknownFields(loop, LOOP, "forEach");
                forEachVar = text(loop.get("var"), "forEach.var");
                forEachIn = loop.get("in");
                if (loop.get("search") != null) {
                    search = search(loop, forEachIn);
                } else if (forEachIn == null) {
                    throw new DefinitionException("forEach needs 'in': a count or a list (or 'search': a space of "
                            + "parameters)");
                }
                if (!id.contains("${" + forEachVar + "}") && !id.contains("${" + forEachVar + ".index}")) {
                    throw new DefinitionException("a repeated step's id must contain ${" + forEachVar + "} or ${"
                            + forEachVar + ".index}");
                }
            }
            Set<String> allowed = new HashSet<>();
            parameters.forEach((p, def) -> {
                allowed.add("params." + p);
                if (def.defaultValue() instanceof Map<?, ?> fields) {
                    fields.keySet().forEach(f -> allowed.add("params." + p + "." + f));
                }
            });
            if (forEachVar != null) {
                allowed.add(forEachVar);
                allowed.add(forEachVar + ".index");
            }
            Map<String, Object> halving = halving(map.get("halving"), search);
            references(search, allowed);
            references(halving, allowed);
            if (search != null) {
                allowed.add(forEachVar + ".*");
            }
            references(params, allowed);
            references(inputs, allowed);
            references(forEachIn, allowed);
            int retries = map.get("retries") == null ? 2 : intValue(map.get("retries"), "retries");
            Duration timeout = map.get("timeout") == null ? Duration.ofMinutes(30)
                    : duration(text(map.get("timeout"), "timeout"));
            boolean cache = map.get("cache") == null || Boolean.TRUE.equals(map.get("cache"));
            String when = map.get("when") == null ? null : when(text(map.get("when"), "when"), parameters);
            return new StepDef(id, service, params, inputs, retries, timeout, cache, forEachVar, forEachIn, when,
                    search, halving);
        } catch (DefinitionException e) {
            throw new DefinitionException(where + e.getMessage(), e);
        }
    }

    /** A search loop's {@code search}, {@code method}, {@code trials} and {@code seed}, unresolved. */
    private static Map<String, Object> search(Map<String, Object> loop, Object in) {
        if (in != null) {
            throw new DefinitionException("forEach takes 'in' or 'search', not both");
        }
        if (loop.get("method") == null) {
            throw new DefinitionException("a search needs a method: grid or random");
        }
        Map<String, Object> search = new LinkedHashMap<>();
        for (String key : List.of("search", "method", "trials", "seed")) {
            search.put(key, loop.get(key));
        }
        return search;
    }

    /** A step's {@code halving}: only on a search, with a metric, a first rung and a factor (and a mode). */
    private static Map<String, Object> halving(Object raw, Map<String, Object> search) {
        if (raw == null) {
            return null;
        }
        if (search == null) {
            throw new DefinitionException("halving needs a search: forEach with 'search'");
        }
        Map<String, Object> halving = map(raw, "halving");
        unknownFields(halving, HALVING, "halving");
        for (String key : HALVING_REQUIRED) {
            if (halving.get(key) == null) {
                throw new DefinitionException("halving needs " + key);
            }
        }
        return halving;
    }

    /** An input's sources: one text or a list of texts; {@code params.<name>} must name a dataset parameter. */
    private static List<String> sources(String input, Object raw, Map<String, ParameterDef> parameters) {
        List<String> sources = new ArrayList<>();
        if (raw instanceof List<?> list && !list.isEmpty()) {
            list.forEach(v -> sources.add(text(v, "input " + input)));
        } else {
            sources.add(text(raw, "input " + input));
        }
        for (String source : sources) {
            if (source.startsWith("params.")) {
                String name = source.substring("params.".length());
                ParameterDef p = parameters.get(name);
                if (p == null || !p.isDataset()) {
                    throw new DefinitionException("input '" + input + "' takes '" + source + "', but '" + name
                            + "' is not a parameter of type dataset or faces");
                }
            }
        }
        return List.copyOf(sources);
    }

    /** {@code params.x}, {@code params.x.field} or {@code !params.x}, naming a declared parameter. */
    private static String when(String text, Map<String, ParameterDef> parameters) {
        Matcher m = WHEN.matcher(text.strip());
        if (!m.matches()) {
            throw new DefinitionException("when must be params.<name>, params.<name>.<field> or !params.<name>, got '"
                    + text + "'");
        }
        ParameterDef p = parameters.get(m.group(1));
        if (p == null) {
            throw new DefinitionException("when names no declared parameter '" + m.group(1) + "'");
        }
        if (m.group(2) != null && !(p.defaultValue() instanceof Map<?, ?> fields
                && fields.containsKey(m.group(2).substring(1)))) {
            throw new DefinitionException("when names no field '" + m.group(2).substring(1) + "' of parameter '"
                    + m.group(1) + "'");
        }
        return text.strip();
    }

    /** Every {@code ${...}} in a value (at any depth) must name a declared parameter or the loop variable. */
    private static void references(Object value, Set<String> allowed) {
        if (value instanceof String text) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                boolean field = name.contains(".") && allowed.contains(name.substring(0, name.indexOf('.')) + ".*");
                if (!allowed.contains(name) && !field) {
                    throw new DefinitionException("'${" + m.group(1) + "}' names no declared parameter");
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> references(v, allowed));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> references(v, allowed));
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new DefinitionException("timeout '" + text + "' is not a duration like 90s, 30m, 2h or PT30M");
        }
    }

    private static void unknownFields(Map<String, Object> map, Set<String> known, String what) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new DefinitionException(what + " has unknown field '" + key + "'; known: " + known);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String what) {
        if (raw == null) {
            return new LinkedHashMap<>();
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw new DefinitionException(what + " must be a map");
        }
        return (Map<String, Object>) raw;
    }

    private static String text(Object raw, String what) {
        if (raw == null || raw.toString().isBlank()) {
            throw new DefinitionException(what + " is missing");
        }
        return raw.toString();
    }

    private static int intValue(Object raw, String what) {
        if (raw instanceof Integer i && i >= 0) {
            return i;
        }
        throw new DefinitionException(what + " must be a whole number of 0 or more, got '" + raw + "'");
    }
}
