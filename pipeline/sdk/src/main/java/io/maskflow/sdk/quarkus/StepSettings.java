package io.maskflow.sdk.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of a step service. */
@ConfigMapping(prefix = "maskflow.step")
public interface StepSettings {

    /**
     * Build-time switch: true in the step services (datagen, preprocess, trainer, evaluator), which then consume
     * their command topic through {@link StepCommandConsumer}.
     */
    @WithDefault("false")
    boolean enabled();

    /** The name of this replica in step events; defaults to the host name and process id. */
    Optional<String> worker();

    /**
     * How often a running step attempt looks in the store for the orchestrator's request to stop it (a cancelled
     * run, a timed-out attempt); the work stops within about this long.
     */
    @WithDefault("1s")
    Duration stopPoll();

    /**
     * How long the claim of a replica running a step command may go unrenewed (it is renewed every quarter of this)
     * before another replica handed the same command, after a rebalance, takes it over; until then that replica
     * waits for the command's outcome instead of running it a second time. A claim in this replica's own name that it
     * does not hold (a container restarted in its pod keeps its name) is taken over at once.
     */
    @WithDefault("30s")
    Duration claimLease();

    /**
     * How long a command whose outcome cannot be recorded or published (the store or the broker unreachable, after
     * the store's own retries) is tried again, its offset not committed, before it is left to the orchestrator's step
     * timeout. The waits between tries start at a second and double up to 30 seconds.
     */
    @WithDefault("10m")
    Duration unavailableRetry();
}
