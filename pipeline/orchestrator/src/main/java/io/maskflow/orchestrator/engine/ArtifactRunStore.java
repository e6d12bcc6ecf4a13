package io.maskflow.orchestrator.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.step.StopRequest;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps each run as {@code runs/<runId>/state.json} in the artifact store, and its stop requests beside it
 * ({@code runs/<runId>/stop/...}, read by the step services).
 */
public final class ArtifactRunStore implements RunStore {

    private static final String STATE = "state.json";
    private static final int READ_ATTEMPTS = 5;

    private final ArtifactStore store;
    private final Map<String, Read> read = new ConcurrentHashMap<>();
    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ArtifactRunStore(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public void save(RunState run) throws IOException {
        store.put(ArtifactKeys.runRecord(run.runId, STATE), json.writeValueAsBytes(run), "application/json");
    }

    /**
     * Reads a run's state. Another orchestrator (the run's owner) may replace it between the stat and the read, which
     * the read's size and hash check reports; the state is then read again.
     */
    @Override
    public void requestStop(StopRequest request) throws IOException {
        store.put(request.key(), EventCodec.instance().mapper().writeValueAsBytes(request), "application/json");
    }

    @Override
    public Optional<RunState> load(String runId) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<ArtifactRef> ref = store.stat(ArtifactKeys.runRecord(runId, STATE));
            try {
                return ref.isEmpty() ? Optional.empty()
                        : Optional.of(json.readValue(store.read(ref.get()), RunState.class));
            } catch (ArtifactCorruptedException e) {
                if (attempt == READ_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<RunState> loadAll() throws IOException {
        return loadAll(runId -> true);
    }

    /**
     * Reads only the states of the runs wanted: the run id is part of the key, and one listing (without a request
     * per object) finds the keys and their ETags. A state read before whose ETag has not changed is not read
     * again (the API of a replica that does not own every run lists the others' runs this way every second while
     * the web page is open).
     */
    @Override
    public List<RunState> loadAll(Predicate<String> runIds) throws IOException {
        List<ArtifactStore.StoredObject> objects;
        try {
            objects = store.listObjects(store.bucket(), "runs/");
        } catch (ArtifactNotFoundException e) {
            return List.of(); // no bucket yet: nothing was ever kept
        }
        List<RunState> runs = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ArtifactStore.StoredObject object : objects) {
            String key = object.key();
            if (!key.endsWith("/" + STATE)) {
                continue;
            }
            String runId = key.substring("runs/".length(), key.length() - STATE.length() - 1);
            listed.add(runId);
            if (runId.contains("/") || !runIds.test(runId)) {
                continue;
            }
            Read cached = read.get(runId);
            if (cached != null && object.etag() != null && object.etag().equals(cached.etag())) {
                runs.add(cached.run().snapshot());
                continue;
            }
            Optional<RunState> run = load(runId);
            if (run.isPresent()) {
                read.put(runId, new Read(object.etag(), run.get().snapshot()));
                runs.add(run.get());
            }
        }
        read.keySet().retainAll(listed); // runs deleted meanwhile
        return runs;
    }

    /** A state as read, with the ETag the listing showed for it. */
    private record Read(String etag, RunState run) {
    }
}
