package io.maskflow.orchestrator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the orchestrator. */
@ConfigMapping(prefix = "maskflow.orchestrator")
public interface OrchestratorSettings {

    /** A folder of extra pipeline definitions (YAML) besides the shipped ones. */
    Optional<Path> definitionsDir();

    /** Wait before the first retry of a failed step attempt; doubled for each further one. */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * How long a REST request that another replica must carry out (the run is owned elsewhere) waits for the owner
     * to save the result before it answers 202 with the run's address.
     */
    @WithDefault("10s")
    Duration forwardWait();
}
