package io.maskflow.serving;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The model this replica serves. Loads the promoted model at start-up and again whenever
 * {@code maskflow.models.promoted} says so (every replica reads it in a consumer group of its own); the new model
 * is loaded and warmed beside the old one and swapped in at once, so no request fails or waits; a model that does
 * not load leaves the old one serving. A model trained with {@code crop=face} loads the face analyzer (once for
 * the service, shared by every model and request).
 */
@ApplicationScoped
public class ModelHolder {

    /** Channel of {@code maskflow.models.promoted}. */
    public static final String CHANNEL = "promoted";

    private static final Logger LOG = Logger.getLogger(ModelHolder.class);
    private static final String REPLICA = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    ArtifactStore store;
    @Inject
    MeterRegistry registry;
    @Inject
    ServingMetrics metrics;
    @Inject
    PromotionSigner signer;
    @Inject
    EventSink events;
    @ConfigProperty(name = "maskflow.serving.workers", defaultValue = "2")
    int workers;
    @ConfigProperty(name = "maskflow.serving.max-batch", defaultValue = "16")
    int maxBatch;
    @ConfigProperty(name = "maskflow.serving.max-wait", defaultValue = "PT0.002S")
    Duration maxWait;
    @ConfigProperty(name = "maskflow.serving.timeout", defaultValue = "PT30S")
    Duration timeout;
    /** A photo is decoded by the inference worker that runs its forward pass (docs/serving.md). */
    @ConfigProperty(name = "maskflow.serving.prepare-in-workers", defaultValue = "true")
    boolean prepareInWorkers;
    /**
     * PyTorch's intra-op threads for each forward pass; 0 keeps PyTorch's default (a thread per core). The workers
     * run batches side by side, so one each keeps {@code workers} forward passes from fighting over the cores.
     */
    @ConfigProperty(name = "maskflow.serving.intra-op-threads", defaultValue = "1")
    int intraOpThreads;

    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    /** The latest signed promotion taken (set under {@link #loading}, after its model loaded or was loaded already). */
    private final AtomicReference<Promotion> promotion = new AtomicReference<>();
    private final Object loading = new Object();
    private final SharedFaceAnalyzer faces = new SharedFaceAnalyzer();
    private final AtomicLong loadedAtSeconds = new AtomicLong();
    private Gauge info;

    void registerGauges(@Observes StartupEvent start) {
        Gauge.builder("maskflow.serving.model.loaded.timestamp", loadedAtSeconds, AtomicLong::doubleValue)
                .description("when the served model was loaded (epoch seconds), 0 before any").baseUnit("seconds")
                .register(registry);
    }

    void loadPromoted(@Observes StartupEvent start) {
        if (intraOpThreads > 0) {
            // threads that have not run an operation yet take this count at their first (PyTorch's lazy init)
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(intraOpThreads);
            LOG.infof("PyTorch intra-op threads: %d per forward pass, %d workers", intraOpThreads, workers);
        }
        if (!signer.hasKey()) {
            LOG.warn("no promotion key (maskflow.promotion.key or key-file): signed promotions cannot be checked");
        }
        // the record is read and loaded under the loading lock: a promotion that comes meanwhile loads after it
        // (and is skipped if the record already named its model), never before it to be replaced by an older one
        synchronized (loading) {
            try {
                Optional<byte[]> bytes = recordBytes();
                if (bytes.isEmpty()) {
                    LOG.info("no model is promoted yet; not ready until one is");
                    return;
                }
                PromotedModel record;
                try {
                    record = PromotedModel.read(bytes.get());
                } catch (IOException e) {
                    LOG.errorf("could not read %s: %s; not ready until a model is promoted",
                            ArtifactKeys.promotedModel(), firstLine(e));
                    return;
                }
                String modelId = record.modelId() == null ? "model" : record.modelId();
                if (signed("the promoted-model record " + ArtifactKeys.promotedModel(), modelId, record.model(),
                        record.runId(), record.signature())) {
                    load(modelId, record.model());
                    promotion.set(Promotion.of(record));
                }
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "could not load the promoted model at start-up");
            }
        }
    }

    /** The promoted-model record's bytes as the evaluator wrote them; empty when no model was promoted yet. */
    private Optional<byte[]> recordBytes() throws IOException {
        Optional<ArtifactRef> ref = store.stat(ArtifactKeys.promotedModel());
        return ref.isEmpty() ? Optional.empty() : Optional.of(store.read(ref.get()));
    }

    /**
     * The promoted-model record, read after a promotion event for who promoted the model and why; empty when there
     * is none (a promotion published without one) or it cannot be read (logged: the model is served all the same).
     */
    private Optional<PromotedModel> recordQuietly() {
        try {
            Optional<byte[]> bytes = recordBytes();
            return bytes.isEmpty() ? Optional.empty() : Optional.of(PromotedModel.read(bytes.get()));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not read %s for who promoted the model and why: %s", ArtifactKeys.promotedModel(),
                    firstLine(e));
            return Optional.empty();
        }
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("no reason given");
    }

    @Incoming(CHANNEL)
    @Blocking
    public void promoted(ConsumerRecord<String, String> record) {
        try {
            ModelPromotedEvent event = EventCodec.instance().decode(record.value(), ModelPromotedEvent.class);
            String where = String.format("the promotion at %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
            if (signed(where, event.modelId(), event.model(), event.runId(), event.signature())) {
                synchronized (loading) {
                    load(event.modelId(), event.model());
                    promotion.set(Promotion.of(event, recordQuietly()));
                }
            }
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
        } catch (IOException | RuntimeException e) {
            metrics.modelLoad("failed", 0);
            LOG.errorf(e, "the promoted model could not be loaded; the old one keeps serving");
        }
    }

    /**
     * An unreadable promotion goes to the dead-letter topic with the reason, as every service's unreadable messages
     * do (one dead letter per replica, as each reads every promotion); the current model keeps serving.
     */
    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering an unreadable promotion at %s-%d@%d: %s", record.topic(), record.partition(),
                record.offset(), reason);
        try {
            String[] ids = EventCodec.instance().peekIds(record.value() == null ? "" : record.value());
            events.publish(Topics.DEAD_LETTER, new DeadLetterEvent(Event.SCHEMA_VERSION, ids[0], ids[1], null,
                    record.topic(), record.partition(), record.offset(), "serving " + REPLICA, reason,
                    record.value(), null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not dead-letter the promotion at %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
        }
    }

    /**
     * Whether a promotion carries the evaluator's signature (or signatures are not required here). One that does
     * not is logged, counted and ignored: the current model keeps serving.
     */
    private boolean signed(String where, String modelId, ArtifactRef model, String runId, String signature) {
        PromotionSigner.Verdict verdict = signer.check(modelId, model, runId, signature);
        if (!verdict.accepted()) {
            metrics.promotionRefused(verdict.code());
            LOG.errorf("refused %s of %s (%s): %s; the current model keeps serving", where, modelId, model.uri(),
                    verdict.reason());
        }
        return verdict.accepted();
    }

    /**
     * Loads a model beside the current one and swaps it in. One load at a time: two loads at once (the start-up
     * load and a promotion, say) would hold both new models in memory and serve whichever finished last.
     */
    public void load(String modelId, ArtifactRef ref) throws IOException {
        synchronized (loading) {
            loadNow(modelId, ref);
        }
    }

    private void loadNow(String modelId, ArtifactRef ref) throws IOException {
        LoadedModel existing = current.get();
        if (existing != null && existing.ref().equals(ref)) {
            return;
        }
        Path dir = Files.createTempDirectory("served-model-");
        long start = System.nanoTime();
        try {
            Ensemble ensemble = null;
            List<ArtifactRef> members = List.of(ref);
            if (Ensemble.isEnsemble(ref)) {
                ensemble = Ensemble.read(store.read(ref));
                members = ensemble.members();
            }
            List<Path> files = new ArrayList<>();
            for (ArtifactRef member : members) {
                Path file = dir.resolve("member-" + files.size() + ".zip");
                store.download(member, file);
                files.add(file);
            }
            LoadedModel loaded = LoadedModel.load(modelId, ref, files, ensemble, new LoadedModel.Batching(workers,
                    maxBatch, maxWait.toNanos() / 1000, timeout, prepareInWorkers), registry, faces);
            LoadedModel old = current.getAndSet(loaded);
            metrics.modelLoad("loaded", start);
            loadedAtSeconds.set(loaded.loadedAt().getEpochSecond());
            synchronized (this) {
                if (info != null) {
                    registry.remove(info);
                }
                info = Gauge.builder("maskflow.serving.model.info", () -> 1).description(
                        "1 for the served model, its id and architecture as tags").tag("model_id", modelId)
                        .tag("architecture", loaded.descriptor().architecture()).register(registry);
            }
            LOG.infof("serving %s (%s%s, %d px, %s crop) from %s, loaded in %d ms", modelId,
                    loaded.descriptor().architecture(), ensemble == null ? "" : ", " + ensemble.vote() + " vote of "
                    + members.size(), loaded.descriptor().imageSize(), loaded.crop(), ref.uri(),
                    (System.nanoTime() - start) / 1_000_000);
            if (old != null) {
                old.retire();
            }
        } finally {
            ModelArtifact.deleteTree(dir);
        }
    }

    @PreDestroy
    void closeFaces() {
        faces.close();
    }

    /** The served model, if any, without holding it (for descriptions). */
    public Optional<LoadedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * The promotion that put {@code served} in service; empty for a model loaded otherwise (by hand in a test) or
     * while a newer promotion's model is being swapped in.
     */
    public Optional<Promotion> promotion(ArtifactRef served) {
        return Optional.ofNullable(promotion.get()).filter(p -> p.model().equals(served));
    }

    /**
     * The served model, held for one request: the caller must {@link LoadedModel#release()} it. A model swapped out
     * meanwhile stays open until its last holder releases it.
     */
    public Optional<LoadedModel> acquire() {
        while (true) {
            LoadedModel model = current.get();
            if (model == null) {
                return Optional.empty();
            }
            if (model.tryAcquire()) {
                return Optional.of(model);
            }
        }
    }
}
