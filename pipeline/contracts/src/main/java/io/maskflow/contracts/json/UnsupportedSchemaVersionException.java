package io.maskflow.contracts.json;

/** An event written with a schema version this code does not read. */
public class UnsupportedSchemaVersionException extends MalformedEventException {

    private static final long serialVersionUID = 1L;

    private final int version;

    public UnsupportedSchemaVersionException(String type, int version, int supported) {
        super(type + " has schema version " + version + "; this service reads version " + supported);
        this.version = version;
    }

    public int version() {
        return version;
    }
}
