package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * The SDK's store in memory, for unit tests. With {@link #down} set, reading an object fails as an outage would
 * (an {@link IOException} after the first byte), so a test can tell the store's failures from its own answers.
 */
public final class MemoryStore extends InMemoryArtifactStore {

    /** When true, every stream opened fails after its first byte. */
    public volatile boolean down;

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        InputStream in = super.open(ref);
        if (!down) {
            return in;
        }
        return new InputStream() {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                if (first) {
                    first = false;
                    return in.read();
                }
                throw new IOException("connection reset reading " + ref.uri());
            }
        };
    }
}
