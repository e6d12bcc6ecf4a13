package io.maskflow.datagen;

import io.smallrye.config.ConfigMapping;
import java.util.OptionalInt;

/** Settings of the data generation service. */
@ConfigMapping(prefix = "maskflow.datagen")
public interface DatagenSettings {

    /** Threads that draw and encode photos; defaults to the number of cores. */
    OptionalInt threads();

    default int threadCount() {
        return threads().orElse(Runtime.getRuntime().availableProcessors());
    }

    /**
     * PUTs of generated photos to the store at once, on threads of their own beside the drawing threads: a PUT
     * mostly waits on the store, so several keep it busy while the drawing threads go on drawing.
     */
    OptionalInt uploads();

    default int uploadCount() {
        return uploads().orElse(8);
    }
}
