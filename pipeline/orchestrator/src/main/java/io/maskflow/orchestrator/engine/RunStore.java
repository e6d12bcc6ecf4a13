package io.maskflow.orchestrator.engine;

import io.maskflow.sdk.step.StopRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where run states are kept so that they outlive the orchestrator process. */
public interface RunStore {

    void save(RunState run) throws IOException;

    Optional<RunState> load(String runId) throws IOException;

    /** Every run kept. */
    List<RunState> loadAll() throws IOException;

    /** Leaves a request that one attempt of a step stop where the worker running it looks for it. */
    void requestStop(StopRequest request) throws IOException;
}
