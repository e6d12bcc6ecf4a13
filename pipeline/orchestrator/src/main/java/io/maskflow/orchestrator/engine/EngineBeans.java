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
import java.time.Clock;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/** Builds the engine for the service, recovers runs at start-up and ticks it every second. */
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
    RunEngine engine(PipelineCatalog catalog, StoreDatasets datasets, ArtifactStore store, EventSink events,
            OrchestratorSettings settings) {
        return new RunEngine(catalog, datasets, new ArtifactRunStore(store), events, Clock.systemUTC(),
                settings.retryBackoff());
    }

    void recover(@Observes StartupEvent start, RunEngine engine, MeterRegistry registry) throws IOException {
        int active = engine.recover();
        LOG.infof("recovered %d unfinished run(s)", active);
        for (RunStatus status : RunStatus.values()) {
            Gauge.builder("maskflow.runs", engine, e -> e.count(status)).description("runs known to the "
                    + "orchestrator by status (kept across restarts)").tag("status", status.name().toLowerCase(
                    java.util.Locale.ROOT)).register(registry);
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        ticker.get().tick();
    }
}
