package io.maskflow.orchestrator.retention;

import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.definitions.PipelineDefinition;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Run deletion and the retention policy of the service: the configured policy ({@link RetentionSettings}), its dry
 * run and its periodic application. Every orchestrator replica runs the job; deletion is idempotent (deleting a
 * key already gone is no error, a run's state goes last), so two replicas applying the policy at the same time
 * delete the same objects and report them twice.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    RetentionSettings settings;
    @Inject
    ArtifactStore store;
    @Inject
    RunEngine engine;
    @Inject
    PipelineCatalog catalog;
    @Inject
    EventSink events;

    private volatile RunDeleter deleter;
    private volatile RetentionPolicy configured;

    RunDeleter deleter() {
        if (deleter == null) {
            deleter = new RunDeleter(store, engine, events);
        }
        return deleter;
    }

    /** The policy of the configuration; a bad value fails with the property's name. */
    public RetentionPolicy configured() {
        if (configured == null) {
            configured = new RetentionPolicy(new RetentionPolicy.Rule(settings.maxAge().map(text ->
                    RetentionPolicy.duration(text, "maskflow.retention.max-age")), settings.keepLast()),
                    RetentionPolicy.pipelineRules(settings.pipelines().orElse("")));
        }
        return configured;
    }

    /**
     * What a policy deletes (dry run) or deleted.
     *
     * @param policy the policy, the configured one unless the caller gave another
     * @param pipeline only runs of this pipeline, or all when empty
     */
    public RunDeleter.Plan retention(RetentionPolicy policy, Optional<String> pipeline, boolean dryRun)
            throws IOException {
        Map<String, RunState> all = deleter().allRuns();
        if (pipeline.isPresent() && catalog.find(pipeline.get()).isEmpty()
                && all.values().stream().noneMatch(run -> pipeline.get().equals(run.pipeline))) {
            // a misspelt name would select nothing and read as "nothing to delete"
            throw new IllegalArgumentException("pipeline '" + pipeline.get() + "' is neither defined nor the "
                    + "pipeline of a stored run; defined: " + catalog.all().stream()
                    .map(PipelineDefinition::name).sorted().toList());
        }
        Map<String, String> chosen = policy.select(all.values().stream()
                .filter(run -> pipeline.isEmpty() || pipeline.get().equals(run.pipeline)).toList(),
                Clock.systemUTC().instant());
        return dryRun ? deleter().plan(chosen, all) : deleter().apply(chosen);
    }

    /**
     * Deletes one run (or plans it), refusing an unfinished run, one whose attempts are still stopping, or one that
     * holds the promoted model.
     */
    public RunDeleter.Plan delete(String runId, boolean dryRun) throws IOException {
        Map<String, String> asked = Map.of(runId, "deleted by hand");
        return dryRun ? deleter().plan(asked, deleter().allRuns()) : deleter().apply(asked);
    }

    /** Reads the policy at start-up, so that a bad value stops the service with the property's name. */
    void check(@Observes StartupEvent start) {
        LOG.infof("retention policy: %s%s", configured(), settings.enabled() ? ", applied every "
                + settings.interval() : " (not applied on its own: maskflow.retention.enabled=false)");
    }

    @Scheduled(every = "${maskflow.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void apply() {
        if (!settings.enabled() || !configured().deletesAnything()) {
            return;
        }
        try {
            RunDeleter.Plan done = retention(configured(), Optional.empty(), false);
            if (!done.runs().isEmpty() || !done.skipped().isEmpty()) {
                LOG.infof("retention (%s) deleted %d run(s), %d object(s), %d bytes; kept %s", configured(),
                        done.runs().size(), done.objects(), done.bytes(), done.skipped());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("retention could not finish (it is tried again in %s): %s", settings.interval(),
                    e.getMessage());
        }
    }
}
