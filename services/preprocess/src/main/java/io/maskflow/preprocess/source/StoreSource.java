package io.maskflow.preprocess.source;

import com.fasterxml.jackson.core.JacksonException;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A data set in the artifact store: an uploaded or imported one (through its manifest), or a prefix written by
 * Maskflow such as a generated set. Every read is checked (see {@link DatasetFiles}).
 */
public final class StoreSource implements DatasetSource {

    private final DatasetFiles files;

    private StoreSource(DatasetFiles files) {
        this.files = files;
    }

    /**
     * The data set a reference points into: its manifest, its {@code train/train.csv}, or a file at its root.
     *
     * @throws IllegalArgumentException when the reference is a data set manifest that is not one (not JSON, or
     *     not a manifest's): the same bytes would be read again, so this is bad input, not an outage
     */
    public static StoreSource around(ArtifactStore store, ArtifactRef ref) throws IOException {
        try {
            return new StoreSource(DatasetFiles.open(store, ref));
        } catch (JacksonException e) {
            // a manifest's own check ("a file size must not be negative") says more than the mapper's wrapping
            throw new IllegalArgumentException(ref.uri() + " is not a readable data set manifest: "
                    + EventCodec.reason(e), e);
        }
    }

    @Override
    public String name() {
        return files.name();
    }

    @Override
    public List<String> list(String prefix) {
        return files.list(prefix);
    }

    @Override
    public boolean exists(String path) {
        return files.exists(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return files.open(path);
    }
}
