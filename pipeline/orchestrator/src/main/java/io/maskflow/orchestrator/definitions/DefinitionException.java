package io.maskflow.orchestrator.definitions;

/** A pipeline definition, or a run request against one, that is not valid; the message says where and why. */
public class DefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A required parameter (a data set) was not given; the definition itself may be sound. */
    public static final class MissingParameter extends DefinitionException {
        public MissingParameter(String message) {
            super(message);
        }
    }
}
