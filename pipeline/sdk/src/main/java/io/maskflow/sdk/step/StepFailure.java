package io.maskflow.sdk.step;

/** A step failure with a stable code and a message meant for the user; becomes the FAILED event's error. */
public class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retryable;

    public StepFailure(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public StepFailure(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
