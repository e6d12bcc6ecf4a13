package io.maskflow.orchestrator.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.step.StopRequest;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each run as {@code runs/<runId>/state.json} in the artifact store, and its stop requests beside it
 * ({@code runs/<runId>/stop/...}, read by the step services).
 */
public final class ArtifactRunStore implements RunStore {

    private static final String STATE = "state.json";

    private final ArtifactStore store;
    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ArtifactRunStore(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public void save(RunState run) throws IOException {
        store.put(ArtifactKeys.runRecord(run.runId, STATE), json.writeValueAsBytes(run), "application/json");
    }

    @Override
    public void requestStop(StopRequest request) throws IOException {
        store.put(request.key(), EventCodec.instance().mapper().writeValueAsBytes(request), "application/json");
    }

    @Override
    public Optional<RunState> load(String runId) throws IOException {
        Optional<ArtifactRef> ref = store.stat(ArtifactKeys.runRecord(runId, STATE));
        return ref.isEmpty() ? Optional.empty() : Optional.of(json.readValue(store.read(ref.get()), RunState.class));
    }

    @Override
    public List<RunState> loadAll() throws IOException {
        List<RunState> runs = new ArrayList<>();
        for (ArtifactRef ref : store.list("runs/")) {
            if (ref.key().endsWith("/" + STATE)) {
                runs.add(json.readValue(store.read(ref), RunState.class));
            }
        }
        return runs;
    }
}
