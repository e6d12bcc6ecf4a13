package io.maskflow.orchestrator.schedules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code maskflow.schedules.*}: recurring runs (see {@link Schedules}). */
@ConfigMapping(prefix = "maskflow.schedules")
public interface ScheduleSettings {

    /** Whether this replica fires schedules (the REST API works either way). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often each replica looks for slots that have come (the {@code @Scheduled} interval; read where the job is
     * declared): a run starts up to this late after its slot. Each look is one listing of {@code schedules/}.
     */
    @WithDefault("5s")
    Duration checkEvery();
}
