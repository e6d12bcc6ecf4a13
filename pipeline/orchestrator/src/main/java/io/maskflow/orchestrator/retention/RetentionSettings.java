package io.maskflow.orchestrator.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code maskflow.retention.*}: the retention policy the orchestrator applies on its own (see
 * {@link RetentionPolicy}). Without {@code max-age}, {@code keep-last} or {@code pipelines} nothing is deleted.
 */
@ConfigMapping(prefix = "maskflow.retention")
public interface RetentionSettings {

    /** Whether the periodic job applies the policy (the dry run and deleting by hand work either way). */
    @WithDefault("true")
    boolean enabled();

    /** Finished runs older than this go, e.g. {@code 30d}; unset keeps them whatever their age. */
    Optional<String> maxAge();

    /** Only the newest this many finished runs of each pipeline stay; unset keeps them all. */
    OptionalInt keepLast();

    /** Per-pipeline rules as JSON: {@code {"sweep": {"keepLast": 5}, "train-and-serve": {"maxAge": "90d"}}}. */
    Optional<String> pipelines();

    /** How often the job runs (the {@code @Scheduled} interval; read where the job is declared). */
    @WithDefault("1h")
    String interval();
}
