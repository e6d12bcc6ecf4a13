package io.maskflow.sdk.store;

import java.io.IOException;

/** The artifact a step or request needs is not in the store. */
public class ArtifactNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public ArtifactNotFoundException(String uri) {
        super("artifact not found: " + uri);
    }
}
