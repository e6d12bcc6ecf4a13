package io.maskflow.trainer;

import io.maskflow.sdk.store.ArtifactStore;

/** {@link TrainingService}s for tests outside this package, such as the REST resource's. */
public final class TrainingServices {

    private TrainingServices() {
    }

    /** A training service that reads and writes {@code store}. */
    public static TrainingService over(ArtifactStore store) {
        TrainingService service = new TrainingService();
        service.store = store;
        return service;
    }
}
