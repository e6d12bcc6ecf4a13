package io.maskflow.preprocess.source;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data set under a prefix of the artifact store. Its files are listed once, and every read is checked against
 * the SHA-256 recorded when it was written.
 */
public final class StoreSource implements DatasetSource {

    private final ArtifactStore store;
    private final String root;
    private final Map<String, ArtifactRef> files = new TreeMap<>();

    public StoreSource(ArtifactStore store, String root) throws IOException {
        this.store = store;
        this.root = root.endsWith("/") ? root : root + "/";
        for (ArtifactRef ref : store.list(this.root)) {
            files.put(ref.key().substring(this.root.length()), ref);
        }
    }

    /**
     * The data set a reference points into: its {@code train/train.csv}, or a file at its root such as the
     * generator's {@code dataset.json}.
     */
    public static StoreSource around(ArtifactStore store, ArtifactRef ref) throws IOException {
        String key = ref.key();
        if (key.endsWith(CompetitionLayout.TRAIN_CSV)) {
            return new StoreSource(store, key.substring(0, key.length() - CompetitionLayout.TRAIN_CSV.length()));
        }
        int slash = key.lastIndexOf('/');
        return new StoreSource(store, slash < 0 ? "" : key.substring(0, slash + 1));
    }

    @Override
    public String name() {
        return "s3://" + store.bucket() + "/" + root;
    }

    @Override
    public List<String> list(String prefix) {
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
        ArtifactRef ref = files.get(path);
        if (ref == null) {
            throw new ArtifactNotFoundException(name() + path);
        }
        return store.open(ref);
    }
}
