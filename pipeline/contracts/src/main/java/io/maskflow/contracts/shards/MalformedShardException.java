package io.maskflow.contracts.shards;

import java.io.IOException;

/**
 * Bytes that are not a readable shard: another kind of file, another format version, a header whose sizes no
 * preprocess step writes, or fewer records than the header counts. Reading them again reads the same bytes.
 */
public class MalformedShardException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedShardException(String message) {
        super(message);
    }

    public MalformedShardException(String message, Throwable cause) {
        super(message, cause);
    }
}
