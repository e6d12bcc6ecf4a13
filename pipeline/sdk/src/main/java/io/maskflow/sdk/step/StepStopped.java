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

    /** The stop somewhere in a chain of causes (a thread pool wraps what its tasks throw), if there is one. */
    static java.util.Optional<StepStopped> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StepStopped stopped) {
                return java.util.Optional.of(stopped);
            }
        }
        return java.util.Optional.empty();
    }
}
