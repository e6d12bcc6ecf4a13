package io.maskflow.orchestrator.engine;

import io.maskflow.sdk.step.StopRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Where run states are kept so that they outlive the orchestrator process. */
public interface RunStore {

    void save(RunState run) throws IOException;

    Optional<RunState> load(String runId) throws IOException;

    /** Every run kept. */
    List<RunState> loadAll() throws IOException;

    /** Leaves a request that one attempt of a step stop where the worker running it looks for it. */
    void requestStop(StopRequest request) throws IOException;

    /** The runs kept whose ids {@code runIds} accepts (an orchestrator loads the runs it owns). */
    default List<RunState> loadAll(Predicate<String> runIds) throws IOException {
        return loadAll().stream().filter(run -> runIds.test(run.runId)).toList();
    }
}
