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

    /**
     * About how many MiB of photos go into one pack (a zip object under the data set's {@code packs/}, see
     * {@code DatasetPacks}) before it is sent; 0 writes one object per photo. One PUT per photo cost the step about
     * as much CPU as drawing the photo (issue 24).
     */
    OptionalInt packMib();

    default int packBytes() {
        return packMib().orElse(8) << 20;
    }
}
