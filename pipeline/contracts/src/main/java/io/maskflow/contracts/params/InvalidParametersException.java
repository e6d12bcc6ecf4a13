package io.maskflow.contracts.params;

/** Step parameters that do not bind or do not validate; the message names the parameter and the problem. */
public class InvalidParametersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}
