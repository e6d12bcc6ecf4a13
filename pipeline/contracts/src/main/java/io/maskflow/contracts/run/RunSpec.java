package io.maskflow.contracts.run;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline definition resolved for one run: its parameter values, the artifacts its parameters name (a user's
 * data set), and a DAG of steps. A step takes an input from an earlier step as {@code <stepId>.<output>}, or from
 * the run's artifacts as {@code params.<name>}. The constructor refuses duplicate step ids, inputs from steps or
 * artifacts that do not exist and cycles, naming the culprit.
 *
 * @param artifacts parameter name to the artifact it named, resolved when the run was accepted
 */
public record RunSpec(String pipeline, String runId, Map<String, Object> parameters, List<StepSpec> steps,
        Map<String, ArtifactRef> artifacts) {

    /** The pseudo step id under which a step names the run's artifacts: {@code params.dataset}. */
    public static final String PARAMS = "params";

    public RunSpec(String pipeline, String runId, Map<String, Object> parameters, List<StepSpec> steps) {
        this(pipeline, runId, parameters, steps, Map.of());
    }

    public RunSpec {
        Require.nonBlank(pipeline, "pipeline");
        Require.id(runId, "runId");
        parameters = Require.copy(parameters, "parameters");
        artifacts = artifacts == null ? Map.of() : Require.copy(artifacts, "artifacts");
        steps = List.copyOf(Require.present(steps, "steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + pipeline + "' has no steps");
        }
        Map<String, StepSpec> byId = new LinkedHashMap<>();
        for (StepSpec step : steps) {
            if (step.id().equals(PARAMS)) {
                throw new IllegalArgumentException("'" + PARAMS + "' is reserved and cannot be a step id");
            }
            if (byId.put(step.id(), step) != null) {
                throw new IllegalArgumentException("pipeline '" + pipeline + "' has two steps with id '" + step.id()
                        + "'");
            }
        }
        for (StepSpec step : steps) {
            for (String source : step.inputs().values()) {
                OutputRef ref = OutputRef.parse(source);
                if (ref.stepId().equals(PARAMS)) {
                    if (!artifacts.containsKey(ref.output())) {
                        throw new IllegalArgumentException("step '" + step.id() + "' takes input '" + source
                                + "', but the run was given no artifact '" + ref.output() + "'");
                    }
                    continue;
                }
                if (!byId.containsKey(ref.stepId())) {
                    throw new IllegalArgumentException("step '" + step.id() + "' takes input '" + source
                            + "' from step '" + ref.stepId() + "', which does not exist");
                }
            }
        }
        order(pipeline, steps);
    }

    public StepSpec step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step '" + id + "' in pipeline " + pipeline));
    }

    /** The ids of the steps whose outputs {@code stepId} takes (the run's own artifacts are not steps). */
    public Set<String> dependenciesOf(String stepId) {
        Set<String> deps = new TreeSet<>();
        step(stepId).inputs().values().forEach(source -> deps.add(OutputRef.parse(source).stepId()));
        deps.remove(PARAMS);
        return deps;
    }

    /** Step ids in an order where every step comes after the steps it depends on (stable: definition order). */
    public List<String> topologicalOrder() {
        return order(pipeline, steps);
    }

    private static List<String> order(String pipeline, List<StepSpec> steps) {
        Map<String, Set<String>> remaining = new LinkedHashMap<>();
        for (StepSpec step : steps) {
            Set<String> deps = new LinkedHashSet<>();
            step.inputs().values().forEach(source -> deps.add(OutputRef.parse(source).stepId()));
            deps.remove(PARAMS);
            remaining.put(step.id(), deps);
        }
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        remaining.forEach((id, deps) -> {
            if (deps.isEmpty()) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            String done = ready.poll();
            order.add(done);
            remaining.remove(done);
            remaining.forEach((id, deps) -> {
                if (deps.remove(done) && deps.isEmpty()) {
                    ready.add(id);
                }
            });
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + pipeline + "' has a cycle through steps "
                    + remaining.keySet());
        }
        return order;
    }
}
