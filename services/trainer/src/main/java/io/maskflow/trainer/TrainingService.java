package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import io.maskflow.sdk.store.ShardSets;
import io.maskflow.vision.model.ModelArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs trainings for both entrances: pipeline steps (on the consumer's thread) and REST jobs (queued on one
 * thread). A replica trains one model at a time either way: DJL's PyTorch engine collects one training's gradients
 * at a time, so a training that finds another running waits for it to end, QUEUED, in the order they came (a fair
 * lock), and a cancel ends the wait. Every training is a {@link TrainingJob} that REST can follow and cancel,
 * checkpointed under its output prefix. Queued and running jobs are all kept; of the ended ones only the
 * {@code maskflow.trainer.finished-jobs-kept} that ended last.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);

    /** What one training wrote, and the runner's result. */
    public record Outcome(Map<String, ArtifactRef> outputs, TrainingRunner.Result result, int images) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    TrainingMetrics metrics;
    /**
     * How many ended jobs (SUCCEEDED, FAILED, CANCELLED) stay listed, each with its curve and outputs; those that
     * ended earliest go first. Queued and running jobs are always kept.
     */
    @ConfigProperty(name = "maskflow.trainer.finished-jobs-kept", defaultValue = "100")
    int finishedJobsKept = 100;

    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    /**
     * Held by the one training that runs. Fair: those that wait take it in the order they came, so the REST queue
     * cannot take it back before a step that waits (one that has just polled for a cancel rejoins at the end, which
     * would matter only were several to wait: one consumer thread and one REST queue train here).
     */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** The job holding {@link #turn}, named to the ones that wait. */
    private volatile TrainingJob training;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training-jobs");
        t.setDaemon(true);
        return t;
    });

    /** Registers a job for a pipeline step; the caller runs it with {@link #run}. */
    public TrainingJob stepJob(String runId, String stepId, TrainParams params) {
        return register(new TrainingJob(runId + "/" + stepId, "step", params, this::dropOldEndedJobs));
    }

    /**
     * Checks, before a REST job is queued, that {@code shards} is a shard index whose images fit this trainer's heap
     * and that {@code params} asks nothing of it that it lacks: the key of another object (a report, a CSV), a set
     * too large, images too small for the {@code architecture} (stem-cnn at 24 px), a {@code validationFold} its
     * index counts no image in (19 on a 5-fold split) or a {@code balanceCue} its drawing values do not include is
     * refused now, a 400 saying why, instead of an accepted job that fails a moment later with the same reason.
     *
     * @throws io.maskflow.sdk.store.ArtifactUnreadableException when it is not a shard index
     * @throws io.maskflow.contracts.params.InvalidParametersException when its images are too small for the network
     * @throws IllegalArgumentException when its images would not fit, or it lacks the fold or the drawing value named
     */
    public void checkShards(ArtifactRef shards, TrainParams params) throws IOException {
        ShardIndex index = ShardSets.index(store, shards);
        params.architecture().requireImageSize(index.imageSize());
        TrainingData.checkFits(index, Runtime.getRuntime().maxMemory());
        ValidationFold.check(params.validationFold(), index.foldCounts());
        CueBalance.check(params.balanceCue(), index.cueNames(), index.personCues());
    }

    /**
     * Checks, before a REST job is queued, that {@code init} is a model artifact to start from: the key of a report,
     * a CSV or a data set's zip is refused now, a 400 saying why, instead of an accepted job that fails a moment later
     * with the zip reader's "zip END header not found".
     *
     * @throws ArtifactUnreadableException when it is not a model artifact
     */
    public void checkInit(ArtifactRef init) throws IOException {
        Path file = Files.createTempFile("init-", ".zip");
        try {
            store.download(init, file);
            checkInit(init, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@link #checkInit(ArtifactRef)} on the model already downloaded to {@code file}. */
    private static void checkInit(ArtifactRef init, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ModelArtifact.describe(in, ModelArtifact.inflationBound(Files.size(file)));
        } catch (IOException e) {
            throw new ArtifactUnreadableException(init.uri() + " is not a model to start from (a model.zip of a "
                    + "train step): " + e.getMessage());
        }
    }

    /** Queues a REST job whose outputs go under {@code jobs/train/<id>/}. */
    public TrainingJob submit(TrainParams params, ArtifactRef shards, ArtifactRef init) {
        TrainingJob job = register(new TrainingJob("train-" + UUID.randomUUID().toString().substring(0, 8), "rest",
                params, this::dropOldEndedJobs));
        queue.submit(() -> {
            if (job.cancelRequested()) {
                job.failed("cancelled before it started");
                return;
            }
            try {
                String prefix = "jobs/train/" + job.id() + "/";
                run(job, params, shards, init, prefix, prefix, update -> { });
            } catch (Exception | Error e) {
                // the job says how it ended (run() marked it failed); an Error is not rethrown: the queue's
                // future would keep it where nobody looks
                LOG.warnf("training job %s ended: %s", job.id(), e.toString());
            }
        });
        return job;
    }

    private TrainingJob register(TrainingJob job) {
        jobs.put(job.id(), job);
        dropOldEndedJobs();
        return job;
    }

    /**
     * Forgets the ended jobs beyond the {@link #finishedJobsKept} that ended last (in the order they ended). Only
     * ended jobs go, and an ended job never runs again, so a queued or running one is never dropped; a job is
     * removed only if its id still maps to it (a pipeline step's id comes again when its command is redelivered: a
     * new job registered under it meanwhile stays). Called when a job is registered and when one ends.
     */
    synchronized void dropOldEndedJobs() {
        List<TrainingJob> ended = jobs.values().stream().filter(TrainingJob::ended)
                .sorted(Comparator.comparingLong(TrainingJob::ending)).toList();
        for (int i = 0; i < ended.size() - Math.max(0, finishedJobsKept); i++) {
            jobs.remove(ended.get(i).id(), ended.get(i));
        }
    }

    public Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Collection<TrainingJob> jobs() {
        return jobs.values();
    }

    /**
     * Trains and writes {@code model.zip}, {@code curve.json} and {@code curve.png} under {@code prefix}. While
     * another training runs the job waits for it to end, QUEUED; a cancel ends the wait, and the job, with a
     * {@link CancellationException}.
     *
     * @param checkpointPrefix where checkpoints go and are resumed from: shared by every attempt of the same
     *     training, so a retry carries on from the last epoch an earlier attempt saved
     * @param epochs told each finished epoch (for progress events)
     */
    public Outcome run(TrainingJob job, TrainParams params, ArtifactRef shards, ArtifactRef init,
            String checkpointPrefix, String prefix, Consumer<TrainingRunner.Epoch> epochs) throws IOException {
        Path work = null;
        try {
            awaitTurn(job);
            job.running();
            work = Files.createTempDirectory("train-");
            Path initModel = null;
            if (init != null) {
                initModel = work.resolve("init.zip");
                store.download(init, initModel);
                checkInit(init, initModel);
            }
            TrainingRunner.Data data = TrainingData.load(store, shards, initModel, params.architecture());
            TrainingRunner.Result result = new TrainingRunner(null, new StoreCheckpoints(store, checkpointPrefix),
                    job::cancelRequested).train(params, data, work.resolve("model.zip"), (epoch, total) -> {
                        job.epoch(epoch);
                        metrics.epochDone(epoch);
                        epochs.accept(epoch);
                    });
            if (!job.lastStage()) {
                // cancelled after the runner last asked: that cancel was told the job stops, so it does
                throw new CancellationException("training was cancelled");
            }
            // from here a cancel is refused: the job ends as the uploads do
            Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
            outputs.put("model", store.put(prefix + "model.zip", result.artifact(), "application/zip"));
            outputs.put("curve", store.put(prefix + "curve.json", EventCodec.instance().mapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(result.curve()), "application/json"));
            outputs.put("curvePlot", store.put(prefix + "curve.png", CurvePlot.png(result.curve(),
                    params.architecture().id() + ", " + params.heads().id() + " heads"), "image/png"));
            job.succeeded(outputs);
            LOG.infof("trained %s (%s heads) on %d images%s: kept epoch %d, val macro F1 %.3f",
                    params.architecture().id(), params.heads().id(), data.records().size(),
                    result.resumed() ? " (resumed from a checkpoint)" : "", result.keptEpoch(),
                    result.descriptor().metrics().get("valMacroF1"));
            return new Outcome(outputs, result, data.records().size());
        } catch (IOException | RuntimeException | Error e) {
            // an Error too (the heap ran out loading the shards, say): a job left RUNNING would stay so for good
            job.failed(e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage());
            throw e;
        } finally {
            if (work != null) {
                ModelArtifact.deleteTree(work);
            }
            if (turn.isHeldByCurrentThread()) {
                training = null;
                turn.unlock();
            }
        }
    }

    /**
     * Takes the turn to train, waiting for the training that has it to end; asks every 100 ms whether {@code job}
     * was cancelled meanwhile (a waiting lock would not hear it).
     *
     * @throws CancellationException when it was
     * @throws InterruptedIOException when the thread is interrupted while it waits
     */
    private void awaitTurn(TrainingJob job) throws InterruptedIOException {
        boolean told = false;
        try {
            while (!turn.tryLock(100, TimeUnit.MILLISECONDS)) {
                if (job.cancelRequested()) {
                    throw new CancellationException("training was cancelled while it waited for another to end");
                }
                if (!told) {
                    TrainingJob other = training;
                    LOG.infof("training %s waits for training %s to end", job.id(),
                            other == null ? "(another)" : other.id());
                    told = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another training to end");
        }
        training = job;
    }
}
