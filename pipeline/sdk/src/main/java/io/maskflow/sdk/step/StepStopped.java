package io.maskflow.sdk.step;

/**
 * Thrown inside a step's work when the orchestrator asked the attempt to stop; unchecked so that it passes through
 * loops and callbacks that declare nothing. The step runtime reports the attempt {@code CANCELLED}.
 */
public final class StepStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepStopped(String reason) {
        super(reason);
    }
}
