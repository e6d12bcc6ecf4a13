package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoints in the artifact store under a step execution's deterministic output prefix
 * ({@code <prefix>checkpoint/state.json}, {@code epoch-<n>.zip} after every epoch, {@code best-<n>.zip} whenever the
 * best epoch changes), so that whichever trainer replica gets the redelivered command after a crash finds them. The
 * state is written last: a crash between the files leaves the previous, complete checkpoint in force. When the
 * training ends, {@link #prune()} leaves only the state, the last epoch's file and the best epoch's file.
 */
public final class StoreCheckpoints implements Checkpoints {

    private final ArtifactStore store;
    private final String prefix;

    public StoreCheckpoints(ArtifactStore store, String outputPrefix) {
        this.store = store;
        this.prefix = outputPrefix + "checkpoint/";
    }

    @Override
    public Optional<State> restore(Path latest, Path best) throws IOException {
        Optional<ArtifactRef> state = store.stat(prefix + "state.json");
        if (state.isEmpty()) {
            return Optional.empty();
        }
        State restored = EventCodec.instance().mapper().readValue(store.read(state.get()), State.class);
        store.download(store.stat(prefix + "epoch-" + restored.epoch() + ".zip").orElseThrow(
                () -> new IOException("checkpoint state names epoch " + restored.epoch() + " but its file is gone")),
                latest);
        store.download(store.stat(prefix + "best-" + restored.bestEpoch() + ".zip").orElseThrow(
                () -> new IOException("checkpoint state names best epoch " + restored.bestEpoch()
                        + " but its file is gone")), best);
        return Optional.of(restored);
    }

    @Override
    public int prune() throws IOException {
        Optional<ArtifactRef> stateRef = store.stat(prefix + "state.json");
        if (stateRef.isEmpty()) {
            return 0;
        }
        State state = EventCodec.instance().mapper().readValue(store.read(stateRef.get()), State.class);
        Set<String> kept = Set.of(prefix + "state.json", prefix + "epoch-" + state.epoch() + ".zip",
                prefix + "best-" + state.bestEpoch() + ".zip");
        List<String> removed = store.list(prefix).stream().map(ArtifactRef::key).filter(k -> !kept.contains(k))
                .toList();
        if (!removed.isEmpty()) {
            store.delete(removed);
        }
        return removed.size();
    }

    @Override
    public void save(State state, Path latest, Path best) throws IOException {
        store.put(prefix + "epoch-" + state.epoch() + ".zip", latest, "application/zip");
        if (best != null) {
            store.put(prefix + "best-" + state.bestEpoch() + ".zip", best, "application/zip");
        }
        store.put(prefix + "state.json", EventCodec.instance().mapper().writeValueAsBytes(state),
                "application/json");
    }
}
