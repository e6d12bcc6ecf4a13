package io.maskflow.orchestrator.engine;

import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.OrchestratorSettings;
import io.maskflow.orchestrator.datasets.DatasetUploads;
import io.maskflow.orchestrator.datasets.StoreDatasets;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds the engine for the service and ticks it every second. The engine starts owning no run: the partitions
 * the orchestrators' consumer group assigns decide which runs it loads and drives ({@code RunOwnership}).
 */
@ApplicationScoped
public class EngineBeans {

    @Inject
    Instance<RunEngine> ticker;

    private static final Logger LOG = Logger.getLogger(EngineBeans.class);
    /** Parallel PUTs of an upload's files: each waits on the store's round trip, not on a core. */
    private static final int UPLOAD_WRITERS = 16;

    @Produces
    @Singleton
    PipelineCatalog catalog(OrchestratorSettings settings) {
        PipelineCatalog catalog = PipelineCatalog.load(settings.definitionsDir());
        LOG.infof("pipelines: %s", catalog.all().stream().map(p -> p.name()).toList());
        return catalog;
    }

    @Produces
    @Singleton
    StoreDatasets datasets(ArtifactStore store) {
        return new StoreDatasets(store);
    }

    @Produces
    @Singleton
    DatasetUploads uploads(ArtifactStore store) {
        return new DatasetUploads(store, Executors.newFixedThreadPool(UPLOAD_WRITERS, r -> {
            Thread t = new Thread(r, "dataset-upload-writer");
            t.setDaemon(true);
            return t;
        }));
    }

    @Produces
    @Singleton
    RunStore runStore(ArtifactStore store) {
        return new ArtifactRunStore(store);
    }

    @Produces
    @Singleton
    RunEngine engine(PipelineCatalog catalog, StoreDatasets datasets, RunStore runs, EventSink events,
            OrchestratorSettings settings) {
        RunEngine engine = new RunEngine(catalog, datasets, runs, events, Clock.systemUTC(),
                settings.retryBackoff());
        try {
            engine.handOver(runId -> false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return engine;
    }

    void gauges(@Observes StartupEvent start, RunEngine engine, MeterRegistry registry) {
        for (RunStatus status : RunStatus.values()) {
            Gauge.builder("maskflow.runs", engine, e -> e.count(status)).description("runs this orchestrator "
                    + "drives (those of its partitions), by status").tag("status", status.name().toLowerCase(
                    java.util.Locale.ROOT)).register(registry);
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        ticker.get().tick();
    }
}
