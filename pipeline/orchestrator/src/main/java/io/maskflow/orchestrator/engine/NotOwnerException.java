package io.maskflow.orchestrator.engine;

/** A run was asked of an engine that does not own its run id: another orchestrator drives that run. */
public final class NotOwnerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    public NotOwnerException(String runId) {
        super("run " + runId + " is owned by another orchestrator");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
