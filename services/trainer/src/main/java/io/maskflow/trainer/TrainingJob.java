package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One training in this replica, started over REST or by a pipeline step: what it trains, how far it is, and
 * what it produced. Readable from any thread while it runs; {@link #cancel()} stops it before the next batch,
 * until training is over: once only its outputs remain to be written ({@link #lastStage()}) a job can no longer
 * be cancelled.
 */
public final class TrainingJob {

    /** Where a job is in its life. */
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** Numbers the jobs' ends in this process, so that finished jobs sort by when they ended, ties impossible. */
    private static final AtomicLong ENDINGS = new AtomicLong();

    private final String id;
    private final String source;
    private final TrainParams parameters;
    private final Instant created = Instant.now();
    private final List<TrainingRunner.Epoch> curve = new CopyOnWriteArrayList<>();
    private final Runnable ended;
    private volatile Status status = Status.QUEUED;
    private volatile boolean cancelRequested;
    private volatile BooleanSupplier stopRequested = () -> false;
    private volatile Instant finished;
    private volatile Map<String, ArtifactRef> outputs = Map.of();
    private volatile String error;
    private volatile boolean lastStage;
    private volatile long ending;

    /** @param ended told once the job has ended, whichever way */
    TrainingJob(String id, String source, TrainParams parameters, Runnable ended) {
        this.id = id;
        this.source = source;
        this.parameters = parameters;
        this.ended = ended;
    }

    /** A view for JSON. */
    public record View(String id, String source, Status status, TrainParams parameters, Instant created,
            Instant finished, int epochs, List<TrainingRunner.Epoch> curve, Map<String, ArtifactRef> outputs,
            String error) {
    }

    public View view() {
        return new View(id, source, status, parameters, created, finished, parameters.epochs(), List.copyOf(curve),
                outputs, error);
    }

    public String id() {
        return id;
    }

    public Status status() {
        return status;
    }

    /** Whether the job has ended (SUCCEEDED, FAILED or CANCELLED); a job is run once, so it never runs again. */
    public boolean ended() {
        Status now = status;
        return now != Status.QUEUED && now != Status.RUNNING;
    }

    /** Where the job is in the order the jobs of this process ended in (larger is later); 0 while it runs. */
    long ending() {
        return ending;
    }

    /** Whether the job was cancelled over REST or its pipeline step was asked to stop. */
    public boolean cancelRequested() {
        return cancelRequested || stopRequested.getAsBoolean();
    }

    /** Makes the job stop, like {@link #cancel()}, as soon as {@code stop} says so (a pipeline step's stop signal). */
    void stopWhen(BooleanSupplier stop) {
        stopRequested = stop;
    }

    /**
     * Asks the job to stop; true when it will, being queued or training. False when it has ended or is in its
     * {@linkplain #lastStage() last stage} (its training is over, its outputs are being written): it then ends as it
     * would have without the cancel.
     */
    public synchronized boolean cancel() {
        if (lastStage || ended()) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    /**
     * Training is over and only the outputs remain to be written: from here on {@link #cancel()} refuses. False,
     * and the stage does not start, when a cancel was accepted first (after the runner last asked): the job must
     * then end CANCELLED, as that cancel was told.
     */
    synchronized boolean lastStage() {
        if (cancelRequested) {
            return false;
        }
        lastStage = true;
        return true;
    }

    void running() {
        status = Status.RUNNING;
    }

    void epoch(TrainingRunner.Epoch epoch) {
        curve.add(epoch);
    }

    void succeeded(Map<String, ArtifactRef> produced) {
        outputs = Map.copyOf(produced);
        finish(false);
    }

    void failed(String message) {
        error = message;
        finish(true);
    }

    private void finish(boolean failed) {
        synchronized (this) {
            // under the lock cancel() takes: a cancel it accepted is seen here, and none is accepted after
            finished = Instant.now();
            ending = ENDINGS.incrementAndGet();
            status = !failed ? Status.SUCCEEDED : cancelRequested() ? Status.CANCELLED : Status.FAILED;
        }
        ended.run();
    }
}
