package io.maskflow.sdk.store;

import java.io.IOException;

/**
 * An artifact whose bytes are intact but are not what the reference to it says they are: a CSV given as a shard
 * index, a shard index without shards. Reading it again reads the same bytes, so a step that meets one fails for
 * good.
 */
public class ArtifactUnreadableException extends IOException {

    private static final long serialVersionUID = 1L;

    public ArtifactUnreadableException(String message) {
        super(message);
    }
}
