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
}
