package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.run.Halving;
import io.maskflow.contracts.run.OutputRef;
import io.maskflow.contracts.run.RunSpec;
import io.maskflow.contracts.run.StepSpec;
import io.maskflow.contracts.steps.ArtifactKind;
import io.maskflow.contracts.steps.StepContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a definition in for one run: parameter overrides (checked against the declared names and types), data
 * set parameters (located in the store, see {@link DatasetLocator}), {@code ${...}} references, steps skipped by
 * {@code when}, repeated steps ({@code forEach}), input sources and {@code *} inputs; then checks every step's
 * parameters against its service's parameter record and the DAG (cycles, missing steps) through {@link RunSpec},
 * and the run as a whole against what its steps will make of their parameters and data sets ({@link RunChecks}).
 */
public final class DefinitionResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");
    private static final Pattern WHOLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");

    private DefinitionResolver() {
    }

    /** The resolved run of a definition without data set parameters, or a {@link DefinitionException}. */
    public static RunSpec resolve(PipelineDefinition def, Map<String, Object> overrides, String runId) {
        return resolve(def, overrides, runId, DatasetLocator.NONE);
    }

    /** The resolved run, or a {@link DefinitionException} saying what is wrong with the request. */
    public static RunSpec resolve(PipelineDefinition def, Map<String, Object> overrides, String runId,
            DatasetLocator datasets) {
        Map<String, Object> values = parameters(def, overrides);
        Map<String, Object> scope = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            scope.put("params." + k, v);
            if (v instanceof Map<?, ?> fields) {
                fields.forEach((f, fv) -> scope.put("params." + k + "." + f, fv));
            }
        });
        Map<String, DatasetLocator.Found> found = new LinkedHashMap<>();
        Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
        def.parameters().forEach((name, p) -> {
            if (p.isDataset() && ParameterDef.isSet(values.get(name))) {
                try {
                    found.put(name, datasets.find(values.get(name).toString().strip(), "faces".equals(p.type())
                            ? DatasetLocator.Kind.FACES : DatasetLocator.Kind.COMPETITION));
                } catch (IllegalArgumentException e) { // a DefinitionException, or a name the store refuses
                    throw new DefinitionException("parameter '" + name + "': " + e.getMessage(), e);
                }
                artifacts.put(name, found.get(name).ref());
            }
        });

        List<StepSpec> steps = new ArrayList<>();
        Map<String, StepDef> defined = new LinkedHashMap<>();
        Set<String> skipped = new HashSet<>();
        for (StepDef step : def.steps()) {
            if (step.when() != null && !holds(step.when(), scope)) {
                skipped.add(step.id());
                continue;
            }
            if (step.forEachVar() == null) {
                steps.add(resolveStep(step, scope, Map.of(), steps, skipped, artifacts.keySet()));
                defined.put(steps.get(steps.size() - 1).id(), step);
                continue;
            }
            List<?> elements = step.search() == null ? loop(step, scope) : trials(step, scope);
            for (int i = 0; i < elements.size(); i++) {
                Map<String, Object> inner = new LinkedHashMap<>(scope);
                inner.put(step.forEachVar(), elements.get(i));
                inner.put(step.forEachVar() + ".index", i);
                Map<String, Object> trial = new LinkedHashMap<>();
                if (step.search() != null && elements.get(i) instanceof Map<?, ?> fields) {
                    fields.forEach((f, v) -> trial.put(String.valueOf(f), v));
                    trial.forEach((f, v) -> inner.put(step.forEachVar() + "." + f, v));
                }
                steps.add(resolveStep(step, inner, trial, steps, skipped, artifacts.keySet()));
                defined.put(steps.get(steps.size() - 1).id(), step);
            }
        }
        RunSpec spec;
        try {
            spec = new RunSpec(def.name(), runId, values, steps, artifacts);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(e.getMessage(), e);
        }
        for (Map.Entry<String, String> output : def.outputs().entrySet()) {
            OutputRef ref = OutputRef.parse(output.getValue());
            if (!skipped.contains(ref.stepId()) && steps.stream().noneMatch(s -> s.id().equals(ref.stepId()))) {
                throw new DefinitionException("output '" + output.getKey() + "' comes from step '" + ref.stepId()
                        + "', which does not exist");
            }
            steps.stream().filter(s -> s.id().equals(ref.stepId())).findFirst().ifPresent(source -> {
                if (!StepContract.of(source.step()).outputs().containsKey(ref.output())) {
                    throw new DefinitionException("output '" + output.getKey() + "' comes from '" + output.getValue()
                            + "', but step '" + ref.stepId() + "' (" + source.step().id() + ") gives no output '"
                            + ref.output() + "'; it gives " + StepContract.of(source.step()).outputs().keySet());
                }
            });
        }
        new RunChecks(def, overrides, values, skipped, found, steps, defined).check();
        return spec;
    }

    /** Declared defaults with the request's overrides on top; unknown names and wrong types are refused. */
    public static Map<String, Object> parameters(PipelineDefinition def, Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        def.parameters().forEach((name, p) -> values.put(name, p.normalise(p.defaultValue())));
        if (overrides != null) {
            for (Map.Entry<String, Object> e : overrides.entrySet()) {
                ParameterDef p = def.parameters().get(e.getKey());
                if (p == null) {
                    throw new DefinitionException("pipeline '" + def.name() + "' has no parameter '" + e.getKey()
                            + "'; it has " + def.parameters().keySet());
                }
                if (!p.accepts(e.getValue())) {
                    throw new DefinitionException("parameter '" + e.getKey() + "' must be " + p.type() + ", got '"
                            + ParameterDef.shown(e.getValue()) + "'");
                }
                try {
                    values.put(e.getKey(), p.normalise(e.getValue()));
                } catch (DefinitionException problem) {
                    throw new DefinitionException("parameter '" + e.getKey() + "' " + problem.getMessage(), problem);
                }
            }
        }
        return values;
    }

    private static List<Object> loop(StepDef step, Map<String, Object> scope) {
        Object in = substitute(step.forEachIn(), scope);
        if (in instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 0
                && n.intValue() <= 100) {
            List<Object> range = new ArrayList<>();
            for (int i = 0; i < n.intValue(); i++) {
                range.add(i);
            }
            return range;
        }
        if (in instanceof List<?> list && list.size() <= 100) {
            if (list.isEmpty()) {
                // the steps after it would then name inputs of no step, and the reason would blame the definition
                throw new DefinitionException("step '" + step.id() + "' repeats for each of " + step.forEachIn()
                        + ", which is an empty list: give at least one value");
            }
            return new ArrayList<>(list);
        }
        throw new DefinitionException("step '" + step.id() + "' repeats for each of " + step.forEachIn()
                + ": that must be a count from 0 to 100 or a list of at most 100 values, got " + describe(in));
    }

    /** A value for a message: a long list by its size, not written out whole. */
    private static String describe(Object value) {
        return value instanceof List<?> list && list.size() > 10 ? "a list of " + list.size() + " values"
                : "'" + value + "'";
    }

    /** A search's trials ({@link SearchSpace}), its space, method, count and seed resolved in {@code scope}. */
    private static List<Map<String, Object>> trials(StepDef step, Map<String, Object> scope) {
        Map<?, ?> search = (Map<?, ?>) substitute(step.search(), scope);
        try {
            return SearchSpace.trials(search.get("search"), search.get("method"), search.get("trials"),
                    search.get("seed"));
        } catch (DefinitionException e) {
            throw new DefinitionException("step '" + step.id() + "': " + e.getMessage(), e);
        }
    }

    /** A trial's {@link Halving}, or null when the step has none or its {@code eta} is below 2 (halving off). */
    private static Halving halving(StepDef step, Map<String, Object> scope) {
        if (step.halving() == null) {
            return null;
        }
        Map<?, ?> halving = (Map<?, ?>) substitute(step.halving(), scope);
        Object eta = halving.get("eta");
        Object minEpochs = halving.get("minEpochs");
        if (!(eta instanceof Number e) || !(minEpochs instanceof Number first)) {
            throw new DefinitionException("step '" + step.id() + "': halving needs whole numbers for eta and "
                    + "minEpochs, got " + halving);
        }
        if (e.intValue() < 2) {
            return null;
        }
        try {
            return new Halving(step.id(), String.valueOf(halving.get("metric")), optional(halving.get("mode")),
                    first.intValue(), e.intValue(), optional(halving.get("schedule")));
        } catch (IllegalArgumentException problem) {
            throw new DefinitionException("step '" + step.id() + "': " + problem.getMessage(), problem);
        }
    }

    /** An optional text setting: null when absent or empty. */
    private static String optional(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    /** Whether a step's {@code when} holds: {@code params.x[.field]} is set, or with {@code !}, is not. */
    static boolean holds(String when, Map<String, Object> scope) {
        boolean negated = when.startsWith("!");
        boolean set = ParameterDef.isSet(scope.get(negated ? when.substring(1) : when));
        return negated != set;
    }

    /** One step of the run; a search's trial's fields ({@code trial}) go over the step's own parameters. */
    private static StepSpec resolveStep(StepDef step, Map<String, Object> scope, Map<String, Object> trial,
            List<StepSpec> earlier, Set<String> skipped, Set<String> artifacts) {
        String id = String.valueOf(substitute(step.id(), scope));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) substitute(step.parameters(), scope));
        params.putAll(trial);
        try {
            StepParameters.check(step.service(), params);
        } catch (InvalidParametersException e) {
            throw new DefinitionException("step '" + id + "': " + e.getMessage(), e);
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> input : step.inputs().entrySet()) {
            String unsetParameter = null;
            boolean found = false;
            for (String candidate : input.getValue()) {
                String source = String.valueOf(substitute(candidate, scope));
                if (source.startsWith(RunSpec.PARAMS + ".")) {
                    String name = source.substring(RunSpec.PARAMS.length() + 1);
                    if (artifacts.contains(name)) {
                        inputs.put(input.getKey(), source);
                        found = true;
                        break;
                    }
                    unsetParameter = unsetParameter == null ? name : unsetParameter;
                    continue;
                }
                if (addStepInputs(id, input.getKey(), source, earlier, skipped, inputs)) {
                    found = true;
                    break;
                }
            }
            if (!found && unsetParameter != null) {
                throw new DefinitionException.MissingParameter("parameter '" + unsetParameter + "' is required "
                        + "(step '" + id + "' takes it as input '" + input.getKey() + "'): give a data set, the key "
                        + "that maskflow upload printed or s3://bucket/prefix");
            }
        }
        checkInputs(id, step.service(), inputs, earlier);
        try {
            return new StepSpec(id, step.service(), params, inputs, step.retries(), step.timeout(), step.cache(),
                    halving(step, scope));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(e.getMessage(), e);
        }
    }

    /**
     * Checks a step's inputs against its {@link StepContract}: every input is one the step takes, every
     * {@code <step>.<output>} names an output the source step's type declares, of a kind the input accepts, and
     * every required input is there.
     */
    private static void checkInputs(String id, StepType service, Map<String, String> inputs, List<StepSpec> earlier) {
        StepContract contract = StepContract.of(service);
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            StepContract.Input declared = contract.input(input.getKey()).orElseThrow(() -> new DefinitionException(
                    "step '" + id + "': a " + service.id() + " step takes no input '" + input.getKey() + "'; it takes "
                    + contract.inputNames()));
            OutputRef ref = OutputRef.parse(input.getValue());
            if (ref.stepId().equals(RunSpec.PARAMS)) {
                continue;
            }
            StepType source = earlier.stream().filter(s -> s.id().equals(ref.stepId())).findFirst()
                    .map(StepSpec::step).orElse(null);
            if (source == null) {
                continue;
            }
            ArtifactKind kind = StepContract.of(source).outputs().get(ref.output());
            if (kind == null) {
                throw new DefinitionException("step '" + id + "': input '" + input.getKey() + "' takes '"
                        + input.getValue() + "', but step '" + ref.stepId() + "' (" + source.id()
                        + ") gives no output '" + ref.output() + "'; it gives "
                        + StepContract.of(source).outputs().keySet());
            }
            if (!declared.kinds().contains(kind)) {
                throw new DefinitionException("step '" + id + "': input '" + input.getKey() + "' takes '"
                        + input.getValue() + "', a " + kind + ", but it accepts " + new TreeSet<>(declared.kinds()));
            }
        }
        contract.inputs().forEach((name, declared) -> {
            boolean given = inputs.containsKey(name) || declared.repeated() && inputs.keySet().stream()
                    .anyMatch(n -> n.startsWith(name + "-"));
            if (declared.required() && !given) {
                throw new DefinitionException("step '" + id + "': a " + service.id() + " step needs input '" + name
                        + "' (" + new TreeSet<>(declared.kinds()) + ")");
            }
        });
    }

    /**
     * Adds the input from {@code source}    /**
     * Adds the input from {@code source} ({@code <stepId>.<output>}, the step id may hold a {@code *}); false when
     * the source step was skipped by its {@code when}, so the next source is tried.
     */
    private static boolean addStepInputs(String id, String name, String source, List<StepSpec> earlier,
            Set<String> skipped, Map<String, String> inputs) {
        OutputRef ref;
        try {
            ref = OutputRef.parse(source.replace('*', 'x'));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException("step '" + id + "': " + e.getMessage(), e);
        }
        String stepPattern = source.substring(0, source.lastIndexOf('.'));
        if (skipped.contains(stepPattern)) {
            return false;
        }
        if (!stepPattern.contains("*")) {
            inputs.put(name, source);
            return true;
        }
        Pattern glob = Pattern.compile(Pattern.quote(stepPattern).replace("*", "\\E(.+)\\Q"));
        int matched = 0;
        for (StepSpec other : earlier) {
            Matcher m = glob.matcher(other.id());
            if (m.matches()) {
                inputs.put(name + "-" + m.group(1), other.id() + "." + ref.output());
                matched++;
            }
        }
        if (matched == 0) {
            throw new DefinitionException("step '" + id + "': input '" + name + "' matches no step '" + stepPattern
                    + "' defined before it");
        }
        return true;
    }

    /** Replaces references: a value that is exactly one reference keeps the referenced value's type. */
    static Object substitute(Object value, Map<String, Object> scope) {
        if (value instanceof String text) {
            Matcher whole = WHOLE.matcher(text);
            if (whole.matches()) {
                return lookup(whole.group(1), scope);
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(lookup(m.group(1), scope))));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, scope)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> substitute(v, scope)).toList();
        }
        return value;
    }

    private static Object lookup(String name, Map<String, Object> scope) {
        if (!scope.containsKey(name)) {
            throw new DefinitionException("'${" + name + "}' names nothing defined here");
        }
        return scope.get(name);
    }
}
