package io.maskflow.contracts.json;

/** A message that is not a valid event of the expected type; the message says what is wrong with it. */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
