package io.maskflow.orchestrator.engine;

import org.jboss.logging.Logger;

/** The reason a run request is rejected with, from what resolving it threw. */
final class RejectionReasons {

    private static final Logger LOG = Logger.getLogger(RejectionReasons.class);

    private RejectionReasons() {
    }

    /**
     * The message of an {@link IllegalArgumentException} (a {@code DefinitionException} among them): it says what is
     * wrong with the request. Any other exception is a bug met on the request's values: logged with its stack, and
     * named in the reason so the request is answered rather than lost.
     */
    static String of(RuntimeException e) {
        if (e instanceof IllegalArgumentException && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        LOG.error("resolving a run request failed", e);
        return "the request could not be resolved: " + e;
    }
}
