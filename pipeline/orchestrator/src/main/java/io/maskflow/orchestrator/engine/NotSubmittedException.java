package io.maskflow.orchestrator.engine;

import java.io.UncheckedIOException;

/**
 * A run request that was not taken because the store did not answer while its data set was looked up: nothing of
 * the run was kept or started, so the same request may be sent again (a 503 over HTTP).
 */
public final class NotSubmittedException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    public NotSubmittedException(String runId, UncheckedIOException cause) {
        super("run " + runId + " was not started: " + cause.getMessage(), cause.getCause());
    }
}
