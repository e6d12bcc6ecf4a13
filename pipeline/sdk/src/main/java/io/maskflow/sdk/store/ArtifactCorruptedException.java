package io.maskflow.sdk.store;

import java.io.IOException;

/** An artifact whose content does not match the size or SHA-256 recorded for it. */
public class ArtifactCorruptedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ArtifactCorruptedException(String message) {
        super(message);
    }
}
